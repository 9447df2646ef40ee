"""/api/v1/meetings: a session entered and its decisions voted through the API, with the pages' scoping and the
services' refusals."""

import io
import json

import docx
import pypdfium2
import pytest

from audit.models import LogEntry
from documents.services import draft_document
from meetings.models import Meeting
from meetings.tests.conftest import SESSION_AT
from members.models import EventKind, MembershipEvent
from org.tests.test_api_people import bearer

URL = "/api/v1/meetings"


def send(client, user, url, body=None):
    return client.post(url, json.dumps(body or {}, default=str), content_type="application/json",
                       **bearer(client, user))


def get(client, user, url, **params):
    return client.get(url, params, **bearer(client, user))


def session_body(session, world, **fields):
    return {
        "organization": world.ward.pk, "committee": session.bch.pk, "kind": "regular",
        "starts_at": SESSION_AT.isoformat(), "ends_at": SESSION_AT.replace(hour=17).isoformat(),
        "place": "Phòng họp A3 - Trụ sở cơ quan phường", "chair": session.secretary.pk,
        "secretary": session.members[1].pk,
        "attendance": [{"person": session.members[4].pk, "presence": "excused", "reason": "Đi công tác"}],
        "guests": [{"name": "Mai Quốc Thạnh", "title": "UVBTV, Trưởng Ban Tuyên giáo Quận ủy"}],
        "agenda": [{"title": "Thông qua dự thảo Nghị quyết lãnh đạo công tác tháng 7/2021",
                    "presenter": "Đồng chí Bí thư"}],
        "speeches": [{"speaker": "Đồng chí Trần Thị Bích", "summary": "Đề nghị bổ sung nhiệm vụ phòng chống dịch."}],
        "conclusion": "Tập trung thực hiện 03 nhiệm vụ trọng tâm.\nTăng cường công tác phòng, chống dịch Covid-19.",
        "key_tasks": [{"text": "Tổ chức học tập Nghị quyết Đại hội XIII", "assignee": world.cell.pk}],
        **fields,
    }


@pytest.fixture
def meeting(client, clerk, session, world):
    response = send(client, clerk, URL, session_body(session, world))
    assert response.status_code == 201, response.json()
    return Meeting.objects.get(pk=response.json()["id"])


def test_a_clerk_enters_a_session_and_gets_it_back_with_its_attendance(client, clerk, meeting, session):
    body = get(client, clerk, f"{URL}/{meeting.pk}").json()
    assert body["body_name"] == "Ban Chấp hành Đảng bộ phường Sài Đồng"
    assert body["attendance"][0]["person"]["full_name"] == session.secretary.full_name
    assert body["attendance_summary"] == {"called": 5, "counted": 5, "present": 4, "excused": 1, "unexcused": 0,
                                          "not_counted": 0, "low": False}
    assert body["guests"][0]["title"] == "UVBTV, Trưởng Ban Tuyên giáo Quận ủy"
    assert body["key_tasks"][0]["assignee"]["name"] == "Chi bộ số 1"


def test_two_admission_dossiers_approved_through_the_api_advance_both_candidates(client, clerk, meeting, session):
    for candidate in session.candidates:
        response = send(client, clerk, f"{URL}/{meeting.pk}/decisions",
                        {"kind": "admission", "member": candidate.pk, "votes_for": 4})
        assert response.status_code == 201, response.json()
        assert response.json()["event_kind"] == EventKind.WARD_ADMISSION_RESOLUTION
    decisions = get(client, clerk, f"{URL}/{meeting.pk}").json()["decisions"]
    assert [d["member_name"] for d in decisions] == [c.person.full_name for c in session.candidates]


def test_a_vote_short_of_two_thirds_is_a_400_naming_the_rule_and_nothing_moves(client, clerk, meeting, session):
    candidate = session.candidates[0]
    before = MembershipEvent.objects.filter(member=candidate).count()
    response = send(client, clerk, f"{URL}/{meeting.pk}/decisions",
                    {"kind": "admission", "member": candidate.pk, "votes_for": 3, "votes_against": 1})
    assert response.status_code == 400
    assert "Chưa đủ 2/3 số ủy viên Ban Chấp hành tán thành (3/5)" in response.json()["detail"]
    assert MembershipEvent.objects.filter(member=candidate).count() == before
    assert not meeting.decisions.exists()


def test_a_malformed_decision_is_a_422_naming_the_field(client, clerk, meeting):
    response = send(client, clerk, f"{URL}/{meeting.pk}/decisions", {"kind": "admission", "votes_for": -1})
    assert response.status_code == 422
    assert "votes_for" in response.json()["detail"]


def test_the_outsider_neither_sees_nor_changes_the_meeting(client, outsider, meeting, session):
    assert get(client, outsider, f"{URL}/{meeting.pk}").status_code == 404
    assert get(client, outsider, URL).json()["count"] == 0
    response = send(client, outsider, f"{URL}/{meeting.pk}/decisions",
                    {"kind": "other", "title": "X", "votes_for": 5})
    assert response.status_code == 404
    assert get(client, outsider, f"{URL}/{meeting.pk}/minutes", format="pdf").status_code == 404


def test_the_level_above_reads_but_may_not_enter(client, superior, meeting, session, world):
    assert get(client, superior, f"{URL}/{meeting.pk}").status_code == 200
    assert send(client, superior, URL, session_body(session, world)).status_code == 403
    response = send(client, superior, f"{URL}/{meeting.pk}/decisions", {"kind": "other", "title": "X", "votes_for": 5})
    assert response.status_code == 403


def test_the_minutes_download_as_a_docx_in_times_new_roman(client, clerk, meeting, session):
    response = get(client, clerk, f"{URL}/{meeting.pk}/minutes", format="docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="bien-ban-ban-chap-hanh-dang-bo-phuong-sai-dong-2021-06-28.docx"')
    document = docx.Document(io.BytesIO(response.content))
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN BẢN" in text
    assert "Tổng số ủy viên Ban Chấp hành: 5 đồng chí; có mặt: 4 đồng chí" in text
    assert "Vắng có lý do: đồng chí Hoàng Văn Em (Đi công tác)" in text
    header = "\n".join(cell.text for cell in document.tables[0]._cells)
    assert "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG" in header and "ĐẢNG BỘ QUẬN LONG BIÊN" in header
    assert "Long Biên, ngày 28 tháng 6 năm 2021" in header
    assert LogEntry.objects.filter(action="meetings.minutes.exported").count() == 1


def test_the_conclusion_notice_downloads_as_a_pdf_that_reads_right(client, clerk, meeting):
    response = get(client, clerk, f"{URL}/{meeting.pk}/conclusion", format="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "THÔNG BÁO" in text
    assert "Tăng cường công tác phòng, chống dịch Covid-19." in text
    assert "T/M ĐẢNG ỦY" in text and "T/M BAN CHẤP HÀNH" not in text  # HD 36: a grassroots BCH signs for the Đảng ủy


def test_the_resolution_is_the_draft_the_session_passed_with_its_number(client, clerk, meeting, world):
    draft = draft_document(organization=world.ward, doc_type="resolution",
                           summary="lãnh đạo thực hiện nhiệm vụ tháng 7/2021", actor=clerk)
    response = send(client, clerk, f"{URL}/{meeting.pk}/decisions",
                    {"kind": "resolution", "document": draft.pk, "votes_for": 4,
                     "text": "Thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 7/2021."})
    assert response.status_code == 201, response.json()
    assert response.json()["document_symbol"] == "01-NQ/ĐU"
    document = docx.Document(io.BytesIO(get(client, clerk, f"{URL}/{meeting.pk}/resolution").content))
    header = "\n".join(cell.text for cell in document.tables[0]._cells)
    assert "Số 01-NQ/ĐU" in header
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG SÀI ĐỒNG QUYẾT NGHỊ:" in text


def test_a_meeting_that_passed_no_resolution_has_none_to_download(client, clerk, meeting):
    response = get(client, clerk, f"{URL}/{meeting.pk}/resolution", format="pdf")
    assert response.status_code == 404


def test_a_time_without_a_zone_is_read_as_vietnam_time(client, clerk, session, world):
    response = send(client, clerk, URL, session_body(session, world, starts_at="2021-06-28T14:00:00", ends_at=None))
    assert response.status_code == 201, response.json()
    assert response.json()["starts_at"] == "2021-06-28T07:00:00Z"  # 14:00 in Hà Nội


def test_a_year_out_of_range_is_a_422(client, clerk):
    assert get(client, clerk, URL, year=99999).status_code == 422


def test_a_session_and_its_decisions_are_entered_in_one_request_all_or_nothing(client, clerk, session, world):
    """Issue 12: POST /api/v1/meetings takes the decisions too, through the service the form uses
    (meetings.services.enter_meeting): the second decision refused refuses the meeting and the first decision."""
    first, second = session.candidates
    def counts():  # the log rows of what was entered (each request's token leaves its own)
        return (Meeting.objects.count(), MembershipEvent.objects.count(),
                LogEntry.objects.exclude(action__startswith="org.api_token").count())

    before = counts()
    refused = send(client, clerk, URL, session_body(session, world, decisions=[
        {"kind": "admission", "member": first.pk, "votes_for": 4},
        {"kind": "admission", "member": second.pk, "votes_for": 2},  # 2 of 5: short of 2/3
    ]))
    assert refused.status_code == 400 and "decisions.1" in refused.json()["errors"]
    assert "Chưa đủ 2/3" in refused.json()["detail"]
    assert counts() == before
    entered = send(client, clerk, URL, session_body(session, world, decisions=[
        {"kind": "admission", "member": first.pk, "votes_for": 4},
        {"kind": "admission", "member": second.pk, "votes_for": 4},
    ]))
    assert entered.status_code == 201, entered.json()
    assert [d["member_name"] for d in entered.json()["decisions"]] == [first.person.full_name, second.person.full_name]
    assert MembershipEvent.objects.filter(kind=EventKind.WARD_ADMISSION_RESOLUTION,
                                          effective_date=SESSION_AT.date()).count() == 2
