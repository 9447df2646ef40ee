"""A candidate walked through admission to official membership by the services (docs/rules.md §1)."""

import datetime

import pytest

from audit.models import LogEntry
from members import services
from members.lifecycle import MembershipRuleError
from members.models import EventKind, MembershipEvent, PartyMember, Status

D = datetime.date
K = EventKind


@pytest.fixture
def candidate(world, clerk):
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    return services.register_candidate(person=world.dung, organization=world.cell, day=D(2020, 9, 1), actor=clerk)


def walk_to_ceremony(member, clerk):
    services.record_event(member, kind=K.AWARENESS_COURSE, day=D(2020, 10, 5), actor=clerk)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 2), actor=clerk,
                          votes_for=9, voters_total=12, decision_no="05-NQ/CB")
    services.record_event(member, kind=K.WARD_ADMISSION_RESOLUTION, day=D(2021, 3, 20), actor=clerk,
                          votes_for=11, voters_total=15, decision_no="41-NQ/ĐU")
    services.record_event(member, kind=K.ADMISSION_DECISION, day=D(2021, 4, 6), actor=clerk,
                          decision_no="112-QĐ/ĐU", issuer="Đảng ủy phường Sài Đồng", signer="Bí thư")
    services.record_event(member, kind=K.CEREMONY, day=D(2021, 4, 20), actor=clerk)


def test_a_clerk_walks_a_candidate_to_official_membership(candidate, clerk):
    """§1: candidate → chi bộ resolution → ward resolution → decision → ceremony → 12 months → official."""
    assert candidate.status == Status.CANDIDATE
    walk_to_ceremony(candidate, clerk)
    candidate.refresh_from_db()
    assert candidate.status == Status.PROBATIONARY and candidate.status_since == D(2021, 4, 20)
    lifecycle = services.lifecycle_of(candidate)
    assert lifecycle.probation_ends_on == D(2022, 4, 20)

    services.record_event(candidate, kind=K.CELL_RECOGNITION_RESOLUTION, day=D(2022, 5, 10), actor=clerk,
                          votes_for=10, voters_total=12)
    with pytest.raises(MembershipRuleError, match="Chưa có nghị quyết của Đảng ủy đề nghị công nhận"):
        services.record_event(candidate, kind=K.RECOGNITION_DECISION, day=D(2022, 6, 1), actor=clerk,
                              decision_no="201-QĐ/QU")  # until 30/6/2025: the ward proposes, the district decides
    services.record_event(candidate, kind=K.WARD_RECOGNITION_RESOLUTION, day=D(2022, 5, 20), actor=clerk,
                          votes_for=11, voters_total=15, decision_no="52-NQ/ĐU")
    services.record_event(candidate, kind=K.RECOGNITION_DECISION, day=D(2022, 6, 1), actor=clerk,
                          decision_no="201-QĐ/QU")
    candidate.refresh_from_db()
    assert candidate.status == Status.OFFICIAL
    # official on the day the 12 months end, though the decision came later (§1)
    assert services.lifecycle_of(candidate).official_on == D(2022, 4, 20)
    assert LogEntry.objects.filter(action="members.event.recorded", object_id=str(candidate.pk)).count() == 9


def test_it_refuses_official_recognition_before_twelve_months(candidate, clerk):
    """§1 probation: 12 months from the ceremony; the refusal names the end date and the rule, and writes nothing."""
    walk_to_ceremony(candidate, clerk)
    before = MembershipEvent.objects.count(), LogEntry.objects.count()
    with pytest.raises(MembershipRuleError, match=r"Chưa hết 12 tháng dự bị.*20/04/2022"):
        services.record_event(candidate, kind=K.CELL_RECOGNITION_RESOLUTION, day=D(2022, 4, 19), actor=clerk,
                              votes_for=12, voters_total=12)
    assert (MembershipEvent.objects.count(), LogEntry.objects.count()) == before
    assert PartyMember.objects.get(pk=candidate.pk).status == Status.PROBATIONARY


def test_it_refuses_an_applicant_under_eighteen_counted_in_months(world, clerk):
    """§1 conditions: a full 18 years, counted in months, on the day of the chi bộ vote."""
    world.dung.date_of_birth = D(2003, 3, 11)
    world.dung.save()
    member = services.register_candidate(person=world.dung, organization=world.cell, day=D(2020, 9, 1), actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=D(2020, 10, 5), actor=clerk)
    with pytest.raises(MembershipRuleError, match="Chưa đủ 18 tuổi"):
        services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 10), actor=clerk,
                              votes_for=9, voters_total=12)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 11), actor=clerk,
                          votes_for=9, voters_total=12)


def test_it_refuses_a_chi_bo_vote_short_of_two_thirds_of_official_members(candidate, clerk):
    """§1 votes: at least 2/3 of the chi bộ's official members (7 of 11 is short; 8 of 12 is enough)."""
    services.record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2020, 10, 5), actor=clerk)
    with pytest.raises(MembershipRuleError, match="Chưa đủ 2/3"):
        services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 2), actor=clerk,
                              votes_for=7, voters_total=11)
    services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 2), actor=clerk,
                          votes_for=8, voters_total=12)


def test_it_refuses_a_readmission_within_36_months(candidate, clerk):
    """§1: readmission only once, at least 36 months after leaving; Party age counts from the first admission,
    minus the gap."""
    walk_to_ceremony(candidate, clerk)
    services.record_event(candidate, kind=K.RESIGNATION, day=D(2021, 10, 1), actor=clerk)
    services.record_event(candidate, kind=K.CANDIDATE, day=D(2024, 1, 2), actor=clerk)
    services.record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2024, 2, 1), actor=clerk)
    services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2024, 3, 1), actor=clerk,
                          votes_for=9, voters_total=12)
    services.record_event(candidate, kind=K.WARD_ADMISSION_RESOLUTION, day=D(2024, 3, 20), actor=clerk,
                          votes_for=11, voters_total=15)
    with pytest.raises(MembershipRuleError, match="36 tháng"):
        services.record_event(candidate, kind=K.READMISSION_DECISION, day=D(2024, 9, 30), actor=clerk,
                              decision_no="7-QĐ/ĐU")
    services.record_event(candidate, kind=K.READMISSION_DECISION, day=D(2024, 10, 1), actor=clerk,
                          decision_no="7-QĐ/ĐU")
    lifecycle = services.lifecycle_of(candidate)
    assert lifecycle.admitted_on == D(2021, 4, 6)
    # out from 01/10/2021 to 01/10/2024: three years deducted
    assert lifecycle.party_age(D(2025, 4, 6)) == (1, 0)


def test_the_ward_and_outsiders_cannot_record_events_they_may_not(candidate, secretary, outsider):
    from django.core.exceptions import PermissionDenied

    for actor in (secretary, outsider):
        with pytest.raises(PermissionDenied):
            services.record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2020, 10, 5), actor=actor)
