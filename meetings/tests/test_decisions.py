"""Entering a session and voting its decisions (meetings.services): the roster, the voting rules, and the records a
decision moves through their own services, with nothing kept when a rule refuses."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import LogEntry
from documents.models import DocumentStatus
from documents.services import draft_document
from meetings.models import Decision, DecisionKind, Meeting, MeetingKind, Presence
from meetings.rules import VoteRefused
from meetings.services import MeetingRecord, attendance_summary, awaiting, create_meeting, record_decision, roster
from meetings.tests.conftest import SESSION_AT
from members.lifecycle import MembershipRuleError
from members.models import EventKind, MembershipEvent, Status

D = datetime.date


def enter_session(session, world, clerk, **overrides):
    fields = {
        "organization": world.ward, "committee": session.bch, "kind": MeetingKind.REGULAR,
        "starts_at": SESSION_AT, "place": "Phòng họp A3, trụ sở phường", "chair": session.secretary,
        "secretary": session.members[1], "actor": clerk,
    }
    fields = {**fields, **overrides}
    actor = fields.pop("actor")
    return create_meeting(MeetingRecord(**fields), actor=actor)


def test_the_roster_is_the_committee_on_the_day_with_the_secretary_first(session, world):
    entries = roster(world.ward, session.bch, SESSION_AT.date())
    assert entries[0].person == session.secretary
    assert entries[0].role == "Bí thư"
    assert {e.role for e in entries[1:]} == {"Ủy viên Ban Chấp hành"}
    assert len(entries) == 5


def test_a_chi_bo_roster_gives_probationary_members_no_vote(session, world):
    entries = {e.person: e for e in roster(world.cell, None, SESSION_AT.date())}
    assert entries[session.probationary.person].voting is False
    assert entries[session.probationary.person].role == "Đảng viên dự bị"


def test_a_session_takes_its_roster_as_attendance_and_is_audited(session, world, clerk):
    absent = session.members[4]
    meeting = enter_session(session, world, clerk, attendance={absent.pk: (Presence.EXCUSED, "Đi công tác")},
                            guests=[{"name": "Mai Quốc Thạnh", "title": "UVBTV, Trưởng Ban Tuyên giáo Quận ủy"}],
                            agenda=[{"title": "Thông qua dự thảo Nghị quyết tháng 6/2021"}],
                            key_tasks=[{"text": "Tổ chức học tập Nghị quyết Đại hội XIII", "assignee": world.cell}])
    summary = attendance_summary(meeting)
    assert (summary.called, summary.counted, summary.present, summary.excused) == (5, 5, 4, 1)
    assert not summary.low
    assert meeting.attendance.get(person=absent).reason == "Đi công tác"
    assert meeting.title == "phiên họp thường kỳ tháng 6/2021"
    assert meeting.guests.get().title.startswith("UVBTV")
    assert LogEntry.objects.filter(action="meetings.meeting.created", object_id=str(meeting.pk)).exists()


def test_attendance_below_two_thirds_is_flagged(session, world, clerk):
    away = {p.pk: (Presence.UNEXCUSED, "") for p in session.members[2:]}
    meeting = enter_session(session, world, clerk, attendance=away)
    assert attendance_summary(meeting).low


def test_a_person_not_on_the_roster_is_refused_and_nothing_is_kept(session, world, clerk):
    with pytest.raises(ValidationError, match="Không có trong thành phần"):
        enter_session(session, world, clerk, attendance={world.hung.pk: (Presence.PRESENT, "")})
    assert not Meeting.objects.exists()


def test_a_guest_row_without_a_title_is_refused_naming_its_row(session, world, clerk):
    with pytest.raises(ValidationError, match="Đại biểu dòng 2: thiếu chức vụ"):
        enter_session(session, world, clerk, guests=[{"name": "A", "title": "B"}, {"name": "C", "title": ""}])
    assert not Meeting.objects.exists()


def test_a_ward_session_needs_its_committee(session, world, clerk):
    with pytest.raises(ValidationError, match="Hãy chọn ban họp"):
        enter_session(session, world, clerk, committee=None)


def test_another_wards_clerk_may_not_enter_a_meeting(session, world, outsider):
    with pytest.raises(PermissionDenied):
        enter_session(session, world, outsider)


def test_the_session_may_act_on_the_candidates_whose_chi_bo_resolution_is_passed(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    assert awaiting(meeting, DecisionKind.ADMISSION) == sorted(session.candidates, key=lambda m: m.person.search_name)
    assert awaiting(meeting, DecisionKind.RECOGNITION) == [session.probationary]


def test_approving_two_admission_dossiers_records_the_ward_resolution_of_each(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    for candidate in session.candidates:
        decision = record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=5, actor=clerk)
        assert decision.event.kind == EventKind.WARD_ADMISSION_RESOLUTION
        assert (decision.event.votes_for, decision.event.voters_total) == (5, 5)
        assert decision.event.effective_date == D(2021, 6, 28)
    assert awaiting(meeting, DecisionKind.ADMISSION) == []
    assert LogEntry.objects.filter(action="meetings.decision.recorded").count() == 2


def test_an_admission_short_of_two_thirds_is_refused_and_nothing_moves(session, world, clerk):
    absent = {p.pk: (Presence.EXCUSED, "Ốm") for p in session.members[3:]}
    meeting = enter_session(session, world, clerk, attendance=absent)  # 3 of 5 present
    candidate = session.candidates[0]
    events = MembershipEvent.objects.filter(member=candidate).count()
    with pytest.raises(VoteRefused, match=r"Chưa đủ 2/3 số ủy viên Ban Chấp hành tán thành \(3/5\)"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3, actor=clerk)
    assert MembershipEvent.objects.filter(member=candidate).count() == events
    assert not Decision.objects.exists()
    assert not LogEntry.objects.filter(action="meetings.decision.recorded").exists()


def test_recognition_records_the_ward_resolution_before_july_2025(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    decision = record_decision(meeting, kind=DecisionKind.RECOGNITION, member=session.probationary, votes_for=4,
                               actor=clerk)
    assert decision.event.kind == EventKind.WARD_RECOGNITION_RESOLUTION
    session.probationary.refresh_from_db()
    assert session.probationary.status == Status.PROBATIONARY


def test_a_step_the_members_rules_refuse_leaves_no_decision(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=5, actor=clerk)
    with pytest.raises(MembershipRuleError):
        record_decision(meeting, kind=DecisionKind.RECOGNITION, member=session.candidates[0], votes_for=5,
                        actor=clerk)
    assert Decision.objects.count() == 1


def test_per_person_ballots_give_the_counts(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    ballots = {p.pk: "for" for p in session.members[:4]} | {session.members[4].pk: "against"}
    decision = record_decision(meeting, kind=DecisionKind.OTHER, title="Thông qua quy chế", ballots=ballots,
                               actor=clerk)
    assert (decision.votes_for, decision.votes_against, decision.ballots.count()) == (4, 1, 5)


def test_a_ballot_of_an_absent_member_is_refused(session, world, clerk):
    meeting = enter_session(session, world, clerk, attendance={session.members[4].pk: (Presence.EXCUSED, "Ốm")})
    with pytest.raises(ValidationError, match="không có mặt"):
        record_decision(meeting, kind=DecisionKind.OTHER, title="X", ballots={session.members[4].pk: "for"},
                        actor=clerk)


def test_passing_a_draft_resolution_issues_it_with_its_number(session, world, clerk):
    draft = draft_document(organization=world.ward, doc_type="resolution", summary="Lãnh đạo nhiệm vụ tháng 7/2021",
                           actor=clerk)
    meeting = enter_session(session, world, clerk)
    record_decision(meeting, kind=DecisionKind.RESOLUTION, document=draft, votes_for=5, actor=clerk)
    draft.refresh_from_db()
    assert (draft.status, draft.symbol, draft.issued_on) == (DocumentStatus.ISSUED, "01-NQ/ĐU", D(2021, 6, 28))
    assert draft.signer == session.secretary.full_name
    assert meeting.cited_documents.get() == draft


def test_a_draft_short_of_a_majority_stays_a_draft(session, world, clerk):
    draft = draft_document(organization=world.ward, doc_type="resolution", summary="Nghị quyết", actor=clerk)
    meeting = enter_session(session, world, clerk)
    with pytest.raises(VoteRefused):
        record_decision(meeting, kind=DecisionKind.RESOLUTION, document=draft, votes_for=2, votes_against=3,
                        actor=clerk)
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None


def test_a_member_of_another_ward_cannot_be_the_subject(session, world, clerk, admin_user):
    from conftest import make_org
    from members.services import register_candidate
    from org.models import CellCategory, Kind

    other_cell = make_org(world.other_ward, "Chi bộ Bồ Đề 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    stranger = register_candidate(person=world.stranger, organization=other_cell, day=D(2021, 2, 1),
                                  actor=admin_user)
    meeting = enter_session(session, world, clerk)
    with pytest.raises(ValidationError, match="không sinh hoạt trong tổ chức"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=stranger, votes_for=5, actor=clerk)


def test_a_chi_bo_roster_is_the_roll_as_it_stood_on_the_day(session, world):
    """Bùi Văn Nam was admitted in May 2020: not on the roll in January 2020, probationary without a vote in
    June 2021."""
    january_2020 = {e.person for e in roster(world.cell, None, D(2020, 1, 10))}
    assert session.probationary.person not in january_2020
    june_2021 = {e.person: e for e in roster(world.cell, None, D(2021, 6, 28))}
    assert june_2021[session.probationary.person].voting is False


def test_a_committee_of_another_term_is_refused(session, world, clerk):
    from org.models import Committee, CommitteeKind, Term

    old_term = Term.objects.create(organization=world.ward, name="2015–2020", start_date=D(2015, 6, 1),
                                   end_date=D(2020, 6, 19))
    old = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=old_term)
    with pytest.raises(ValidationError, match="không thuộc nhiệm kỳ 2015–2020"):
        enter_session(session, world, clerk, committee=old)


def test_the_inspection_committee_does_not_decide_admissions(session, world, clerk):
    from org.models import Committee, CommitteeKind, CommitteeMember

    ubkt = Committee.objects.create(organization=world.ward, kind=CommitteeKind.INSPECTION, term=session.term)
    for seat in session.members[:3]:
        CommitteeMember.objects.create(committee=ubkt, person=seat, start_date=D(2020, 6, 20))
    meeting = enter_session(session, world, clerk, committee=ubkt)
    with pytest.raises(ValidationError, match="Ủy ban Kiểm tra không xét kết nạp"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=3, actor=clerk)
    assert not MembershipEvent.objects.filter(member=session.candidates[0],
                                              kind=EventKind.WARD_ADMISSION_RESOLUTION).exists()


def test_half_a_reviewed_period_is_refused(session, world, clerk):
    with pytest.raises(ValidationError, match="hãy ghi cả ngày đầu và ngày cuối"):
        enter_session(session, world, clerk, period_start=D(2021, 1, 1))


def test_the_share_in_favour_is_written_with_a_decimal_comma_and_no_needless_decimal():
    assert Decision(votes_for=13, members_counted=15).percent_label == "86,7"
    assert Decision(votes_for=4, members_counted=5).percent_label == "80"
    assert Decision(votes_for=15, members_counted=15).percent_label == "100"
    assert Decision(votes_for=0, members_counted=0).percent_label == ""


def test_only_drafts_not_yet_issued_are_offered_to_a_meeting(session, world, clerk):
    from documents.models import Document

    waiting = draft_document(organization=world.ward, doc_type="resolution", summary="Chờ thông qua", actor=clerk)
    issued = draft_document(organization=world.ward, doc_type="resolution", summary="Đã thông qua", actor=clerk)
    record_decision(enter_session(session, world, clerk), kind=DecisionKind.RESOLUTION, document=issued,
                    votes_for=5, actor=clerk)
    assert list(Document.objects.adoptable(world.ward)) == [waiting]
