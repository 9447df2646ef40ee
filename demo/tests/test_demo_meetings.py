"""The seed articles' meetings in the demo (000–004): full records, and their papers as DOCX and PDF that read
right."""

import datetime
import io

import docx
import pypdfium2
import pytest

from accounts.models import User
from documents.layout import nfc
from documents.models import DocumentStatus
from meetings.checklist import cell_checklist
from meetings.exports import EXPORTERS, render_export
from meetings.models import DecisionKind, Meeting, MeetingKind
from meetings.services import attendance_summary
from members.models import EventKind, Status
from org.models import Organization

D = datetime.date
SEEDS = {  # post → (ward, day, kind, committee kind, guests, cited document numbers)
    "000": ("saidong", D(2021, 6, 28), MeetingKind.REGULAR, "executive", 0, {339}),
    "001": ("thanhkhetay", D(2021, 7, 1), MeetingKind.HALF_YEAR_REVIEW, "executive", 2, {5}),
    "002": ("cauonglanh", D(2020, 7, 7), MeetingKind.HALF_YEAR_REVIEW, "executive", 2, set()),
    "003": ("bode", D(2020, 7, 9), MeetingKind.WORKING_SESSION, "standing", 5, {217, 218}),
    "004": ("cukhoi", D(2020, 12, 28), MeetingKind.PROGRAM_REVIEW, "executive", 2, {15, 21, 139}),
}


def seed(code: str) -> Meeting:
    ward, day, kind, *_ = SEEDS[code]
    return Meeting.objects.get(organization__code=ward, kind=kind, starts_at__date=day)


@pytest.mark.parametrize("code", sorted(SEEDS))
def test_each_seed_meeting_is_a_full_record(demo, code):
    meeting = seed(code)
    _ward, _day, _kind, committee, guests, cited = SEEDS[code]
    summary = attendance_summary(meeting)
    assert meeting.committee.kind == committee
    assert summary.called >= 5 and summary.present >= summary.counted - 1 and not summary.low
    assert meeting.guests.count() == guests
    assert {d.number for d in meeting.cited_documents.all()} >= cited
    assert meeting.agenda.exists() and meeting.conclusion and meeting.tasks.exists()


def test_the_sai_dong_session_approved_two_admissions_and_two_recognitions(demo):
    meeting = seed("000")
    admissions = meeting.decisions.filter(kind=DecisionKind.ADMISSION).select_related("event", "member")
    recognitions = meeting.decisions.filter(kind=DecisionKind.RECOGNITION).select_related("event", "member")
    assert [d.event.kind for d in admissions] == [EventKind.WARD_ADMISSION_RESOLUTION] * 2
    assert [d.event.kind for d in recognitions] == [EventKind.WARD_RECOGNITION_RESOLUTION] * 2
    for decision in [*admissions, *recognitions]:
        assert decision.votes_for * 3 >= decision.members_counted * 2
        assert decision.event.effective_date == D(2021, 6, 28)
        # The histories went on after the session: admitted in July 2021, official since.
        assert decision.member.status == Status.OFFICIAL
    resolution = meeting.decisions.get(kind=DecisionKind.RESOLUTION).document
    assert (resolution.symbol, resolution.status, resolution.issued_on) == ("15-NQ/ĐU", DocumentStatus.ISSUED,
                                                                           D(2021, 6, 28))


def test_the_cu_khoi_conference_heard_five_speeches(demo):
    assert seed("004").speeches.count() == 5


def paper_text(fmt: str, content: bytes) -> str:
    if fmt == "docx":
        document = docx.Document(io.BytesIO(content))
        cells = [cell.text for table in document.tables for cell in table._cells]
        return " ".join(" ".join([*cells, *(p.text for p in document.paragraphs)]).split())
    pdf = pypdfium2.PdfDocument(content)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range() for page in pdf).split())
    finally:
        pdf.close()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("code", sorted(SEEDS))
def test_each_seed_meetings_papers_download_and_read_right(demo, code, fmt):
    meeting = seed(code)
    clerk = User.objects.get(username="admin")
    papers = ["minutes", "conclusion"] + (["resolution"] if code == "000" else [])
    for which in papers:
        _name, _type, content = render_export(meeting, which, fmt, actor=clerk)
        text = nfc(paper_text(fmt, content))
        paper = EXPORTERS[which].build(meeting)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        assert paper.issuer in text and paper.kind_title in text
        assert " ".join(paper.place_date.split()) in text
        assert " ".join(paper.body[-1].text.split()) in text
        assert meeting.chair.full_name in text


def test_the_sai_dong_resolution_reads_its_number_and_decision(demo):
    meeting = seed("000")
    admin = User.objects.get(username="admin")
    text = paper_text("pdf", render_export(meeting, "resolution", "pdf", actor=admin)[2])
    assert "Số 15-NQ/ĐU" in text
    assert "Long Biên, ngày 28 tháng 6 năm 2021" in text
    assert "BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG SÀI ĐỒNG QUYẾT NGHỊ:" in text
    assert "T/M ĐẢNG ỦY" in text and "T/M BAN CHẤP HÀNH" not in text  # HD 36: a grassroots BCH signs for the Đảng ủy


def test_the_sai_dong_checklist_shows_who_held_their_chi_bo_meetings(demo):
    ward = Organization.objects.get(code="saidong")
    september = cell_checklist(ward, D(2026, 9, 1), D(2026, 9, 30))
    assert sum(1 for row in september.rows if all(row.monthly)) == 10
    assert sum(1 for row in september.rows if row.complete) == 4  # the four with a themed meeting in Q3
    assert september.missing == len(september.rows) - 4
    autumn = cell_checklist(ward, D(2026, 9, 1), D(2026, 10, 31))
    assert [m.label for m in autumn.months] == ["09/2026", "10/2026"] and autumn.quarters == ((2026, 3), (2026, 4))
    assert autumn.missing == len(autumn.rows)  # nobody held a themed meeting in Q4 yet


def test_a_month_of_the_checklist_counts_a_themed_meeting_held_earlier_in_its_quarter(demo):
    ward = Organization.objects.get(code="saidong")
    october = cell_checklist(ward, D(2026, 10, 1), D(2026, 10, 31))
    assert not any(row.themed[0] for row in october.rows)  # Q4: none yet
    august = cell_checklist(ward, D(2026, 8, 1), D(2026, 8, 31))
    assert sum(1 for row in august.rows if row.themed[0]) == 4  # the themed meetings of 19/9 count for Q3
    assert not any(row.monthly[0] for row in august.rows)
