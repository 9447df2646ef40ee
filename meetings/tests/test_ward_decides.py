"""From 01/7/2025 the ward is the committee directly above its chi bộ (docs/rules.md §1.7, QĐ 294 and 298 [U]): its Ban
Thường vụ decides an admission or an official recognition on the chi bộ resolution, and each decision is a Quyết
định of the ward's register numbered from the QĐ sequence of its term. Before, the Ban Chấp hành (not the Ban
Thường vụ) proposed by a resolution and the district decided. A candidate is walked through admission in 2026 and a
member admitted in 2025 through recognition in 2026, both by meetings."""

import datetime
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from audit.models import LogEntry
from documents import services as documents_services
from documents.models import Document, DocumentStatus
from meetings.models import DecisionKind, MeetingKind
from meetings.services import MeetingRecord, awaiting, create_meeting, record_decision
from meetings.tests.conftest import candidate_after_chi_bo, person
from members.models import EventKind, MembershipEvent, Status
from members.services import record_event, register_candidate
from org.models import Committee, CommitteeKind, CommitteeMember, Position, Term, Title

D = datetime.date
K = EventKind
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=8):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)




def meeting_of(world, committee, day, actor, chair):
    return create_meeting(MeetingRecord(organization=world.ward, committee=committee, kind=MeetingKind.REGULAR,
                          starts_at=at(day), place="Phòng họp Đảng ủy", chair=chair), actor=actor)


def test_a_ward_standing_committee_admits_in_2026_with_the_next_number_of_its_register(world, ward_2026, admin_user):
    candidate = candidate_after_chi_bo(world, admin_user)
    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 20), admin_user, ward_2026.people[0])
    assert awaiting(meeting, DecisionKind.ADMISSION) == [candidate]

    decision = record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3,
                               actor=admin_user)

    paper = decision.document
    assert (paper.symbol, paper.status, paper.issued_on, paper.term) == (
        "08-QĐ/ĐU", DocumentStatus.ISSUED, D(2026, 10, 20), ward_2026.term)
    assert paper.summary == "Về việc kết nạp đảng viên đối với Vũ Thị Mai"
    assert paper.signer == "Nguyễn Thị Hạnh"
    event = decision.event
    assert (event.kind, event.decision_no, event.issuer) == (K.ADMISSION_DECISION, "08-QĐ/ĐU", world.ward.name)
    assert decision.title == "Quyết định kết nạp đảng viên đối với Vũ Thị Mai"  # the ward decides, not proposes
    candidate.refresh_from_db()
    assert (candidate.status, candidate.admitted_on) == (Status.ADMITTED, D(2026, 10, 20))
    assert LogEntry.objects.filter(action="documents.document.issued", object_id=str(paper.pk)).exists()

    record_event(candidate, kind=K.CEREMONY, day=D(2026, 11, 2), actor=admin_user)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.ceremony_on, candidate.probation_ends_on) == (
        Status.PROBATIONARY, D(2026, 11, 2), D(2027, 11, 2))

    second = candidate_after_chi_bo(world, admin_user, name="Đinh Thị Ngọc")
    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 27), admin_user, ward_2026.people[0])
    assert record_decision(meeting, kind=DecisionKind.ADMISSION, member=second, votes_for=2,
                           actor=admin_user).document.symbol == "09-QĐ/ĐU"


def test_a_member_admitted_in_2025_is_recognised_in_2026_by_the_standing_committee(world, ward_2026, admin_user):
    member = register_candidate(person=person(world.cell, "Tạ Thị Oanh", D(1995, 1, 1)), organization=world.cell,
                                day=D(2025, 1, 6), actor=admin_user)
    record_event(member, kind=K.AWARENESS_COURSE, day=D(2025, 3, 3), actor=admin_user)
    record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2025, 8, 25), actor=admin_user, votes_for=3,
                 voters_total=3)
    admitted = record_decision(meeting_of(world, ward_2026.btv, D(2025, 9, 9), admin_user, ward_2026.people[0]),
                               kind=DecisionKind.ADMISSION, member=member, votes_for=3, actor=admin_user)
    assert admitted.document.symbol == "08-QĐ/ĐU"
    record_event(member, kind=K.CEREMONY, day=D(2025, 9, 26), actor=admin_user)
    record_event(member, kind=K.CELL_RECOGNITION_RESOLUTION, day=D(2026, 9, 28), actor=admin_user, votes_for=3,
                 voters_total=3)

    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 6), admin_user, ward_2026.people[0])
    decision = record_decision(meeting, kind=DecisionKind.RECOGNITION, member=member, votes_for=3,
                               actor=admin_user)

    assert (decision.document.symbol, decision.event.kind) == ("09-QĐ/ĐU", K.RECOGNITION_DECISION)
    assert decision.document.summary == "Về việc công nhận đảng viên chính thức đối với Tạ Thị Oanh"
    member.refresh_from_db()
    assert (member.status, member.official_on) == (Status.OFFICIAL, D(2026, 9, 26))  # the day the 12 months end


def test_from_01_07_2025_the_ban_chap_hanh_does_not_decide_and_nothing_is_kept(world, ward_2026, admin_user):
    candidate = candidate_after_chi_bo(world, admin_user)
    meeting = meeting_of(world, ward_2026.bch, D(2026, 10, 20), admin_user, ward_2026.people[0])
    with pytest.raises(ValidationError, match="từ 01/7/2025 Ban Thường vụ Đảng ủy quyết định"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=5, actor=admin_user)
    assert not Document.objects.filter(member_event__isnull=False).exists()
    assert not MembershipEvent.objects.filter(kind=K.ADMISSION_DECISION).exists()


def test_a_number_typed_by_hand_is_refused_and_takes_no_number(world, ward_2026, admin_user):
    candidate = candidate_after_chi_bo(world, admin_user)
    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 20), admin_user, ward_2026.people[0])
    with pytest.raises(ValidationError, match="lấy số tiếp theo trong sổ văn bản"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3, decision_no="5-QĐ/ĐU",
                        actor=admin_user)
    with pytest.raises(ValidationError, match=r"Chưa đủ 2/3"):
        record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=1, actor=admin_user)
    assert not Document.objects.filter(code="QĐ").exists()
    decision = record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=2,
                               actor=admin_user)
    assert decision.document.symbol == "08-QĐ/ĐU"  # the refusals took no number


def test_the_clerk_cannot_type_a_ward_decision_on_the_dossier_after_the_reform(world, ward_2026, clerk):
    candidate = candidate_after_chi_bo(world, clerk)
    with pytest.raises(ValidationError, match="lấy số trong sổ văn bản của Đảng ủy"):
        record_event(candidate, kind=K.ADMISSION_DECISION, day=D(2026, 10, 20), actor=clerk,
                     decision_no="08-QĐ/ĐU")
    paper = documents_services.issue_member_decision(candidate, kind=K.ADMISSION_DECISION, day=D(2026, 10, 20),
                                                     signer="Nguyễn Thị Hạnh", actor=clerk)
    assert (paper.symbol, paper.member_event.kind) == ("08-QĐ/ĐU", K.ADMISSION_DECISION)


def test_before_01_07_2025_only_the_ban_chap_hanh_proposes_with_two_thirds_of_its_members(world, admin_user):
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    bch = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)
    btv = Committee.objects.create(organization=world.ward, kind=CommitteeKind.STANDING, term=term)
    people = [person(world.ward, f"Ủy viên {n}", D(1970, 1, n)) for n in range(1, 7)]
    for index, seat in enumerate(people):
        CommitteeMember.objects.create(committee=bch, person=seat, start_date=term.start_date)
        if index < 3:
            CommitteeMember.objects.create(committee=btv, person=seat, start_date=term.start_date)
    member = register_candidate(person=person(world.cell, "Lý Thị Quế", D(1997, 2, 2)), organization=world.cell,
                                day=D(2024, 9, 2), actor=admin_user)
    record_event(member, kind=K.AWARENESS_COURSE, day=D(2024, 10, 7), actor=admin_user)
    record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2025, 5, 12), actor=admin_user, votes_for=3,
                 voters_total=3)

    standing = meeting_of(world, btv, D(2025, 6, 2), admin_user, people[0])
    with pytest.raises(ValidationError, match="Ban Thường vụ không xét kết nạp"):
        record_decision(standing, kind=DecisionKind.ADMISSION, member=member, votes_for=3, actor=admin_user)
    executive = meeting_of(world, bch, D(2025, 6, 3), admin_user, people[0])
    with pytest.raises(ValidationError, match=r"Chưa đủ 2/3 số ủy viên Ban Chấp hành tán thành \(3/6\)"):
        record_decision(executive, kind=DecisionKind.ADMISSION, member=member, votes_for=3, actor=admin_user)
    decision = record_decision(executive, kind=DecisionKind.ADMISSION, member=member, votes_for=4, actor=admin_user)
    assert (decision.event.kind, decision.document) == (K.WARD_ADMISSION_RESOLUTION, None)
    assert decision.title == "Đề nghị kết nạp đảng viên đối với Lý Thị Quế"


# The papers of such a meeting ---------------------------------------------------------------------------------


def test_the_resolution_states_each_decision_in_the_bodys_words_with_its_number(world, ward_2026, admin_user):
    from documents.layout import text_of
    from documents.types import DocumentType
    from meetings.exports import build_resolution, papers_of

    candidate = candidate_after_chi_bo(world, admin_user)
    plan = documents_services.draft_document(organization=world.ward, doc_type=DocumentType.PLAN,
                                             summary="Kế hoạch tổ chức hội nghị tổng kết năm 2026", actor=admin_user)
    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 20), admin_user, ward_2026.people[0])
    assert papers_of(meeting) == ["minutes"]  # nothing decided yet: no resolution to offer
    record_decision(meeting, kind=DecisionKind.RESOLUTION, document=plan, votes_for=3, actor=admin_user)
    record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3, actor=admin_user)

    lines = text_of(build_resolution(meeting))
    assert "kết quả phiên họp thường kỳ tháng 10/2026 ngày 20/10/2026" in lines  # the subject, not a decision's
    assert "1. Thông qua Kế hoạch tổ chức hội nghị tổng kết năm 2026 (số 01-KH/ĐU)." in lines
    assert ("2. Quyết định kết nạp đảng viên đối với đồng chí Vũ Thị Mai (Quyết định số 08-QĐ/ĐU)."
            in lines)
    assert not any("Đề nghị kết nạp" in line for line in lines)
    assert papers_of(meeting) == ["minutes", "resolution"]


def test_the_minutes_number_their_sections_without_gaps_and_read_the_votes_as_vietnamese(world, ward_2026,
                                                                                        admin_user, client, clerk):
    from documents.layout import text_of
    from documents.types import DocumentType
    from meetings.exports import build_minutes

    plan = documents_services.draft_document(organization=world.ward, doc_type=DocumentType.PLAN,
                                             summary="Kế hoạch tổ chức hội nghị tổng kết năm 2026", actor=admin_user)
    meeting = meeting_of(world, ward_2026.btv, D(2026, 10, 20), admin_user, ward_2026.people[0])
    record_decision(meeting, kind=DecisionKind.RESOLUTION, document=plan, votes_for=2, votes_against=1,
                    actor=admin_user)

    lines = text_of(build_minutes(meeting))
    headings = [line for line in lines if re.match(r"[IVX]+\. ", line) and line == line.upper()]
    assert headings == ["I. THÀNH PHẦN", "II. NỘI DUNG", "III. KẾT QUẢ BIỂU QUYẾT"]  # no speeches, no gap
    assert ("1. Thông qua Kế hoạch tổ chức hội nghị tổng kết năm 2026: tán thành 2/3 (66,7%); không tán thành 1."
            in lines)
    client.force_login(clerk)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "00</strong> ý kiến phát biểu" not in page and 'id="speeches"' not in page
    assert "/resolution" in page and "/conclusion" not in page  # no conclusion recorded: no notice offered


def test_each_body_signs_in_its_own_name(world, ward_2026, admin_user):
    """HD 36-HD/VPTW (docs/rules.md §2.7): T/M ĐẢNG ỦY for the Ban Chấp hành, T/M BAN THƯỜNG VỤ, T/M ỦY BAN KIỂM TRA
    with its CHỦ NHIỆM; a deputy who chairs signs as PHÓ BÍ THƯ."""
    from meetings.exports import build_minutes, build_resolution

    ubkt = Committee.objects.create(organization=world.ward, kind=CommitteeKind.INSPECTION, term=ward_2026.term)
    for seat in ward_2026.people[3:]:
        CommitteeMember.objects.create(committee=ubkt, person=seat, start_date=ward_2026.term.start_date)
    Position.objects.create(person=ward_2026.people[1], organization=world.ward, title=Title.DEPUTY_SECRETARY,
                            start_date=ward_2026.term.start_date)
    signed = {}
    for committee, chair, votes in ((ward_2026.bch, ward_2026.people[0], 5), (ward_2026.btv, ward_2026.people[1], 3),
                                    (ubkt, ward_2026.people[3], 2)):
        meeting = meeting_of(world, committee, D(2026, 10, 20), admin_user, chair)
        record_decision(meeting, kind=DecisionKind.OTHER, title="Thông qua chương trình công tác", votes_for=votes,
                        actor=admin_user)
        signature = build_resolution(meeting).signatures[0]
        signed[committee.kind] = (signature.on_behalf, signature.title)
        assert build_minutes(meeting).signatures[-1].title == "CHỦ TRÌ"
    assert signed == {CommitteeKind.EXECUTIVE: ("T/M ĐẢNG ỦY", "BÍ THƯ"),
                      CommitteeKind.STANDING: ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
                      CommitteeKind.INSPECTION: ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM")}


def test_another_wards_clerk_can_neither_issue_a_decision_nor_set_a_register_here(world, ward_2026, admin_user,
                                                                                   outsider):
    from django.core.exceptions import PermissionDenied

    candidate = candidate_after_chi_bo(world, admin_user)
    with pytest.raises(PermissionDenied):
        documents_services.issue_member_decision(candidate, kind=K.ADMISSION_DECISION, day=D(2026, 10, 20),
                                                 signer="Trần Văn Bình", actor=outsider)
    with pytest.raises(PermissionDenied):
        documents_services.set_sequence_start(organization=world.ward, code="QĐ", last_number=90, actor=outsider)
    assert not Document.objects.filter(code="QĐ").exists()
    candidate.refresh_from_db()
    assert candidate.status == Status.CANDIDATE
