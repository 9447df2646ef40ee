"""Which event the Party's rules allow next, and what it leads to (docs/rules.md §1, §7; docs/workflows.md).

The rules are tested on `Lifecycle` directly, over lightweight fake events (no database); the service tests check
that a refusal writes nothing (no event row, no audit row, status unchanged) and who may record events at all.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import LogEntry
from members import services
from members.calendar import add_working_days
from members.lifecycle import TRANSITIONS, Lifecycle, MembershipRuleError, ProposedEvent
from members.models import EventKind, MembershipEvent, PartyMember, Status
from org.models import Person

D = datetime.date
K = EventKind
S = Status
TODAY = D(2026, 6, 30)
DOB = D(1995, 3, 10)


@dataclass(frozen=True)
class Ev:
    """A stand-in for MembershipEvent: all that Lifecycle reads."""

    kind: str
    effective_date: datetime.date
    ends_on: datetime.date | None = None  # of an interruption

    def get_kind_display(self):
        return EventKind(self.kind).label


# What each event needs to pass the rules, when the test is not about it: enough votes, a decision number.
ENOUGH = {
    K.CELL_ADMISSION_RESOLUTION: {"votes_for": 9, "voters_total": 12},
    K.WARD_ADMISSION_RESOLUTION: {"votes_for": 11, "voters_total": 15},
    K.CELL_RECOGNITION_RESOLUTION: {"votes_for": 10, "voters_total": 12},
    K.WARD_RECOGNITION_RESOLUTION: {"votes_for": 11, "voters_total": 15},
    K.INTERRUPTION: {"ends_on": D(2026, 1, 5)},
    K.DEADLINE_EXTENSION: {"note": "Chờ thẩm tra lý lịch bổ sung."},
    K.RECOGNITION_VOTE_SHORT: {"votes_for": 5, "voters_total": 12},
    **{kind: {"decision_no": "12-QĐ/ĐU"} for kind in (
        K.ADMISSION_DECISION, K.READMISSION_DECISION, K.RECOGNITION_DECISION, K.REMOVAL, K.EXPULSION,
    )},
}

# A candidate's way to official membership (docs/rules.md §1).
JOURNEY = [
    (K.CANDIDATE, D(2020, 9, 1)),
    (K.AWARENESS_COURSE, D(2020, 10, 5)),
    (K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2)),
    (K.WARD_ADMISSION_RESOLUTION, D(2021, 3, 20)),
    (K.ADMISSION_DECISION, D(2021, 4, 6)),
    (K.CEREMONY, D(2021, 4, 20)),
    (K.CELL_RECOGNITION_RESOLUTION, D(2022, 5, 10)),
    (K.WARD_RECOGNITION_RESOLUTION, D(2022, 5, 20)),
    (K.RECOGNITION_DECISION, D(2022, 6, 1)),
]
# Left the Party (§1), then a readmission round at least 36 months later, up to the ward resolution.
READMISSION_ROUND = [
    *JOURNEY,
    (K.RESIGNATION, D(2022, 6, 2)),
    (K.CANDIDATE, D(2025, 3, 3)),
    (K.AWARENESS_COURSE, D(2025, 3, 10)),
    (K.CELL_ADMISSION_RESOLUTION, D(2025, 4, 1)),
    (K.WARD_ADMISSION_RESOLUTION, D(2025, 6, 20)),
]


def upto(kind, steps=JOURNEY):
    """The steps up to and including the first `kind`."""
    kinds = [k for k, _day in steps]
    return steps[: kinds.index(kind) + 1]


def walk(steps, *, dob=DOB) -> Lifecycle:
    """Build a history event by event, each allowed by the rules on its day (so the history itself is legal)."""
    events = []
    for kind, day in steps:
        Lifecycle(events, date_of_birth=dob).check(ProposedEvent(kind, day, **ENOUGH.get(kind, {})), today=TODAY)
        events.append(Ev(kind, day))
    return Lifecycle(events, date_of_birth=dob)


def kind_id(value):
    """Parametrize ids: event kinds by name, the rest by position."""
    return value if isinstance(value, str) and value in EventKind.values else None


def then(lifecycle: Lifecycle, kind, day) -> Lifecycle:
    return Lifecycle([*lifecycle.events, Ev(kind, day)], date_of_birth=lifecycle.date_of_birth)


# Refusals, on Lifecycle ---------------------------------------------------------------------------------------


def test_it_refuses_a_ceremony_before_any_admission_decision():
    """docs/workflows.md, docs/rules.md §1.10: the ceremony follows the admission decision."""
    lifecycle = walk(upto(K.WARD_ADMISSION_RESOLUTION))
    with pytest.raises(MembershipRuleError, match=r"Không thể ghi “Lễ kết nạp”.*“Quần chúng ưu tú"):
        lifecycle.check(ProposedEvent(K.CEREMONY, D(2021, 4, 1)), today=TODAY)


def test_it_refuses_a_recognition_decision_for_a_candidate():
    """docs/rules.md §1.12 recognition: only a probationary member becomes official."""
    lifecycle = walk(upto(K.AWARENESS_COURSE))
    with pytest.raises(MembershipRuleError, match="Không thể ghi “Quyết định công nhận đảng viên chính thức”"):
        lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2021, 1, 5), decision_no="1-QĐ/ĐU"), today=TODAY)


def test_it_refuses_any_event_for_a_person_without_a_dossier_but_the_registration():
    """docs/workflows.md: a lifecycle starts with Giới thiệu quần chúng ưu tú."""
    with pytest.raises(MembershipRuleError, match="chưa có hồ sơ"):
        Lifecycle([]).check(ProposedEvent(K.AWARENESS_COURSE, D(2020, 9, 1)), today=TODAY)
    Lifecycle([]).check(ProposedEvent(K.CANDIDATE, D(2020, 9, 1)), today=TODAY)


def test_nothing_follows_death():
    """docs/workflows.md: Từ trần ends the lifecycle (docs/rules.md §1.15)."""
    lifecycle = then(walk(JOURNEY), K.DEATH, D(2023, 1, 1))
    for kind in EventKind.values:
        with pytest.raises(MembershipRuleError, match="Đã từ trần"):
            lifecycle.check(ProposedEvent(kind, D(2023, 2, 1), **ENOUGH.get(kind, {})), today=TODAY)


def test_it_refuses_an_event_dated_after_today():
    """docs/workflows.md: every event is dated no later than today."""
    lifecycle = walk(upto(K.CANDIDATE))
    with pytest.raises(MembershipRuleError, match="không được sau ngày hôm nay"):
        lifecycle.check(ProposedEvent(K.AWARENESS_COURSE, TODAY + datetime.timedelta(days=1)), today=TODAY)
    lifecycle.check(ProposedEvent(K.AWARENESS_COURSE, TODAY), today=TODAY)


def test_it_refuses_an_event_dated_before_the_latest_recorded_one():
    """docs/workflows.md: events are recorded in date order; the refusal names the latest event."""
    lifecycle = walk(upto(K.AWARENESS_COURSE))
    with pytest.raises(MembershipRuleError, match=r"04/10/2020 trước .*Học lớp bồi dưỡng nhận thức về Đảng ngày 05/10"):
        lifecycle.check(ProposedEvent(K.DOSSIER_DOCUMENT, D(2020, 10, 4)), today=TODAY)
    lifecycle.check(ProposedEvent(K.DOSSIER_DOCUMENT, D(2020, 10, 5)), today=TODAY)  # the same day is fine


@pytest.mark.parametrize(("kind", "history"), [
    (K.ADMISSION_DECISION, upto(K.WARD_ADMISSION_RESOLUTION)),
    (K.READMISSION_DECISION, READMISSION_ROUND),
    (K.RECOGNITION_DECISION, upto(K.WARD_RECOGNITION_RESOLUTION)),
    (K.REMOVAL, JOURNEY),
    (K.EXPULSION, JOURNEY),
], ids=kind_id)
def test_it_refuses_a_decision_without_its_number(kind, history):
    """docs/rules.md §1.15 (admission, recognition, readmission decisions), §8 (removal, expulsion): a decision
    number."""
    lifecycle = walk(history)
    day = history[-1][1] + datetime.timedelta(days=1)
    with pytest.raises(MembershipRuleError, match="cần có số quyết định"):
        lifecycle.check(ProposedEvent(kind, day), today=TODAY)
    lifecycle.check(ProposedEvent(kind, day, decision_no="15-QĐ/ĐU"), today=TODAY)


VOTES = [  # (resolution, the history before it, its day, whose votes the refusal names)
    (K.CELL_ADMISSION_RESOLUTION, upto(K.AWARENESS_COURSE), D(2021, 3, 2), "đảng viên chính thức của chi bộ"),
    (K.WARD_ADMISSION_RESOLUTION, upto(K.CELL_ADMISSION_RESOLUTION), D(2021, 3, 20), "ủy viên cấp ủy"),
    (K.CELL_RECOGNITION_RESOLUTION, upto(K.CEREMONY), D(2022, 5, 10), "đảng viên chính thức của chi bộ"),
]


@pytest.mark.parametrize(("kind", "history", "day", "_whom"), VOTES, ids=kind_id)
def test_it_refuses_a_resolution_without_its_vote_count(kind, history, day, _whom):
    """docs/rules.md §1.6 votes: the share is counted against a stated whole, so both numbers are needed."""
    lifecycle = walk(history)
    for votes in ({}, {"votes_for": 9}, {"voters_total": 12}, {"votes_for": 9, "voters_total": 0}):
        with pytest.raises(MembershipRuleError, match="Cần ghi số phiếu tán thành và tổng số"):
            lifecycle.check(ProposedEvent(kind, day, **votes), today=TODAY)
    with pytest.raises(MembershipRuleError, match="không được lớn hơn tổng số"):
        lifecycle.check(ProposedEvent(kind, day, votes_for=13, voters_total=12), today=TODAY)


@pytest.mark.parametrize(("kind", "history", "day", "whom"), VOTES, ids=kind_id)
def test_exactly_two_thirds_is_enough_and_just_below_is_refused(kind, history, day, whom):
    """docs/rules.md §1.6 votes: at least 2/3 of the chi bộ's official members, or of the committee's members.
    8 of 12 is exactly 2/3; 7 of 11 is just below (7 × 3 = 21 < 22 = 11 × 2)."""
    lifecycle = walk(history)
    with pytest.raises(MembershipRuleError, match=rf"Chưa đủ 2/3 số {whom} tán thành \(7/11\)"):
        lifecycle.check(ProposedEvent(kind, day, votes_for=7, voters_total=11), today=TODAY)
    lifecycle.check(ProposedEvent(kind, day, votes_for=8, voters_total=12), today=TODAY)


def test_it_refuses_a_chi_bo_resolution_without_the_awareness_course():
    """docs/rules.md §1.5 dossier, item 1: the Party-awareness course certificate."""
    lifecycle = walk(upto(K.CANDIDATE))
    with pytest.raises(MembershipRuleError, match="Chưa có giấy chứng nhận học lớp bồi dưỡng"):
        lifecycle.check(ProposedEvent(
            K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), votes_for=9, voters_total=12), today=TODAY)


def test_it_refuses_an_awareness_course_older_than_five_years():
    """docs/rules.md §1.5 dossier: the course certificate is valid 5 years [S]."""
    lifecycle = walk([(K.CANDIDATE, D(2016, 2, 1)), (K.AWARENESS_COURSE, D(2016, 3, 1))])
    with pytest.raises(MembershipRuleError, match=r"\(01/03/2016\) đã quá 5 năm"):
        lifecycle.check(ProposedEvent(
            K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), votes_for=9, voters_total=12), today=TODAY)
    lifecycle.check(ProposedEvent(
        K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 1), votes_for=9, voters_total=12), today=TODAY)


def before_the_vote(dob):
    return walk([(K.CANDIDATE, D(2019, 9, 2)), (K.AWARENESS_COURSE, D(2019, 10, 1))], dob=dob)


def test_it_refuses_a_chi_bo_resolution_without_a_date_of_birth():
    """docs/rules.md §1.1 conditions: the age is checked on the vote day, so the date of birth is needed."""
    with pytest.raises(MembershipRuleError, match="Cần ngày sinh"):
        before_the_vote(None).check(ProposedEvent(K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), **ENOUGH[
            K.CELL_ADMISSION_RESOLUTION]), today=TODAY)


def test_it_refuses_an_applicant_one_day_short_of_eighteen_counted_in_months():
    """docs/rules.md §1.1 conditions: a full 18 years, counted in months, on the day of the chi bộ vote."""
    lifecycle = before_the_vote(D(2003, 3, 11))
    with pytest.raises(MembershipRuleError, match=r"Chưa đủ 18 tuổi.*17 tuổi 11 tháng"):
        lifecycle.check(ProposedEvent(
            K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 10), votes_for=9, voters_total=12), today=TODAY)
    lifecycle.check(ProposedEvent(
        K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 11), votes_for=9, voters_total=12), today=TODAY)


def test_over_sixty_the_province_decides_and_the_ward_records_its_decision():
    """docs/rules.md §1.2: a full 60 years at the chi bộ's vote is the limit for the ward; over it the provincial
    committee decides (no tick of consent: its decision is recorded, with its number), and the ward's register does not
    number it."""
    lifecycle = walk(AFTER_REFORM[:2], dob=D(1965, 5, 1))
    lifecycle.check(ProposedEvent(
        K.CELL_ADMISSION_RESOLUTION, D(2025, 8, 1), votes_for=9, voters_total=12), today=TODAY)  # 60y3m
    older = then(lifecycle, K.CELL_ADMISSION_RESOLUTION, D(2025, 8, 1))
    assert older.needs_provincial_decision()
    with pytest.raises(MembershipRuleError, match="Tỉnh ủy, Thành ủy quyết định kết nạp người trên 60 tuổi"):
        older.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 9, 1), by_registry=True), today=TODAY)
    older.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 9, 1), decision_no="1520-QĐ/TU"), today=TODAY)

    younger = then(walk(AFTER_REFORM[:2], dob=D(1965, 8, 1)), K.CELL_ADMISSION_RESOLUTION, D(2025, 8, 1))  # 60y0m
    assert not younger.needs_provincial_decision()
    with pytest.raises(MembershipRuleError, match="lấy số trong sổ văn bản"):
        younger.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 9, 1), decision_no="1520-QĐ/TU"), today=TODAY)
    younger.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 9, 1), by_registry=True), today=TODAY)


# Who decides, on both sides of 01/7/2025 (docs/rules.md §1.7) ------------------------------------------------------

AFTER_REFORM = [
    (K.CANDIDATE, D(2025, 3, 3)),
    (K.AWARENESS_COURSE, D(2025, 4, 7)),
    (K.CELL_ADMISSION_RESOLUTION, D(2025, 6, 16)),
]


def test_until_30_06_2025_the_decision_needs_the_ward_resolution_and_is_the_districts():
    lifecycle = walk(AFTER_REFORM)
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết của Đảng ủy đề nghị kết nạp"):
        lifecycle.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 6, 30), decision_no="88-QĐ/QU"), today=TODAY)
    proposed = then(lifecycle, K.WARD_ADMISSION_RESOLUTION, D(2025, 6, 25))
    with pytest.raises(MembershipRuleError, match="trước 01/7/2025 Ban Thường vụ quận ủy, huyện ủy quyết định"):
        proposed.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 6, 30), by_registry=True), today=TODAY)
    proposed.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 6, 30), decision_no="88-QĐ/QU"), today=TODAY)


def test_from_01_07_2025_the_ward_decides_on_the_chi_bo_resolution_from_its_register():
    lifecycle = walk(AFTER_REFORM)
    with pytest.raises(MembershipRuleError, match="Từ 01/7/2025 không còn “Nghị quyết Đảng ủy đề nghị kết nạp”"):
        lifecycle.check(ProposedEvent(
            K.WARD_ADMISSION_RESOLUTION, D(2025, 7, 1), votes_for=11, voters_total=15), today=TODAY)
    with pytest.raises(MembershipRuleError, match="lấy số trong sổ văn bản của Đảng ủy"):
        lifecycle.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 7, 1), decision_no="12-QĐ/ĐU"), today=TODAY)
    lifecycle.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 7, 1), by_registry=True), today=TODAY)
    admitted = then(lifecycle, K.ADMISSION_DECISION, D(2025, 7, 1))
    assert admitted.status == S.ADMITTED
    with pytest.raises(MembershipRuleError, match="không phải quyết định của Đảng ủy"):
        admitted.check(ProposedEvent(K.CEREMONY, D(2025, 7, 20), by_registry=True), today=TODAY)


def test_a_recognition_from_01_07_2025_is_the_wards_and_before_it_the_districts():
    """docs/rules.md §1.7, §1.12: until 30/6/2025 the district decides on the ward Ban Chấp hành's proposing
    resolution (15-KNĐ), as for an admission; from 01/7/2025 the ward decides on the chi bộ's directly."""
    history = [(K.CANDIDATE, D(2023, 9, 1)), (K.AWARENESS_COURSE, D(2023, 10, 2)),
               (K.CELL_ADMISSION_RESOLUTION, D(2024, 3, 4)), (K.WARD_ADMISSION_RESOLUTION, D(2024, 3, 20)),
               (K.ADMISSION_DECISION, D(2024, 4, 8)), (K.CEREMONY, D(2024, 4, 25)),
               (K.CELL_RECOGNITION_RESOLUTION, D(2025, 4, 28))]
    lifecycle = walk(history)
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết của Đảng ủy đề nghị công nhận"):
        lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2025, 6, 30), decision_no="101-QĐ/QU"), today=TODAY)
    walk([*history, (K.WARD_RECOGNITION_RESOLUTION, D(2025, 5, 12))]).check(ProposedEvent(
        K.RECOGNITION_DECISION, D(2025, 6, 30), decision_no="101-QĐ/QU"), today=TODAY)
    with pytest.raises(MembershipRuleError, match="không còn “Nghị quyết Đảng ủy đề nghị công nhận chính thức”"):
        lifecycle.check(ProposedEvent(
            K.WARD_RECOGNITION_RESOLUTION, D(2025, 7, 1), votes_for=11, voters_total=15), today=TODAY)
    with pytest.raises(MembershipRuleError, match="lấy số trong sổ văn bản"):
        lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2025, 7, 1), decision_no="101-QĐ/QU"), today=TODAY)
    lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2025, 7, 1), by_registry=True), today=TODAY)


def test_it_refuses_a_ward_resolution_before_the_chi_bo_resolution():
    """docs/rules.md §1.5 dossier: the grassroots committee resolution (8-KNĐ) follows the chi bộ resolution (6-KNĐ)."""
    lifecycle = walk(upto(K.AWARENESS_COURSE))
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết chi bộ đề nghị kết nạp"):
        lifecycle.check(ProposedEvent(
            K.WARD_ADMISSION_RESOLUTION, D(2021, 3, 20), votes_for=11, voters_total=15), today=TODAY)


def test_a_chi_bo_resolution_of_an_earlier_round_does_not_count():
    """docs/rules.md §1.14: a candidate not admitted starts a new dossier; the old chi bộ resolution is spent."""
    lifecycle = walk([
        *upto(K.CELL_ADMISSION_RESOLUTION), (K.NOT_ADMITTED, D(2021, 5, 1)), (K.CANDIDATE, D(2022, 1, 4)),
    ])
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết chi bộ đề nghị kết nạp"):
        lifecycle.check(ProposedEvent(
            K.WARD_ADMISSION_RESOLUTION, D(2022, 2, 1), votes_for=11, voters_total=15), today=TODAY)


def test_it_refuses_an_admission_decision_before_the_ward_resolution():
    """docs/rules.md §1.5 dossier: the admission decision (9-KNĐ) follows the committee's resolution (8-KNĐ)."""
    lifecycle = walk(upto(K.CELL_ADMISSION_RESOLUTION))
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết của Đảng ủy đề nghị kết nạp"):
        lifecycle.check(ProposedEvent(K.ADMISSION_DECISION, D(2021, 4, 6), decision_no="112-QĐ/ĐU"), today=TODAY)


def test_someone_admitted_before_needs_a_readmission_decision():
    """docs/rules.md §1.14 Party age: a readmitted member keeps the first admission, so a second one is a
    readmission."""
    lifecycle = walk(READMISSION_ROUND)
    with pytest.raises(MembershipRuleError, match=r"đã từng được kết nạp.*Quyết định kết nạp lại"):
        lifecycle.check(ProposedEvent(K.ADMISSION_DECISION, D(2025, 6, 25), decision_no="7-QĐ/QU"), today=TODAY)


def test_it_refuses_a_readmission_for_someone_who_never_left():
    """docs/rules.md §1.14: readmission is for one who left the Party."""
    lifecycle = walk(upto(K.WARD_ADMISSION_RESOLUTION))
    with pytest.raises(MembershipRuleError, match="chưa từng ra khỏi Đảng"):
        lifecycle.check(ProposedEvent(K.READMISSION_DECISION, D(2021, 4, 6), decision_no="7-QĐ/ĐU"), today=TODAY)


def test_readmission_is_allowed_exactly_36_months_after_leaving():
    """docs/rules.md §1.14 (QĐ 232 §3.5): at least 36 months after leaving; resigned 02/06/2022."""
    lifecycle = walk([*READMISSION_ROUND[:-1], (K.WARD_ADMISSION_RESOLUTION, D(2025, 5, 6))])
    with pytest.raises(MembershipRuleError, match=r"ít nhất 36 tháng.*\(02/06/2022\)"):
        lifecycle.check(ProposedEvent(K.READMISSION_DECISION, D(2025, 6, 1), decision_no="7-QĐ/QU"), today=TODAY)
    lifecycle.check(ProposedEvent(K.READMISSION_DECISION, D(2025, 6, 2), decision_no="7-QĐ/QU"), today=TODAY)
    assert then(lifecycle, K.READMISSION_DECISION, D(2025, 6, 2)).status == S.ADMITTED


def test_it_refuses_a_second_readmission():
    """docs/rules.md §1.14 (QĐ 232 §3.5): readmission is allowed only once."""
    lifecycle = walk([
        (K.CANDIDATE, D(2009, 9, 1)), (K.AWARENESS_COURSE, D(2009, 10, 1)),
        (K.CELL_ADMISSION_RESOLUTION, D(2010, 1, 5)), (K.WARD_ADMISSION_RESOLUTION, D(2010, 1, 20)),
        (K.ADMISSION_DECISION, D(2010, 2, 1)), (K.CEREMONY, D(2010, 3, 1)), (K.RESIGNATION, D(2011, 1, 3)),
        (K.CANDIDATE, D(2014, 1, 6)), (K.AWARENESS_COURSE, D(2014, 1, 10)),
        (K.CELL_ADMISSION_RESOLUTION, D(2014, 2, 4)), (K.WARD_ADMISSION_RESOLUTION, D(2014, 2, 20)),
        (K.READMISSION_DECISION, D(2014, 3, 3)), (K.CEREMONY, D(2014, 4, 1)), (K.RESIGNATION, D(2015, 1, 5)),
        (K.CANDIDATE, D(2018, 3, 1)), (K.AWARENESS_COURSE, D(2018, 3, 2)),
        (K.CELL_ADMISSION_RESOLUTION, D(2018, 3, 5)), (K.WARD_ADMISSION_RESOLUTION, D(2018, 3, 12)),
    ], dob=D(1980, 1, 1))
    with pytest.raises(MembershipRuleError, match="Chỉ được kết nạp lại một lần"):
        lifecycle.check(ProposedEvent(K.READMISSION_DECISION, D(2018, 3, 20), decision_no="9-QĐ/ĐU"), today=TODAY)


# A member's past, entered from a list (members/imports.py, docs/import.md) ------------------------------------

PAST = [(K.ADMISSION_DECISION, D(2010, 5, 10)), (K.CEREMONY, D(2010, 5, 19))]


def past(steps=PAST) -> Lifecycle:
    events = []
    for kind, day in steps:
        Lifecycle(events).check(ProposedEvent(kind, day, historical=True, **ENOUGH.get(kind, {})), today=TODAY)
        events.append(Ev(kind, day))
    return Lifecycle(events)


def test_a_history_from_a_list_may_open_with_the_admission_decision_and_only_then():
    """docs/import.md: an imported member's history starts at the admission decision, without the dossier."""
    with pytest.raises(MembershipRuleError, match="chưa có hồ sơ"):
        Lifecycle([]).check(ProposedEvent(K.ADMISSION_DECISION, D(2010, 5, 10), decision_no="1-QĐ/ĐU"), today=TODAY)
    lifecycle = past()
    assert lifecycle.status == S.PROBATIONARY and lifecycle.probation_ends_on == D(2011, 5, 19)


def test_a_history_from_a_list_becomes_official_without_the_chi_bo_resolution_but_not_before_twelve_months():
    """docs/rules.md §1.11 (Điều lệ Điều 5): probation is 12 months from the ceremony, whatever the list says."""
    lifecycle = past()
    with pytest.raises(MembershipRuleError, match=r"Chưa hết 12 tháng dự bị: .* 19/05/2011"):
        lifecycle.check(ProposedEvent(
            K.RECOGNITION_DECISION, D(2011, 5, 18), decision_no="x", historical=True), today=TODAY)
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết chi bộ"):
        lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2011, 6, 1), decision_no="x"), today=TODAY)
    official = then(lifecycle, K.RECOGNITION_DECISION, D(2011, 6, 1))
    lifecycle.check(ProposedEvent(K.RECOGNITION_DECISION, D(2011, 6, 1), decision_no="x", historical=True), today=TODAY)
    assert official.status == S.OFFICIAL and official.official_on == D(2011, 5, 19)
    assert official.next_open_deadline() is None  # the chi bộ step counts as done by the decision


def test_a_history_from_a_list_keeps_the_date_rules():
    """docs/workflows.md: not after today, in date order, also for history."""
    with pytest.raises(MembershipRuleError, match="không được sau ngày hôm nay"):
        Lifecycle([]).check(ProposedEvent(K.ADMISSION_DECISION, TODAY + datetime.timedelta(days=1),
                            decision_no="x", historical=True), today=TODAY)
    with pytest.raises(MembershipRuleError, match="trước sự kiện đã ghi gần nhất"):
        past([(K.ADMISSION_DECISION, D(2010, 5, 10)), (K.CEREMONY, D(2010, 5, 9))])


# The workflow table -------------------------------------------------------------------------------------------

# docs/workflows.md, row by row: (from, event) → to; "same" keeps the status, "before" is the status held before
# the transfer out. "Any living status" is read as the statuses of someone in the ward's admission or roll.
SAME, BEFORE = "same", "before"
DOCUMENTED = {
    (None, K.CANDIDATE): S.CANDIDATE,
    **{(S.CANDIDATE, kind): SAME for kind in (
        K.AWARENESS_COURSE, K.DOSSIER_DOCUMENT, K.CELL_ADMISSION_RESOLUTION, K.WARD_ADMISSION_RESOLUTION,
    )},
    (S.CANDIDATE, K.ADMISSION_DECISION): S.ADMITTED,
    (S.CANDIDATE, K.READMISSION_DECISION): S.ADMITTED,
    (S.CANDIDATE, K.NOT_ADMITTED): S.NOT_ADMITTED,
    (S.ADMITTED, K.CEREMONY): S.PROBATIONARY,
    (S.PROBATIONARY, K.CELL_RECOGNITION_RESOLUTION): SAME,
    (S.CANDIDATE, K.DEADLINE_EXTENSION): SAME,
    (S.ADMITTED, K.DECISION_RECEIVED): SAME,
    (S.PROBATIONARY, K.RECOGNITION_VOTE_SHORT): SAME,
    (S.PROBATIONARY, K.DEADLINE_EXTENSION): SAME,
    (S.PROBATIONARY, K.WARD_RECOGNITION_RESOLUTION): SAME,
    (S.PROBATIONARY, K.RECOGNITION_DECISION): S.OFFICIAL,
    (S.PROBATIONARY, K.PROBATION_REMOVAL): S.REMOVED,
    **{(status, K.TRANSFER_OUT): S.TRANSFERRED_OUT for status in (S.PROBATIONARY, S.OFFICIAL)},
    **{(status, kind): SAME for status in (S.PROBATIONARY, S.OFFICIAL) for kind in (
        K.TEMPORARY_OUT, K.TEMPORARY_RETURN, K.INTERRUPTION,
    )},
    (S.TRANSFERRED_OUT, K.TRANSFER_IN): BEFORE,
    (S.OFFICIAL, K.REMOVAL): S.REMOVED,
    (S.OFFICIAL, K.EXPULSION): S.EXPELLED,
    (S.OFFICIAL, K.RESIGNATION): S.RESIGNED,
    **{(status, K.CANDIDATE): S.CANDIDATE for status in (S.REMOVED, S.EXPELLED, S.RESIGNED)},
    **{(status, K.DEATH): S.DECEASED for status in (S.CANDIDATE, S.ADMITTED, S.PROBATIONARY, S.OFFICIAL)},
}
# Rows added to docs/workflows.md after review: a probationary member expelled or resigning, and a new round
# for someone not admitted (register_candidate).
UNDOCUMENTED = {
    (S.PROBATIONARY, K.EXPULSION): S.EXPELLED,
    (S.PROBATIONARY, K.RESIGNATION): S.RESIGNED,
    (S.NOT_ADMITTED, K.CANDIDATE): S.CANDIDATE,
}
EXPECTED = {**DOCUMENTED, **UNDOCUMENTED}

# A legal history ending in each status, after which any allowed event passes its guards the next day.
HISTORY = {
    None: [],
    S.CANDIDATE: upto(K.WARD_ADMISSION_RESOLUTION),
    S.ADMITTED: upto(K.ADMISSION_DECISION),
    S.PROBATIONARY: upto(K.WARD_RECOGNITION_RESOLUTION),
    S.OFFICIAL: JOURNEY,
    S.TRANSFERRED_OUT: [*JOURNEY, (K.TRANSFER_OUT, D(2023, 3, 1))],
    S.NOT_ADMITTED: [*upto(K.CANDIDATE), (K.NOT_ADMITTED, D(2021, 1, 11))],
    S.REMOVED: [*JOURNEY, (K.REMOVAL, D(2023, 1, 9))],
    S.EXPELLED: [*JOURNEY, (K.EXPULSION, D(2023, 1, 9))],
    S.RESIGNED: [*JOURNEY, (K.RESIGNATION, D(2023, 1, 9))],
    S.DECEASED: [*JOURNEY, (K.DEATH, D(2023, 1, 9))],
}


# Resolutions passed once in an admission round or a probation: a second one is refused.
ONCE_A_ROUND = {K.CELL_ADMISSION_RESOLUTION, K.WARD_ADMISSION_RESOLUTION, K.CELL_RECOGNITION_RESOLUTION,
                K.WARD_RECOGNITION_RESOLUTION}


def test_a_resolution_is_passed_once_a_round():
    """A second chi bộ or Đảng ủy resolution on the same round is a double entry (a meeting decision recorded
    twice): refused."""
    for kind in ONCE_A_ROUND:
        lifecycle = walk(upto(kind))
        day = upto(kind)[-1][1] + datetime.timedelta(days=1)
        with pytest.raises(MembershipRuleError, match=r"[Đđ]ã có"):
            lifecycle.check(ProposedEvent(kind, day, **ENOUGH.get(kind, {})), today=TODAY)
    ward_resolved = walk([*upto(K.CELL_RECOGNITION_RESOLUTION), (K.WARD_RECOGNITION_RESOLUTION, D(2022, 5, 20))])
    with pytest.raises(MembershipRuleError, match="Đã có nghị quyết của Đảng ủy đề nghị công nhận"):
        ward_resolved.check(ProposedEvent(K.WARD_RECOGNITION_RESOLUTION, D(2022, 5, 21),
                            **ENOUGH[K.WARD_RECOGNITION_RESOLUTION]), today=TODAY)


def test_the_code_allows_exactly_the_documented_transitions():
    """docs/workflows.md: the table and TRANSITIONS agree, both ways (docs/rules.md §1, §7)."""
    allowed = {(status, kind) for status, events in TRANSITIONS.items() for kind in events}
    assert allowed == set(EXPECTED)


@pytest.mark.parametrize(("status", "kind"), [
    (status, kind) for status, events in TRANSITIONS.items() for kind in events
], ids=str)
def test_each_allowed_event_leads_to_the_documented_status(status, kind):
    """docs/workflows.md (docs/rules.md §1, §7): from a legal history in `status`, the event is allowed and the
    status it leads to is the one the table gives."""
    history = READMISSION_ROUND if kind == K.READMISSION_DECISION else HISTORY[status]
    if kind == K.TEMPORARY_RETURN:  # one comes back only from being away
        history = [*history, (K.TEMPORARY_OUT, history[-1][1] + datetime.timedelta(days=1))]
    day = history[-1][1] + datetime.timedelta(days=1) if history else D(2020, 9, 1)
    if kind in ONCE_A_ROUND:  # the history stops before the resolution, which comes on its journey date
        index = [k for k, _day in JOURNEY].index(kind)
        history, day = JOURNEY[:index], JOURNEY[index][1]
    lifecycle = walk(history)
    assert lifecycle.status == status
    lifecycle.check(ProposedEvent(kind, day, **ENOUGH.get(kind, {})), today=TODAY)
    expected = {SAME: status, BEFORE: S.OFFICIAL}.get(EXPECTED[status, kind], EXPECTED[status, kind])
    assert then(lifecycle, kind, day).status == expected


def test_a_probationary_member_transferred_out_and_back_is_probationary_again():
    """docs/rules.md §7.2, docs/workflows.md: Tiếp nhận sinh hoạt restores the status held before the transfer;
    probation still ends 12 months after the ceremony."""
    lifecycle = walk([*upto(K.CEREMONY), (K.TRANSFER_OUT, D(2021, 9, 1))])
    assert lifecycle.status == S.TRANSFERRED_OUT
    back = walk([*upto(K.CEREMONY), (K.TRANSFER_OUT, D(2021, 9, 1)), (K.TRANSFER_IN, D(2021, 10, 4))])
    assert back.fold() == (S.PROBATIONARY, D(2021, 10, 4), False)
    assert back.probation_ends_on == D(2022, 4, 20)


def test_an_official_member_transferred_out_and_back_is_official_again():
    """docs/rules.md §7.2, docs/workflows.md: Tiếp nhận sinh hoạt restores the status held before the transfer."""
    lifecycle = walk([*JOURNEY, (K.TRANSFER_OUT, D(2023, 3, 1)), (K.TRANSFER_IN, D(2023, 4, 3))])
    assert lifecycle.status == S.OFFICIAL


def test_a_temporary_transfer_keeps_the_status_and_marks_the_member_away():
    """docs/rules.md §7.3 temporary transfer: the member stays on the roll of the home organisation."""
    away = walk([*upto(K.CEREMONY), (K.TEMPORARY_OUT, D(2021, 6, 1))])
    assert away.fold() == (S.PROBATIONARY, D(2021, 4, 20), True)
    back = then(away, K.TEMPORARY_RETURN, D(2021, 12, 1))
    assert back.fold() == (S.PROBATIONARY, D(2021, 4, 20), False)


def test_a_probationary_member_may_die_and_may_be_removed_from_probation():
    """docs/rules.md §1.12 recognition: one who does not qualify is removed (xóa tên); docs/workflows.md: Từ trần."""
    probationary = walk(upto(K.CEREMONY))
    assert then(probationary, K.DEATH, D(2021, 8, 1)).fold() == (S.DECEASED, D(2021, 8, 1), False)
    assert then(probationary, K.PROBATION_REMOVAL, D(2022, 5, 10)).status == S.REMOVED


# The services: nothing is written on refusal ------------------------------------------------------------------


@pytest.fixture
def candidate(world, clerk):
    world.dung.date_of_birth = DOB
    world.dung.save()
    return services.register_candidate(person=world.dung, organization=world.cell, day=D(2020, 9, 1), actor=clerk)


def record_steps(member, clerk, steps):
    for kind, day in steps:
        services.record_event(member, kind=kind, day=day, actor=clerk, **ENOUGH.get(kind, {}))


def assert_refused_without_writes(member, clerk, match, *, kind, day, **fields):
    before = MembershipEvent.objects.count(), LogEntry.objects.count(), PartyMember.objects.get(pk=member.pk).status
    with pytest.raises(MembershipRuleError, match=match):
        services.record_event(member, kind=kind, day=day, actor=clerk, **fields)
    after = MembershipEvent.objects.count(), LogEntry.objects.count(), PartyMember.objects.get(pk=member.pk).status
    assert after == before


@pytest.mark.parametrize(("done", "kind", "day", "fields", "match"), [
    pytest.param(K.WARD_ADMISSION_RESOLUTION, K.CEREMONY, D(2021, 3, 25), {}, "Không thể ghi “Lễ kết nạp”",
                 id="ceremony-before-decision"),
    pytest.param(K.CANDIDATE, K.RECOGNITION_DECISION, D(2020, 9, 2), {"decision_no": "1-QĐ/ĐU"},
                 "Không thể ghi “Quyết định", id="recognition-of-a-candidate"),
    pytest.param(K.AWARENESS_COURSE, K.DOSSIER_DOCUMENT, D(2020, 10, 4), {}, "trước sự kiện đã ghi gần nhất",
                 id="before-latest-event"),
    pytest.param(K.WARD_ADMISSION_RESOLUTION, K.ADMISSION_DECISION, D(2021, 4, 6), {}, "cần có số quyết định",
                 id="decision-without-number"),
    pytest.param(K.AWARENESS_COURSE, K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), {}, "Cần ghi số phiếu",
                 id="votes-missing"),
    pytest.param(K.AWARENESS_COURSE, K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2),
                 {"votes_for": 7, "voters_total": 11}, "Chưa đủ 2/3 số đảng viên chính thức", id="chi-bo-7-of-11"),
    pytest.param(K.CELL_ADMISSION_RESOLUTION, K.WARD_ADMISSION_RESOLUTION, D(2021, 3, 20),
                 {"votes_for": 7, "voters_total": 11}, "Chưa đủ 2/3 số ủy viên cấp ủy", id="ward-7-of-11"),
    pytest.param(K.CANDIDATE, K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), {"votes_for": 9, "voters_total": 12},
                 "Chưa có giấy chứng nhận", id="no-awareness-course"),
    pytest.param(K.AWARENESS_COURSE, K.WARD_ADMISSION_RESOLUTION, D(2021, 3, 20),
                 {"votes_for": 11, "voters_total": 15}, "Chưa có nghị quyết chi bộ", id="ward-before-chi-bo"),
    pytest.param(K.CELL_ADMISSION_RESOLUTION, K.ADMISSION_DECISION, D(2021, 4, 6), {"decision_no": "1-QĐ/ĐU"},
                 "Chưa có nghị quyết của Đảng ủy", id="decision-before-ward"),
    pytest.param(K.CEREMONY, K.CELL_RECOGNITION_RESOLUTION, D(2022, 4, 19), {"votes_for": 12, "voters_total": 12},
                 "Chưa hết 12 tháng dự bị", id="recognition-before-twelve-months"),
])
def test_a_refused_event_writes_nothing(candidate, clerk, done, kind, day, fields, match):
    """docs/rules.md §1; STYLE.md (guard before mutate): a refusal names the rule, and no event row, no audit row is
    written; the status is unchanged."""
    record_steps(candidate, clerk, upto(done)[1:])
    assert_refused_without_writes(candidate, clerk, match, kind=kind, day=day, **fields)


def test_the_service_refuses_an_event_dated_after_today(candidate, clerk):
    """docs/workflows.md: every event is dated no later than today (the office's local date)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert_refused_without_writes(candidate, clerk, "không được sau ngày hôm nay", kind=K.AWARENESS_COURSE,
                                  day=tomorrow)


def test_the_service_records_the_event_the_status_and_the_audit_row(candidate, clerk):
    """docs/rules.md §1.10; STYLE.md (two histories): the ceremony makes a probationary member, one event row and one
    audit row with the status change."""
    record_steps(candidate, clerk, upto(K.ADMISSION_DECISION)[1:])
    event = services.record_event(candidate, kind=K.CEREMONY, day=D(2021, 4, 20), actor=clerk)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.status_since) == (S.PROBATIONARY, D(2021, 4, 20))
    assert (event.kind, event.effective_date, event.member_id) == (K.CEREMONY, D(2021, 4, 20), candidate.pk)
    entry = LogEntry.objects.for_object(candidate).filter(action="members.event.recorded").first()
    assert entry.actor == clerk and entry.data["event"] == str(event.pk)
    assert entry.data["changes"] == {"status": {"old": S.ADMITTED, "new": S.PROBATIONARY}}


def test_a_temporary_transfer_marks_the_dossier_away_and_back(candidate, clerk):
    """docs/rules.md §7.3 temporary transfer: the member stays on the roll; the dossier shows them away meanwhile."""
    record_steps(candidate, clerk, upto(K.CEREMONY)[1:])
    services.record_event(candidate, kind=K.TEMPORARY_OUT, day=D(2021, 6, 1), actor=clerk, counterpart="Hải Phòng")
    candidate.refresh_from_db()
    assert (candidate.status, candidate.temporarily_away) == (S.PROBATIONARY, True)
    assert LogEntry.objects.for_object(candidate).first().data["changes"] == {}
    services.record_event(candidate, kind=K.TEMPORARY_RETURN, day=D(2021, 12, 1), actor=clerk)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.temporarily_away) == (S.PROBATIONARY, False)


def test_a_transfer_out_and_in_restores_probation_in_the_dossier(candidate, clerk):
    """docs/rules.md §7.2: Tiếp nhận sinh hoạt restores the status held before the transfer."""
    record_steps(candidate, clerk, upto(K.CEREMONY)[1:])
    services.record_event(candidate, kind=K.TRANSFER_OUT, day=D(2021, 9, 1), actor=clerk)
    assert PartyMember.objects.get(pk=candidate.pk).status == S.TRANSFERRED_OUT
    services.record_event(candidate, kind=K.TRANSFER_IN, day=D(2021, 10, 4), actor=clerk)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.status_since) == (S.PROBATIONARY, D(2021, 10, 4))
    assert LogEntry.objects.for_object(candidate).first().data["changes"] == {
        "status": {"old": S.TRANSFERRED_OUT, "new": S.PROBATIONARY},
    }


# Who may record ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretary", "outsider"])
def test_only_the_ward_office_records_events(candidate, persona, request):
    """docs/permissions.md (members.change is the ward clerk's): the secretary and the other ward are refused."""
    actor = request.getfixturevalue(persona)
    before = MembershipEvent.objects.count(), LogEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2020, 10, 5), actor=actor)
    assert (MembershipEvent.objects.count(), LogEntry.objects.count()) == before


@pytest.mark.parametrize("persona", ["secretary", "outsider"])
def test_only_the_ward_office_registers_candidates(world, persona, request):
    """docs/permissions.md (members.change is the ward clerk's): the secretary and the other ward are refused."""
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.register_candidate(person=world.dung, organization=world.cell, day=D(2020, 9, 1), actor=actor)
    assert not PartyMember.objects.exists() and not LogEntry.objects.exists()


def test_a_candidate_is_registered_in_a_chi_bo_only(world, clerk):
    """docs/workflows.md, first row: the unit is a chi bộ (docs/rules.md §12: the grassroots unit)."""
    with pytest.raises(ValidationError) as refused:
        services.register_candidate(person=world.dung, organization=world.ward, day=D(2020, 9, 1), actor=clerk)
    assert "organization" in refused.value.message_dict
    assert not PartyMember.objects.exists() and not LogEntry.objects.exists()


def test_a_candidate_is_registered_in_a_chi_bo_of_their_own_ward(world, clerk):
    """docs/workflows.md, first row: the chi bộ is one of the person's ward."""
    with pytest.raises(ValidationError) as refused:
        services.register_candidate(person=world.stranger, organization=world.cell, day=D(2020, 9, 1), actor=clerk)
    assert refused.value.message_dict["person"] == ["Người này không thuộc phường/xã của chi bộ."]
    assert not PartyMember.objects.exists() and not LogEntry.objects.exists()


def test_a_temporary_transfer_cannot_start_twice_nor_end_without_starting():
    """docs/rules.md §7.3 temporary transfer: away, then back; the member stays on the roll meanwhile."""
    away = walk([*JOURNEY, (K.TEMPORARY_OUT, D(2023, 3, 1))])
    with pytest.raises(MembershipRuleError, match="đang sinh hoạt tạm thời nơi khác"):
        away.check(ProposedEvent(K.TEMPORARY_OUT, D(2023, 3, 2)), today=TODAY)
    with pytest.raises(MembershipRuleError, match="không đang sinh hoạt tạm thời"):
        walk(JOURNEY).check(ProposedEvent(K.TEMPORARY_RETURN, D(2023, 3, 2)), today=TODAY)


def test_an_interruption_is_a_past_period_after_the_admission_ended_and_not_overlapping():
    """docs/rules.md §1.13 Party age: the time out (a loss of contact, a transfer interrupted beyond the time allowed)
    is entered as a period whenever it comes to light, so it may lie before the latest event."""
    lifecycle = walk(JOURNEY)
    lifecycle.check(ProposedEvent(K.INTERRUPTION, D(2023, 1, 2), ends_on=D(2023, 6, 1)), today=TODAY)
    for start, end, message in [
        (D(2023, 1, 2), None, "Cần ghi ngày kết thúc"),
        (D(2023, 6, 1), D(2023, 6, 1), "phải sau ngày bắt đầu"),
        (D(2026, 6, 1), D(2026, 7, 1), "không được sau ngày hôm nay"),
        (D(2021, 1, 1), D(2021, 5, 1), "sau ngày quyết định kết nạp"),
    ]:
        with pytest.raises(MembershipRuleError, match=message):
            lifecycle.check(ProposedEvent(K.INTERRUPTION, start, ends_on=end), today=TODAY)
    gapped = Lifecycle([*lifecycle.events, Ev(K.INTERRUPTION, D(2023, 1, 2), D(2023, 6, 1)),
                        Ev(K.TEMPORARY_OUT, D(2024, 1, 2))])
    with pytest.raises(MembershipRuleError, match="Trùng với thời gian gián đoạn đã có"):
        gapped.check(ProposedEvent(K.INTERRUPTION, D(2023, 5, 1), ends_on=D(2023, 8, 1)), today=TODAY)
    gapped.check(ProposedEvent(
        K.INTERRUPTION, D(2022, 9, 1), ends_on=D(2022, 12, 1)), today=TODAY)  # before the latest event


# The ceremony, extensions, and a recognition referred up (docs/rules.md §1.10, §1.8, §1.12)
# -----------------------------------------

DECIDED = [(K.CANDIDATE, D(2025, 9, 1)), (K.AWARENESS_COURSE, D(2025, 10, 6)),
           (K.CELL_ADMISSION_RESOLUTION, D(2026, 1, 12))]


def test_the_ceremony_runs_30_working_days_from_the_receipt_of_the_decision_later_only_with_consent():
    decided = then(walk(DECIDED), K.ADMISSION_DECISION, D(2026, 2, 2))
    assert decided.ceremony_due() == add_working_days(D(2026, 2, 2), 30)  # while its receipt is not recorded
    received = then(decided, K.DECISION_RECEIVED, D(2026, 2, 20))
    due = add_working_days(D(2026, 2, 20), 30)  # 30 working days from the receipt
    assert received.ceremony_due() == due == D(2026, 4, 3) > decided.ceremony_due()
    assert received.deadlines()[-1].label.startswith("Lễ kết nạp (30 ngày làm việc từ khi nhận quyết định)")
    received.check(ProposedEvent(K.CEREMONY, due), today=TODAY)
    with pytest.raises(MembershipRuleError, match=r"hạn 03/04/2026.*ý kiến đồng ý của cấp ủy cấp trên"):
        received.check(ProposedEvent(K.CEREMONY, D(2026, 4, 6)), today=TODAY)
    received.check(ProposedEvent(
        K.CEREMONY, D(2026, 4, 6), superior_consent="Công văn 45-CV/ĐU ngày 02/4/2026"), today=TODAY)
    with pytest.raises(MembershipRuleError, match="Đã ghi ngày chi bộ nhận quyết định"):
        received.check(ProposedEvent(K.DECISION_RECEIVED, D(2026, 2, 23)), today=TODAY)


def test_a_decision_deadline_is_extended_once_by_30_working_days_with_its_reason():
    lifecycle = walk(DECIDED)
    assert lifecycle.deadlines()[0].due == add_working_days(D(2026, 1, 12), 60)
    with pytest.raises(MembershipRuleError, match="Cần ghi lý do gia hạn"):
        lifecycle.check(ProposedEvent(K.DEADLINE_EXTENSION, D(2026, 3, 2)), today=TODAY)
    lifecycle.check(ProposedEvent(K.DEADLINE_EXTENSION, D(2026, 3, 2), note="Thẩm tra lý lịch bổ sung."), today=TODAY)
    extended = then(lifecycle, K.DEADLINE_EXTENSION, D(2026, 3, 2))
    assert extended.deadlines()[0].due == add_working_days(D(2026, 1, 12), 90) == D(2026, 5, 28)
    assert "đã gia hạn 30" in extended.deadlines()[0].label
    with pytest.raises(MembershipRuleError, match="Chỉ gia hạn một lần"):
        extended.check(ProposedEvent(K.DEADLINE_EXTENSION, D(2026, 3, 3), note="Lần nữa."), today=TODAY)
    with pytest.raises(MembershipRuleError, match="Không có quyết định nào đang chờ"):
        walk(DECIDED[:2]).check(ProposedEvent(K.DEADLINE_EXTENSION, D(2026, 3, 2), note="x"), today=TODAY)


def test_after_three_votes_short_of_two_thirds_the_recognition_goes_to_the_committee_above():
    lifecycle = walk(upto(K.CEREMONY))  # probation ends 20/04/2022
    with pytest.raises(MembershipRuleError, match="đã đủ 2/3"):
        lifecycle.check(ProposedEvent(
            K.RECOGNITION_VOTE_SHORT, D(2022, 5, 2), votes_for=8, voters_total=12), today=TODAY)
    for day in (D(2022, 5, 2), D(2022, 6, 6), D(2022, 7, 4)):
        lifecycle.check(ProposedEvent(K.RECOGNITION_VOTE_SHORT, day, votes_for=7, voters_total=12), today=TODAY)
        lifecycle = then(lifecycle, K.RECOGNITION_VOTE_SHORT, day)
    assert lifecycle.referred_up()
    with pytest.raises(MembershipRuleError, match="3 lần biểu quyết không đủ 2/3: hồ sơ chuyển cấp ủy cấp trên"):
        lifecycle.check(ProposedEvent(
            K.CELL_RECOGNITION_RESOLUTION, D(2022, 8, 1), votes_for=9, voters_total=12), today=TODAY)
    lifecycle.check(ProposedEvent(
        K.RECOGNITION_DECISION, D(2022, 8, 1), decision_no="301-QĐ/QU"), today=TODAY)  # decided above
    lifecycle.check(ProposedEvent(K.PROBATION_REMOVAL, D(2022, 8, 1)), today=TODAY)


def test_impossible_ages_are_refused_an_applicant_aged_5_and_an_admission_before_18():
    """Impossible data is refused wherever it enters: an admission decision (also from a list or transfer papers,
    historical) for someone under 18 on its day."""
    with pytest.raises(MembershipRuleError, match="mới 5 tuổi, không thể được kết nạp"):
        Lifecycle([], date_of_birth=D(2015, 1, 1)).check(ProposedEvent(K.ADMISSION_DECISION, D(2020, 3, 1),
                                                          decision_no="1", historical=True), today=TODAY)
    with pytest.raises(MembershipRuleError, match="chưa sinh"):
        Lifecycle([], date_of_birth=D(2015, 1, 1)).check(ProposedEvent(K.ADMISSION_DECISION, D(2010, 3, 1),
                                                          decision_no="1", historical=True), today=TODAY)
    Lifecycle([], date_of_birth=D(2002, 3, 1)).check(ProposedEvent(K.ADMISSION_DECISION, D(2020, 3, 1),
                                                      decision_no="1", historical=True), today=TODAY)  # a full 18 years


def test_a_candidate_aged_5_is_not_registered(world, clerk):
    child = Person.objects.create(organization=world.cell, full_name="Bé Năm Tuổi", search_name="be nam tuoi",
                                  date_of_birth=D(2021, 5, 1))
    with pytest.raises(ValidationError, match=r"mới 5 tuổi vào ngày .*chưa thể là quần chúng ưu tú"):
        services.register_candidate(person=child, organization=world.cell, day=D(2026, 6, 1), actor=clerk)
    assert not PartyMember.objects.exists() and not LogEntry.objects.exists()


def test_every_kind_check_is_in_the_dispatch_table():
    """Lifecycle.check dispatches by an explicit table (issue 12): a kind's check written and not listed would
    silently never run."""
    from members.lifecycle import KIND_CHECKS

    written = {name.removeprefix("_check_") for name in vars(Lifecycle) if name.startswith("_check_")}
    kinds_with_a_check = written & set(EventKind.values) - {K.INTERRUPTION}  # checked first, as a past period
    assert kinds_with_a_check == {str(kind) for kind in KIND_CHECKS}
    assert all(KIND_CHECKS[kind].__name__ == f"_check_{kind}" for kind in KIND_CHECKS)
