"""A vote that falls short is recorded (issue 11): the decision is kept as not passed and nothing moves, except a chi
bộ's recognition vote short of 2/3, which goes on the member's dossier (three of them refer the case up); a tally
that carries cannot be recorded as failed; the minutes say "không thông qua" and the resolution leaves it out."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.exports import build_minutes, papers_of
from meetings.models import Decision, DecisionKind, MeetingKind
from meetings.services import MeetingRecord, create_meeting, record_decision
from meetings.tests.test_decisions import enter_session
from members import services as member_services
from members.models import EventKind, MembershipEvent, Status
from members.tests.test_vote_sizes import official
from org.models import Person

D = datetime.date
TODAY = timezone.localdate()


def test_an_admission_short_of_two_thirds_is_kept_as_not_passed_and_nothing_moves(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    candidate = session.candidates[0]
    events = MembershipEvent.objects.filter(member=candidate).count()
    decision = record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3, votes_against=2,
                               passed=False, actor=clerk)
    assert decision.passed is False and decision.event is None
    candidate.refresh_from_db()
    assert candidate.status == Status.CANDIDATE
    assert MembershipEvent.objects.filter(member=candidate).count() == events
    minutes = "\n".join(block.text for block in build_minutes(meeting).body)
    assert "tán thành 3/5 (60%); không tán thành 2, không thông qua." in minutes
    meeting.refresh_from_db()
    assert "resolution" not in papers_of(meeting)


def test_a_tally_that_carries_is_not_recorded_as_failed(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    with pytest.raises(ValidationError, match="đủ để thông qua: hãy ghi kết quả là thông qua") as refused:
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=4,
                        passed=False, actor=clerk)
    assert "passed" in refused.value.message_dict and not Decision.objects.exists()


def test_a_chi_bo_recognition_vote_short_goes_on_the_dossier(world, clerk):
    for number, name in enumerate(("Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"), start=1):
        official(world, clerk, name, number)
    person = Person.objects.create(organization=world.cell, full_name="Phan Thị Dự", search_name="phan thi du",
                                   date_of_birth=D(1995, 2, 2))
    probationary = member_services.receive_transfer(
        person=person, organization=world.cell, day=TODAY, admitted_on=TODAY - datetime.timedelta(days=420),
        ceremony_on=TODAY - datetime.timedelta(days=400), introduced_on=TODAY,
        counterpart="Đảng bộ phường Hà Đông", actor=clerk,
    )
    meeting = create_meeting(MeetingRecord(organization=world.cell, kind=MeetingKind.CELL_MONTHLY,
                             starts_at=timezone.localtime().replace(hour=0, minute=1), place="Nhà văn hóa",
                             chair=Person.objects.get(full_name="Lê Văn Một")), actor=clerk)
    decision = record_decision(meeting, kind=DecisionKind.RECOGNITION, member=probationary, votes_for=1,
                               votes_against=2, passed=False, actor=clerk)
    assert decision.event.kind == EventKind.RECOGNITION_VOTE_SHORT
    assert (decision.event.votes_for, decision.event.voters_total) == (1, 3)
    probationary.refresh_from_db()
    assert probationary.status == Status.PROBATIONARY


def test_the_page_records_a_failed_vote_and_shows_it(client, session, world, clerk):
    meeting = enter_session(session, world, clerk)
    client.force_login(clerk)
    candidate = session.candidates[1]
    response = client.post(reverse("meeting_decide", args=[meeting.pk]), {
        "subject": f"{DecisionKind.ADMISSION}:{candidate.pk}", "votes_for": 2, "votes_against": 3,
        "outcome": "failed",
    }, follow=True)
    page = response.content.decode()
    assert "Đã ghi kết quả không thông qua" in page and 'data-field="failed"' in page
    assert Decision.objects.get().passed is False


def test_the_api_records_a_failed_vote(client, session, world, clerk):
    from members.tests.test_api_members import bearer

    meeting = enter_session(session, world, clerk)
    response = client.post(f"/api/v1/meetings/{meeting.pk}/decisions", {
        "kind": "admission", "member": str(session.candidates[0].pk), "votes_for": 2, "votes_against": 3,
        "passed": False,
    }, content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 201, response.content
    assert response.json()["passed"] is False and response.json()["event_kind"] is None
