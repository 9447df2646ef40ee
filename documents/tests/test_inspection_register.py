"""The inspection committee's own register (issue 11; HD 36-HD/VPTW, docs/rules.md §2.2, §2.7): its documents carry
their own sequence and symbol (…/UBKTĐU), its meetings pass only its own drafts, and its papers are headed "ỦY BAN KIỂM
TRA" and signed "T/M ỦY BAN KIỂM TRA / CHỦ NHIỆM"."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents import services
from documents.layout import signature_lines
from meetings.exports import build_minutes, build_resolution
from meetings.models import DecisionKind, MeetingKind
from meetings.services import MeetingRecord, create_meeting, record_decision
from meetings.tests.conftest import HANOI, person
from org.models import Committee, CommitteeKind, CommitteeMember, Position, Title

D = datetime.date
DAY = D(2026, 9, 10)


def issued(world, clerk, secretary, body, doc_type="plan"):
    document = services.draft_document(organization=world.ward, doc_type=doc_type, summary="Kiểm tra, giám sát",
                                       body=body, actor=clerk)
    services.approve_document(document, actor=secretary)
    return services.issue_document(document, day=DAY, signer="Nguyễn Thị Hạnh", actor=clerk)


def test_the_inspection_committee_numbers_its_documents_in_its_own_sequence(world, clerk, secretary, ward_2026):
    ours = issued(world, clerk, secretary, "committee")
    theirs = issued(world, clerk, secretary, "inspection")
    again = issued(world, clerk, secretary, "inspection")
    assert (ours.symbol, theirs.symbol, again.symbol) == ("01-KH/ĐU", "01-KH/UBKTĐU", "02-KH/UBKTĐU")
    assert theirs.issuer_name == "Ủy ban Kiểm tra Đảng ủy phường Sài Đồng"
    services.set_sequence_start(organization=world.ward, code="NQ", last_number=4, body="inspection",
                                day=DAY, actor=clerk)
    assert issued(world, clerk, secretary, "inspection", doc_type="resolution").symbol == "05-NQ/UBKTĐU"
    assert issued(world, clerk, secretary, "committee", doc_type="resolution").symbol == "01-NQ/ĐU"
    with pytest.raises(ValidationError, match="Chỉ Đảng ủy phường, xã có Ủy ban Kiểm tra"):
        services.draft_document(organization=world.cell, doc_type="plan", summary="x", body="inspection",
                                actor=clerk)


def test_an_inspection_meeting_passes_its_own_draft_and_its_papers_are_its_own(world, clerk, ward_2026):
    ubkt = Committee.objects.create(organization=world.ward, kind=CommitteeKind.INSPECTION, term=ward_2026.term)
    members = [person(world.ward, name, D(1975, 1, 1)) for name in ("Đinh Văn Kiểm", "Lý Thị Tra", "Mạc Văn Xét")]
    for member in members:
        CommitteeMember.objects.create(committee=ubkt, person=member, start_date=ward_2026.term.start_date)
    Position.objects.create(person=members[0], organization=world.ward, title=Title.OTHER,
                            title_detail="Chủ nhiệm Ủy ban Kiểm tra", start_date=ward_2026.term.start_date)
    meeting = create_meeting(MeetingRecord(organization=world.ward, committee=ubkt, kind=MeetingKind.REGULAR,
                             starts_at=datetime.datetime(2026, 9, 10, 8, tzinfo=HANOI), place="Trụ sở Đảng ủy",
                             chair=members[0]), actor=clerk)
    ward_draft = services.draft_document(organization=world.ward, doc_type="resolution", summary="Của Đảng ủy",
                                         actor=clerk)
    with pytest.raises(ValidationError, match="Dự thảo của Ủy ban Kiểm tra do Ủy ban Kiểm tra thông qua"):
        record_decision(meeting, kind=DecisionKind.RESOLUTION, document=ward_draft, votes_for=3, actor=clerk)
    draft = services.draft_document(organization=world.ward, doc_type="resolution", body="inspection",
                                    summary="Chương trình kiểm tra, giám sát năm 2027", actor=clerk)
    record_decision(meeting, kind=DecisionKind.RESOLUTION, document=draft, votes_for=3, actor=clerk)
    draft.refresh_from_db()
    assert draft.symbol == "01-NQ/UBKTĐU"
    resolution = build_resolution(meeting)
    assert (resolution.superior, resolution.issuer) == ("ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG", "ỦY BAN KIỂM TRA")
    assert resolution.number_line == "Số 01-NQ/UBKTĐU"
    assert signature_lines(resolution.signatures[0]) == ["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", "Đinh Văn Kiểm"]
    assert build_minutes(meeting).number_line.endswith("-BB/UBKTĐU")


def test_a_unit_that_is_not_a_party_organisation_has_no_register(world, clerk, ward_2026):
    from org.models import Term

    Term.objects.create(organization=world.ubnd, name="2021–2026", start_date=D(2021, 7, 1))
    with pytest.raises(ValidationError, match="Chỉ tổ chức đảng"):
        services.set_sequence_start(organization=world.ubnd, code="QĐ", last_number=3, day=DAY, actor=clerk)
