"""The demo's Party members (demo/members.py): every status in every ward, histories the rules accept, the cases
of the posts, steps overdue today, and a second load that adds nothing.

Like test_load_demo.py, the demo is loaded once for the module in a transaction rolled back at its end.
"""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import LogEntry
from demo.data import WARDS
from members.lifecycle import Lifecycle
from members.models import EventKind, MembershipEvent, PartyMember, Status
from org.models import CommitteeMember, Kind, Organization, Person, Position, Title

D = datetime.date
K = EventKind
SESSION = D(2021, 6, 28)  # Sài Đồng's Ban Chấp hành, post of 29/06/2021


def ward(code: str) -> Organization:
    return Organization.objects.get(code=code)


def members_of(code: str):
    return (
        PartyMember.objects.filter(organization__path__startswith=ward(code).path)
        .select_related("person").prefetch_related("events")
    )


def lifecycle(member: PartyMember, until: datetime.date | None = None) -> Lifecycle:
    events = [e for e in member.events.all() if until is None or e.effective_date <= until]
    return Lifecycle(events, date_of_birth=member.person.date_of_birth)


def dates(member: PartyMember, kind: str) -> list[datetime.date]:
    return [e.effective_date for e in member.events.all() if e.kind == kind]


@pytest.mark.parametrize("code", [w.code for w in WARDS])
def test_every_status_a_temporary_absence_and_a_readmission_in_every_ward(demo, code):
    members = list(members_of(code))
    assert set(Counter(m.status for m in members)) == set(Status.values)
    assert any(m.temporarily_away and m.status == Status.OFFICIAL for m in members)
    readmitted = [m for m in members if dates(m, K.READMISSION_DECISION)]
    assert len(readmitted) == 1
    member = readmitted[0]
    left = max(dates(member, K.RESIGNATION) + dates(member, K.REMOVAL) + dates(member, K.EXPULSION))
    assert dates(member, K.READMISSION_DECISION)[0] >= D(left.year + 3, left.month, left.day)  # ≥ 36 months
    assert member.status == Status.OFFICIAL


@pytest.mark.parametrize("code", [w.code for w in WARDS])
def test_candidates_stand_at_each_step_of_the_dossier(demo, code):
    """In 2026 a candidate waits for the ward's decision on the chi bộ resolution: there is no ward proposing
    resolution any more (docs/rules.md §1.7, from 01/7/2025)."""
    steps = set()
    for member in members_of(code).filter(status=Status.CANDIDATE):
        kinds = {e.kind for e in member.events.all()}
        assert K.WARD_ADMISSION_RESOLUTION not in kinds or member.events.filter(
            kind=K.WARD_ADMISSION_RESOLUTION, effective_date__gte=D(2025, 7, 1)).count() == 0
        steps.add(max(
            (K.CANDIDATE, K.AWARENESS_COURSE, K.DOSSIER_DOCUMENT, K.CELL_ADMISSION_RESOLUTION).index(kind)
            for kind in kinds if kind not in (K.NOT_ADMITTED, K.WARD_ADMISSION_RESOLUTION)
        ))
    assert steps >= {0, 2, 3}  # registered; papers coming in; chi bộ resolution


@pytest.mark.parametrize("code", [w.code for w in WARDS])
def test_forty_to_sixty_percent_of_the_wards_invented_adults_have_a_dossier(demo, code):
    people = Person.objects.filter(organization__path__startswith=ward(code).path)
    adults = people.filter(date_of_birth__isnull=False).count()
    assert 0.4 <= members_of(code).count() / adults <= 0.6
    assert not PartyMember.objects.filter(person__date_of_birth__isnull=True).exists()  # the 12 real people


def test_every_cached_status_is_what_the_events_add_up_to(demo):
    members = PartyMember.objects.select_related("person").prefetch_related("events")
    assert members.count() > 200
    for member in members:
        status, since, away = lifecycle(member).fold()
        assert (member.status, member.status_since, member.temporarily_away) == (status, since, away), member


def received_ids() -> set:
    """Members received by transfer in (one per ward): their past was recorded with the arrival, in one entry."""
    return set(LogEntry.objects.filter(action="members.member.received").values_list("object_id", flat=True))


def test_every_member_and_event_was_recorded_through_the_audited_services(demo):
    received = received_ids()
    assert len(received) == 5  # one per ward
    events = MembershipEvent.objects.exclude(member__in=received)
    assert LogEntry.objects.filter(action="members.event.recorded").count() == events.count()
    registered = set(LogEntry.objects.filter(action="members.member.registered").values_list("object_id", flat=True))
    assert registered | received == {str(pk) for pk in PartyMember.objects.values_list("pk", flat=True)}
    assert not registered & received
    assert set(LogEntry.objects.filter(action="members.event.recorded").values_list("actor__username", flat=True)) == {
        "admin"
    }


def test_each_member_is_active_in_a_chi_bo_of_their_ward(demo):
    for member in PartyMember.objects.select_related("organization", "person__organization"):
        assert member.organization.kind == Kind.CELL
        if member.person.organization.kind == Kind.CELL:
            assert member.organization == member.person.organization


def test_committee_members_and_chi_bo_secretaries_were_official_members_before_taking_their_seat(demo):
    seats = [*CommitteeMember.objects.values_list("person_id", "start_date")]
    seats += Position.objects.filter(organization__kind=Kind.CELL, title=Title.SECRETARY).values_list(
        "person_id", "start_date"
    )
    members = {m.person_id: m for m in PartyMember.objects.select_related("person").prefetch_related("events")}
    checked = 0
    for person_id, start in seats:
        if person_id not in members:
            assert Person.objects.get(pk=person_id).date_of_birth is None  # a real person: left out
            continue
        member = members[person_id]
        assert member.status == Status.OFFICIAL
        assert lifecycle(member).official_on < start
        checked += 1
    assert checked > 100


def test_official_members_have_unique_membership_and_card_numbers(demo):
    officials = PartyMember.objects.filter(status=Status.OFFICIAL)
    assert not officials.filter(membership_no="").exists() and not officials.filter(card_no="").exists()
    numbers = list(PartyMember.objects.exclude(card_no="").values_list("card_no", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(len(number) == 9 and number[2] == "." for number in numbers)  # "01.012345"


def test_decisions_come_from_the_district_until_30_6_2025_and_from_the_ward_after(demo):
    decisions = MembershipEvent.objects.filter(
        kind__in=[K.ADMISSION_DECISION, K.READMISSION_DECISION, K.RECOGNITION_DECISION]
    ).exclude(member__in=received_ids()).select_related("member__organization")  # the received: decided elsewhere
    for event in decisions:
        ward_name = event.member.organization.ward().name
        if event.effective_date >= D(2025, 7, 1):
            assert (event.issuer, event.decision_no[-5:]) == (ward_name, "QĐ/ĐU"), event
        else:
            assert event.issuer.startswith(("Quận ủy", "Huyện ủy")), event


# The posts ------------------------------------------------------------------------------------------------------


def test_sai_dong_two_admission_dossiers_stood_ready_for_the_session_of_28_6_2021(demo):
    """§ post of 29/06/2021: "duyệt 02 hồ sơ kết nạp đảng viên mới"."""
    approved = [m for m in members_of("saidong") if SESSION in dates(m, K.WARD_ADMISSION_RESOLUTION)]
    assert len(approved) == 2
    for member in approved:
        before = lifecycle(member, until=SESSION - datetime.timedelta(days=1))
        assert before.status == Status.CANDIDATE
        (cell_day,) = dates(member, K.CELL_ADMISSION_RESOLUTION)
        assert D(2021, 5, 1) <= cell_day <= D(2021, 6, 27)
        assert not before.last(K.ADMISSION_DECISION)
        assert lifecycle(member, until=SESSION).status == Status.CANDIDATE
        assert min(dates(member, K.ADMISSION_DECISION)) > SESSION
    others = MembershipEvent.objects.filter(
        member__organization__path__startswith=ward("saidong").path, kind=K.WARD_ADMISSION_RESOLUTION,
        effective_date__range=(D(2021, 5, 1), D(2021, 7, 31)),
    )
    assert others.count() == 2


def test_sai_dong_two_probationary_members_were_due_for_recognition_at_the_session(demo):
    """§ post of 29/06/2021: "02 hồ sơ chuyển đảng chính thức"; probation 12 months from the ceremony (§1)."""
    due = [m for m in members_of("saidong") if D(2021, 6, 1) <= (lifecycle(m, SESSION).probation_ends_on or D.min)
           <= SESSION and lifecycle(m, SESSION).status == Status.PROBATIONARY]
    assert len(due) == 2
    for member in due:
        at_session = lifecycle(member, until=SESSION)
        assert D(2020, 6, 1) <= at_session.ceremony_on <= D(2020, 6, 30)
        (cell_day,) = dates(member, K.CELL_RECOGNITION_RESOLUTION)
        assert at_session.probation_ends_on <= cell_day < SESSION
        (decision,) = dates(member, K.RECOGNITION_DECISION)
        assert decision > SESSION
        assert member.status == Status.OFFICIAL
        assert lifecycle(member).official_on == at_session.probation_ends_on
    recognitions = MembershipEvent.objects.filter(
        member__organization__path__startswith=ward("saidong").path, kind=K.CELL_RECOGNITION_RESOLUTION,
        effective_date__range=(D(2021, 5, 1), D(2021, 7, 31)),
    )
    assert recognitions.count() == 2


def test_cau_ong_lanh_admitted_two_members_in_the_first_half_of_2020(demo):
    """§ post of 7/7/2020: "Trong 6 tháng đầu năm, kết nạp 2 đảng viên"."""
    half = (D(2020, 1, 1), D(2020, 6, 30))
    events = MembershipEvent.objects.filter(member__organization__path__startswith=ward("cauonglanh").path)
    decisions = events.filter(kind__in=[K.ADMISSION_DECISION, K.READMISSION_DECISION], effective_date__range=half)
    ceremonies = events.filter(kind=K.CEREMONY, effective_date__range=half)
    assert decisions.count() == ceremonies.count() == 2
    assert set(decisions.values_list("member", flat=True)) == set(ceremonies.values_list("member", flat=True))
    assert set(decisions.values_list("issuer", flat=True)) == {"Quận ủy Quận 1"}


# Today ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [w.code for w in WARDS])
def test_each_ward_has_steps_overdue_today(demo, code):
    """A candidate without a decision 60 working days after the chi bộ resolution, an admitted member without a
    ceremony 30 working days after the decision, a probationary member without a chi bộ resolution 30 working
    days after the 12 months (§1)."""
    today = timezone.localdate()
    overdue = Counter(
        member.status for member in members_of(code)
        for deadline in lifecycle(member).deadlines() if deadline.is_overdue(today)
    )
    assert {Status.CANDIDATE, Status.ADMITTED, Status.PROBATIONARY} <= set(overdue)


# Loading --------------------------------------------------------------------------------------------------------


def test_the_summary_line_counts_the_members_by_status(demo):
    first_line = demo.splitlines()[0]
    total = PartyMember.objects.count()
    assert f"{total} hồ sơ đảng viên" in first_line
    assert f"{PartyMember.objects.filter(status=Status.OFFICIAL).count()} chính thức" in first_line
    assert "từ trần" in first_line and "chờ lễ kết nạp" in first_line


def test_a_second_load_creates_no_member_event_or_log_entry(demo):
    before = PartyMember.objects.count(), MembershipEvent.objects.count(), LogEntry.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (PartyMember.objects.count(), MembershipEvent.objects.count(), LogEntry.objects.count()) == before
    assert f"{before[0]} hồ sơ đảng viên" in out.getvalue()


def test_the_demo_votes_count_no_more_voters_than_the_chi_bo_had_since_2020(demo):
    """A chi bộ resolution since 2020 counts at most the chi bộ's official members on its day, as
    the demo holds them (members.services.roll_on): its votes are possible (issue 11)."""
    from members.services import roll_on

    since = D(2020, 1, 1)
    events = (MembershipEvent.objects.filter(kind__in=[K.CELL_ADMISSION_RESOLUTION, K.CELL_RECOGNITION_RESOLUTION],
                                             effective_date__gte=since)
              .select_related("member__organization"))
    impossible = []
    for event in events:
        counted = sum(1 for entry in roll_on(event.member.organization, event.effective_date) if entry.counted)
        if event.voters_total > counted:
            impossible.append((event.member.organization.name, event.effective_date, event.voters_total, counted))
    assert events.exists() and impossible == []


def test_every_demo_candidate_has_two_introducers_who_meet_the_charter(demo):
    """Each candidate's dossier names its two introducers (Điều lệ Đảng, Điều 4): official members of the ward who
    have worked with the applicant for at least 12 months, so the condition reads as met."""
    from members.conditions import introducer_condition
    from members.services import round_introducers

    candidates = PartyMember.objects.filter(status=Status.CANDIDATE).prefetch_related("events", "introducers")
    assert candidates.exists()
    for candidate in candidates:
        introducers = round_introducers(candidate, candidate.introducers.all())
        assert len(introducers) == 2, candidate
        assert introducer_condition(introducers, months_needed=12).ok is True, candidate
