"""A ward's decision on a member has its own paper (issue 11): the Quyết định numbered from the register, with its
grounds and articles, signed "T/M BAN THƯỜNG VỤ", as DOCX and PDF from its page and the API; audited."""

import datetime
import io
import zoneinfo

import pytest
from django.http import Http404
from docx import Document as Docx

from audit.models import LogEntry
from documents import services
from documents.layout import signature_lines, text_of
from documents.papers import FORMATS, build_member_decision
from documents.tests.test_api import bearer
from documents.tests.test_layout_render import flat, pdf_pages
from meetings.models import DecisionKind, MeetingKind
from meetings.services import MeetingRecord, create_meeting, record_decision
from meetings.tests.conftest import candidate_after_chi_bo
from org.models import Person

D = datetime.date
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def decision(world, ward_2026, admin_user):
    candidate = candidate_after_chi_bo(world, admin_user)
    meeting = create_meeting(MeetingRecord(organization=world.ward, committee=ward_2026.btv, kind=MeetingKind.REGULAR,
                             starts_at=datetime.datetime(2026, 10, 20, 8, tzinfo=HANOI), place="Phòng họp Đảng ủy",
                             chair=ward_2026.people[0]), actor=admin_user)
    return record_decision(meeting, kind=DecisionKind.ADMISSION, member=candidate, votes_for=3,
                           actor=admin_user).document


def test_the_admission_decision_reads_as_a_decision_of_the_standing_committee(decision):
    paper = build_member_decision(decision)
    assert (paper.number_line, paper.kind_title) == ("Số 08-QĐ/ĐU", "QUYẾT ĐỊNH")
    assert paper.issuer == "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG"
    assert paper.subject == "Về việc kết nạp đảng viên đối với Vũ Thị Mai"
    text = [block.text for block in paper.body]
    assert "- Căn cứ Quy định 294-QĐ/TW của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;" in text
    assert "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ phường Sài Đồng nhiệm kỳ 2025–2030;" in text
    assert "- Xét Nghị quyết ngày 15/09/2026 của Chi bộ số 1 đề nghị kết nạp đảng viên;" in text
    assert "Điều 1. Kết nạp đồng chí Vũ Thị Mai, sinh ngày 04/04/1998, vào Đảng Cộng sản Việt Nam." in text
    assert ("Điều 2. Chi bộ số 1 tổ chức lễ kết nạp cho đồng chí Vũ Thị Mai trong thời hạn 30 ngày làm việc kể từ "
            "ngày nhận được Quyết định này.") in text
    assert text[-1] == "Điều 3. Văn phòng Đảng ủy, Chi bộ số 1 và đồng chí Vũ Thị Mai căn cứ Quyết định thi hành."
    assert signature_lines(paper.signatures[0]) == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Thị Hạnh"]
    assert paper.recipients == ("Như Điều 3,", "Lưu Văn phòng Đảng ủy.")
    assert "Số 08-QĐ/ĐU" in text_of(paper)


def test_the_paper_downloads_from_the_page_and_the_api_and_only_for_a_decision(client, world, clerk, decision):
    client.force_login(clerk)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert 'id="paper"' in page
    response = client.get(f"/documents/{decision.pk}/paper/", {"format": "docx"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)
    assert "Kết nạp đồng chí Vũ Thị Mai" in text
    api = client.get(f"/api/v1/documents/{decision.pk}/paper", {"format": "pdf"}, **bearer(client, clerk))
    assert api.status_code == 200 and api.content.startswith(b"%PDF")
    assert LogEntry.objects.filter(action="documents.document.exported", object_id=str(decision.pk)).count() == 2
    plan = services.draft_document(organization=world.ward, doc_type="plan", summary="Kế hoạch", actor=clerk)
    with pytest.raises(Http404):
        build_member_decision(plan)
    assert client.get(f"/documents/{plan.pk}/paper/").status_code == 404


def test_without_a_date_of_birth_the_article_reads_without_a_stray_comma(decision):
    person = decision.member_event.member.person
    person.date_of_birth = None
    person.save()
    decision.refresh_from_db()
    text = [block.text for block in build_member_decision(decision).body]
    assert "Điều 1. Kết nạp đồng chí Vũ Thị Mai vào Đảng Cộng sản Việt Nam." in text


def test_another_ward_cannot_read_the_decision_paper(client, outsider, decision):
    client.force_login(outsider)
    assert client.get(f"/documents/{decision.pk}/paper/", {"format": "pdf"}).status_code == 404
    response = client.get(f"/api/v1/documents/{decision.pk}/paper", **bearer(client, outsider))
    assert response.status_code == 404
    assert not LogEntry.objects.filter(action="documents.document.exported").exists()


def test_the_decision_paper_is_drawn_once_and_anew_when_what_it_prints_changes(client, world, clerk, decision,
                                                                                monkeypatch):
    """As a meeting's papers (documents.kept): a second download hands out the kept file; a change to what the
    paper prints (here the member's name, changed on the person) gives a paper drawn anew that shows it."""
    drawn = []
    content_type, render = FORMATS["pdf"]
    monkeypatch.setitem(FORMATS, "pdf", (content_type, lambda paper: drawn.append(paper.subject) or render(paper)))
    client.force_login(clerk)
    url = f"/documents/{decision.pk}/paper/"
    first = client.get(url, {"format": "pdf"})
    again = client.get(url, {"format": "pdf"})
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert drawn == ["Về việc kết nạp đảng viên đối với Vũ Thị Mai"]
    person = Person.objects.get(full_name="Vũ Thị Mai")
    person.full_name = "Vũ Thị Mai Anh"
    person.save()
    changed = client.get(url, {"format": "pdf"})
    assert len(drawn) == 2 and "Vũ Thị Mai Anh" in flat(" ".join(pdf_pages(changed.content)))
    assert LogEntry.objects.filter(action="documents.document.exported", object_id=str(decision.pk)).count() == 3
