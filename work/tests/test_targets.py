"""Targets: the share achieved computed exactly and written the Vietnamese way (seed 002's "đạt 36,26%" and
"138,5%"), compared with the share of the year elapsed on both sides of each boundary; figures the system holds
counted, not typed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import LogEntry
from members.models import EventKind, MembershipEvent
from work.models import Indicator, Target
from work.services import create_target, record_actual, update_target
from work.targets import Standing, achievements, elapsed_share, figure, with_actuals

D = datetime.date


def reached(target, today):
    [loaded] = with_actuals(Target.objects.filter(pk=target.pk))
    return achievements([loaded], today)[target.pk]


@pytest.fixture
def budget(world, clerk):
    target = create_target(ward=world.ward, actor=clerk, year=2020, indicator=Indicator.BUDGET_REVENUE,
                           target_value=Decimal("11031000000"), basis="Quyết định giao dự toán năm 2020")
    record_actual(target, actor=clerk, day=D(2020, 6, 30), value=Decimal("4000000000"),
                  source="Báo cáo kết quả 6 tháng đầu năm 2020")
    return target


def test_seed_002s_budget_is_achieved_at_36_26_percent(budget):
    got = reached(budget, D(2020, 7, 1))
    assert got.percent == Decimal("36.26") and got.percent_text == "36,26%"
    assert figure(got.actual, budget) == "4.000.000.000 đồng" and figure(budget.target_value, budget) == \
        "11.031.000.000 đồng"


def test_seed_002s_call_up_is_achieved_at_138_5_percent(world, clerk):
    target = create_target(ward=world.ward, actor=clerk, year=2020, indicator=Indicator.MILITARY_CALLUP,
                           target_value=13, decimals=1)
    record_actual(target, actor=clerk, day=D(2020, 3, 1), value=18, source="Lễ giao quân năm 2020")
    got = reached(target, D(2020, 7, 1))
    assert (got.percent, got.percent_text, got.standing) == (Decimal("138.5"), "138,5%", Standing.ACHIEVED)
    assert figure(got.actual, target) == "18 người"


@pytest.mark.parametrize(("today", "standing"), [
    (D(2020, 5, 11), Standing.ON_TRACK),  # 132 days of 366: 36,07% of the year
    (D(2020, 5, 12), Standing.BEHIND),  # 133 days: 36,34%
    (D(2019, 12, 31), Standing.ON_TRACK),  # before the year: nothing is due yet
    (D(2021, 1, 1), Standing.BEHIND),  # after it: all of it was due
])
def test_the_standing_compares_the_share_with_the_year_elapsed(budget, today, standing):
    assert reached(budget, today).standing == standing


def test_the_elapsed_share_counts_the_days_of_a_leap_year():
    assert elapsed_share(2020, D(2020, 12, 31)) == 100 and elapsed_share(2021, D(2021, 1, 1)) * 365 == 100
    assert elapsed_share(2020, D(2020, 1, 1)) * 366 == 100


def test_the_latest_actual_counts(budget, clerk):
    record_actual(budget, actor=clerk, day=D(2020, 12, 31), value=Decimal("11500000000"), source="Quyết toán")
    got = reached(budget, D(2021, 2, 1))
    assert (got.percent_text, got.standing, got.as_of) == ("104,25%", Standing.ACHIEVED, D(2020, 12, 31))


def test_a_ceiling_is_achieved_while_the_actual_stays_under_it(world, clerk):
    target = create_target(ward=world.ward, actor=clerk, year=2026, indicator=Indicator.CUSTOM,
                           name="Tỷ lệ hộ nghèo không quá", unit="%", target_value=Decimal("1.5"),
                           more_is_better=False)
    record_actual(target, actor=clerk, day=D(2026, 6, 30), value=Decimal("1.2"), source="Rà soát giữa năm")
    got = reached(target, D(2026, 7, 1))
    assert (got.standing, got.percent_text, figure(got.actual, target)) == (Standing.ACHIEVED, "125%", "1,2%")
    record_actual(target, actor=clerk, day=D(2026, 9, 30), value=Decimal("1.8"), source="Rà soát quý III")
    assert reached(target, D(2026, 10, 1)).standing == Standing.BEHIND


def test_no_actual_is_no_data(world, clerk):
    target = create_target(ward=world.ward, actor=clerk, year=2026, indicator=Indicator.HEALTH_INSURANCE,
                           target_value=95)
    got = reached(target, D(2026, 12, 3))
    assert (got.standing, got.percent, got.standing_label) == (Standing.NO_DATA, None, "Chưa có số liệu")


def test_members_admitted_are_counted_from_the_dossiers_not_typed(world, clerk, admin_user):
    from members.services import register_candidate
    from org.models import Person

    target = create_target(ward=world.ward, actor=clerk, year=2026, indicator=Indicator.MEMBERS_ADMITTED,
                           target_value=4)
    for number, day in enumerate((D(2025, 12, 30), D(2026, 3, 2), D(2026, 11, 20), D(2026, 12, 20))):
        person = Person.objects.create(organization=world.cell, full_name=f"Người {number}",
                                       search_name=f"nguoi {number}", gender="male")
        member = register_candidate(person=person, organization=world.cell, day=D(2025, 1, 1), actor=admin_user)
        MembershipEvent.objects.create(member=member, organization=member.organization,
                                       kind=EventKind.ADMISSION_DECISION, effective_date=day)
    got = reached(target, D(2026, 12, 3))  # 30/12/2025 is last year's; 20/12/2026 has not come yet
    assert (got.actual, got.percent_text, got.source) == (Decimal(2), "50%", "Quyết định kết nạp trong hồ sơ đảng viên")
    with pytest.raises(ValidationError, match="không nhập tay"):
        record_actual(target, actor=clerk, day=D(2026, 6, 1), value=9, source="Gõ tay")


def test_an_admission_counts_for_the_ward_that_decided_it_not_where_the_member_went(world, clerk, admin_user):
    from conftest import decide_admission, make_org
    from members.models import PartyMember
    from members.services import receive_transfer, record_event, register_candidate
    from org.models import CellCategory, Kind, Person

    bode_cell = make_org(world.other_ward, "Chi bộ số 1 Bồ Đề", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    saidong, bode = (create_target(ward=ward, actor=admin_user, year=2026, indicator=Indicator.MEMBERS_ADMITTED,
                                   target_value=2) for ward in (world.ward, world.other_ward))
    person = Person.objects.create(organization=world.cell, full_name="Lê Văn Nam", search_name="le van nam",
                                   gender="male", date_of_birth=D(1990, 1, 1))
    member = register_candidate(person=person, organization=world.cell, day=D(2025, 10, 1), actor=admin_user)
    record_event(member, kind=EventKind.AWARENESS_COURSE, day=D(2025, 11, 1), actor=admin_user)
    decide_admission(member, cell_day=D(2026, 2, 2), decision=D(2026, 3, 2), actor=admin_user)
    PartyMember.objects.filter(pk=member.pk).update(organization=bode_cell)  # then moved on to Bồ Đề
    newcomer = Person.objects.create(organization=bode_cell, full_name="Phan Thị Dự", search_name="phan thi du",
                                     gender="female", date_of_birth=D(1995, 2, 2))
    receive_transfer(person=newcomer, organization=bode_cell, day=D(2026, 9, 1), admitted_on=D(2026, 1, 15),
                     ceremony_on=D(2026, 1, 25), introduced_on=D(2026, 8, 25), counterpart="Đảng bộ phường Hà Đông",
                     actor=admin_user)  # admitted this year, elsewhere
    assert reached(saidong, D(2026, 12, 3)).actual == 1
    assert reached(bode, D(2026, 12, 3)).actual == 0
    assert set(MembershipEvent.objects.filter(kind=EventKind.ADMISSION_DECISION).values_list(
        "member__person__full_name", "organization")) == {("Lê Văn Nam", world.cell.pk), ("Phan Thị Dự", None)}


def test_targets_are_checked_audited_and_kept_to_their_ward(world, clerk, outsider, budget):
    with pytest.raises(ValidationError, match="Hãy ghi tên chỉ tiêu"):
        create_target(ward=world.ward, actor=clerk, year=2026, indicator=Indicator.CUSTOM, target_value=1)
    with pytest.raises(ValidationError, match="lớn hơn 0"):
        create_target(ward=world.ward, actor=clerk, year=2026, indicator=Indicator.MILITARY_CALLUP, target_value=0)
    with pytest.raises(PermissionDenied):
        record_actual(budget, actor=outsider, day=D(2020, 6, 30), value=1, source="x")
    with pytest.raises(ValidationError, match="phải từ 01/01/2020"):
        record_actual(budget, actor=clerk, day=D(2019, 12, 31), value=1, source="x")
    assert update_target(budget, actor=clerk, target_value=Decimal("12000000000")) == {
        "target_value": {"old": "11031000000.00", "new": "12000000000"}}
    actions = list(LogEntry.objects.filter(object_id=str(budget.pk)).order_by("created", "id")
                   .values_list("action", flat=True))
    assert actions == ["work.target.created", "work.target.actual", "work.target.updated"]
