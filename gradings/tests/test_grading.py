"""The quality grading: the grade a score earns under QĐ 366-QĐ/TW (and none before it: the grade is given), the
quota (refused as a whole, nothing kept, naming the rule), the grassroots organisation it is counted in before and
after 01/7/2025, the proposal by the chi bộ, two years "không hoàn thành" flagged."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import LogEntry
from conftest import make_org
from gradings.models import Grade, Grading
from gradings.rules import grade_for, grading_rules_on
from gradings.services import assess, decide_gradings, flagged
from members.models import PartyMember, Status
from org.models import Kind, Person

D = datetime.date
AFTER, BEFORE = D(2025, 12, 20), D(2024, 12, 20)


@pytest.fixture
def members(world):
    """Twelve official members: six in chi bộ 1, six in chi bộ 2."""
    rows = []
    for number in range(12):
        cell = world.cell if number < 6 else world.cell2
        person = Person.objects.create(organization=cell, full_name=f"Đảng viên {number:02d}",
                                       search_name=f"dang vien {number:02d}")
        rows.append(PartyMember.objects.create(person=person, organization=cell, status=Status.OFFICIAL,
                                               status_since=D(2000, 1, 1)))
    return rows


def test_a_score_earns_its_grade_under_366_with_the_conditions():
    rules = grading_rules_on(AFTER)
    assert rules.scored and "366-QĐ/TW" in rules.source
    assert grade_for(Decimal(90), rules=rules, collective=False, exceeded_share=30) == Grade.EXCELLENT
    assert grade_for(Decimal(90), rules=rules, collective=False, exceeded_share=29) == Grade.GOOD
    assert grade_for(Decimal("89.99"), rules=rules, collective=False, exceeded_share=50) == Grade.GOOD
    assert grade_for(Decimal(95), rules=rules, collective=False, all_on_time=False) == Grade.COMPLETED
    assert grade_for(Decimal(70), rules=rules, collective=False) == Grade.GOOD
    assert grade_for(Decimal(50), rules=rules, collective=False) == Grade.COMPLETED
    assert grade_for(Decimal("49.5"), rules=rules, collective=False) == Grade.NOT_COMPLETED
    assert grade_for(Decimal(98), rules=rules, collective=False, breach=True) == Grade.NOT_COMPLETED
    # A collective: no unit or leader disciplined for "xuất sắc"; at most 20% of its tasks late for "hoàn thành".
    assert grade_for(Decimal(95), rules=rules, collective=True, exceeded_share=40, disciplined=True) == Grade.GOOD
    assert grade_for(Decimal(60), rules=rules, collective=True, late_share=20) == Grade.COMPLETED
    assert grade_for(Decimal(60), rules=rules, collective=True, late_share=21) == Grade.NOT_COMPLETED


def test_before_366_the_grade_is_given_not_scored(world, clerk, members):
    assert not grading_rules_on(BEFORE).scored and not grading_rules_on(D(2025, 8, 29)).scored
    with pytest.raises(ValidationError) as error:
        decide_gradings(ward=world.ward, actor=clerk, year=2024, decided_on=BEFORE,
                        decisions=[{"member": members[0], "score": 95}])
    assert "không chấm điểm" in str(error.value)
    [grading] = decide_gradings(ward=world.ward, actor=clerk, year=2024, decided_on=BEFORE,
                                decisions=[{"member": members[0], "grade": Grade.GOOD}])
    assert (grading.grade, grading.score) == (Grade.GOOD, None)
    with pytest.raises(ValidationError) as error:  # after: a grade that disagrees with the score is refused
        decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER,
                        decisions=[{"member": members[0], "score": 75, "grade": Grade.EXCELLENT}])
    assert "Hoàn thành tốt nhiệm vụ" in str(error.value) and "Dòng 1" in str(error.value)


def _decide(world, clerk, members, excellent: int, day=AFTER):
    """`excellent` members graded excellent (95, 40% exceeded; or the grade given before QĐ 366), the rest good."""
    scored = grading_rules_on(day).scored
    best = {"score": 95, "exceeded_share": 40} if scored else {"grade": Grade.EXCELLENT}
    good = {"score": 80} if scored else {"grade": Grade.GOOD}
    return decide_gradings(ward=world.ward, actor=clerk, year=day.year, decided_on=day, decisions=[
        {"member": member, **(best if number < excellent else good)} for number, member in enumerate(members)])


def test_over_the_quota_nothing_is_kept_and_the_refusal_names_the_rule(world, clerk, members):
    # Before 01/7/2025 the quota is the Đảng bộ's: 12 good or better allow 2 excellent (20%, rounded down).
    _decide(world, clerk, members, excellent=2, day=D(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        _decide(world, clerk, members, excellent=3, day=D(2025, 1, 10))
    message = str(error.value)
    assert "Vượt tỷ lệ đảng viên “Hoàn thành xuất sắc nhiệm vụ” ở Đảng ủy phường Sài Đồng: 3 trong 12" in message
    assert "tối đa 2" in message and "21-HD/BTCTW" in message and "Chưa lưu" in message
    assert Grading.objects.filter(year=2025, grade=Grade.EXCELLENT).count() == 2  # the refused batch left nothing


def test_from_july_2025_the_quota_is_counted_in_each_chi_bo(world, clerk, members):
    # Six members in each chi bộ: 6 good or better allow 1 excellent in each (the ward's 12 would allow 2).
    with pytest.raises(ValidationError) as error:
        _decide(world, clerk, members, excellent=2)  # both in chi bộ 1
    assert "ở Chi bộ số 1: 2 trong 6" in str(error.value)
    assert not Grading.objects.exists()
    decisions = [{"member": m, "score": 95, "exceeded_share": 40} if n in (0, 6) else {"member": m, "score": 80}
                 for n, m in enumerate(members)]
    decided = decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER, decisions=decisions)
    assert Grading.objects.filter(grade=Grade.EXCELLENT).count() == 2 and len(decided) == 12
    assert Grading.objects.filter(year=2025).by_cell()[world.cell.pk] == {Grade.EXCELLENT: 1, Grade.GOOD: 5}
    assert LogEntry.objects.filter(action="gradings.gradings.decided").count() == 1


def test_the_chi_bo_proposes_for_its_own_members_only(world, clerk, cell_secretary, members):
    grading = assess(ward=world.ward, actor=cell_secretary, year=2025, stage="proposed", member=members[0],
                     score=82, day=AFTER)
    assert (grading.proposed_score, grading.proposed_grade) == (Decimal(82), Grade.GOOD)
    assess(ward=world.ward, actor=cell_secretary, year=2025, stage="self", member=members[0], score=91,
           exceeded_share=35, day=AFTER)
    grading.refresh_from_db()
    assert (grading.self_grade, grading.proposed_grade, grading.grade) == (Grade.EXCELLENT, Grade.GOOD, "")
    with pytest.raises(PermissionDenied):  # chi bộ 2 is not hers
        assess(ward=world.ward, actor=cell_secretary, year=2025, stage="proposed", member=members[6], score=82)
    with pytest.raises(PermissionDenied):  # the Đảng ủy decides
        decide_gradings(ward=world.ward, actor=cell_secretary, year=2025, decided_on=AFTER,
                        decisions=[{"member": members[0], "score": 82}])
    with pytest.raises(ValidationError):
        assess(ward=world.ward, actor=clerk, year=2025, stage="proposed", member=members[0], score=101, day=AFTER)


def test_two_years_not_completed_are_flagged(world, clerk, members):
    decide_gradings(ward=world.ward, actor=clerk, year=2024, decided_on=BEFORE, decisions=[
        {"member": members[0], "grade": Grade.NOT_COMPLETED}, {"member": members[1], "grade": Grade.NOT_COMPLETED}])
    decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER, decisions=[
        {"member": members[0], "score": 40}, {"member": members[1], "score": 60}])
    assert [g.member for g in flagged(Grading.objects.all(), 2025)] == [members[0]]


def test_a_chi_bo_is_graded_by_the_ward_with_its_own_quota(world, clerk):
    best, good = {"score": 92, "exceeded_share": 30}, {"score": 85}
    with pytest.raises(ValidationError) as error:  # 1 of 2 chi bộ is over 20% of 2 (none allowed)
        decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER,
                        decisions=[{"cell": world.cell, **best}, {"cell": world.cell2, **good}])
    assert "Vượt tỷ lệ chi bộ" in str(error.value) and "1 trong 2 chi bộ" in str(error.value)
    more = [make_org(world.ward, f"Chi bộ số {n}", Kind.CELL) for n in (3, 4, 5)]
    decided = decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER, decisions=[
        {"cell": world.cell, **best}, *({"cell": cell, **good} for cell in [world.cell2, *more])])
    assert [g.grade for g in decided] == [Grade.EXCELLENT] + [Grade.GOOD] * 4  # 1 of 5: 20%


def test_a_term_is_graded_apart_from_its_years(client, world, clerk, members):
    """A grading for a term of the Đảng bộ (2020–2025) sits beside the years' (each member once a term, once a
    year), with its own quota; the page and the API read it by ?term=."""
    from django.urls import reverse

    from gradings.results import CURRENT
    from org.models import Term

    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    _decide(world, clerk, members, excellent=2, day=D(2025, 1, 10))  # the year 2025, ward quota: 2 of 12
    decided = decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=D(2025, 6, 10), term=term,
                              decisions=[{"member": m, "grade": Grade.EXCELLENT if n < 2 else Grade.GOOD}
                                         for n, m in enumerate(members)])
    assert {g.term for g in decided} == {term} and Grading.objects.count() == 24
    with pytest.raises(ValidationError) as error:  # the term's own quota
        decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=D(2025, 6, 10), term=term,
                        decisions=[{"member": members[2], "grade": Grade.EXCELLENT}])
    assert "3 trong 12" in str(error.value)
    other = Term.objects.create(organization=world.other_ward, name="2020–2025", start_date=D(2020, 6, 20))
    with pytest.raises(ValidationError):
        decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=D(2025, 6, 10), term=other,
                        decisions=[{"member": members[0], "grade": Grade.GOOD}])
    client.force_login(clerk)
    rows = client.get(reverse("grading_list"), {"ward": world.ward.pk, "term": term.pk}).context["rows"]
    assert rows[0].total(CURRENT) == 12 and rows[0].pairs[0] == (2, 0)
    response = client.get(reverse("grading_list"), {"ward": world.ward.pk, "year": 2025})
    assert response.context["rows"][0].pairs[0] == (2, 0) and response.context["term"] is None
    assert client.get(reverse("grading_list"), {"ward": world.ward.pk, "term": other.pk}).status_code == 404


def test_gradings_are_the_wards_and_of_a_past_or_present_year(world, clerk, cell_secretary, members):
    with pytest.raises(ValidationError):  # filed under the chi bộ instead of the ward: refused
        assess(ward=world.cell, actor=cell_secretary, year=2025, stage="self", member=members[0], score=80,
               day=AFTER)
    with pytest.raises(ValidationError) as error:
        decide_gradings(ward=world.ward, actor=clerk, year=2100, decided_on=AFTER,
                        decisions=[{"member": members[0], "score": 80}])
    assert "năm nay" in str(error.value)
    Grading.objects.create(ward=world.other_ward, unit=world.cell, member=members[0], year=2025)
    with pytest.raises(ValidationError) as error:  # a row another ward holds is not written over
        decide_gradings(ward=world.ward, actor=clerk, year=2025, decided_on=AFTER,
                        decisions=[{"member": members[0], "score": 80}])
    assert "Đảng ủy phường Bồ Đề" in str(error.value)
