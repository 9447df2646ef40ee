"""The meetings pages: a clerk enters a whole session on one form (roster, guests, decisions), reads it back, and
checks which chi bộ met; the level above reads without entering; another ward sees nothing."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentStatus
from documents.services import draft_document
from meetings.models import Decision, DecisionKind, Meeting, MeetingKind, Presence
from meetings.services import MeetingRecord, create_meeting, record_decision
from meetings.tests.conftest import HANOI, SESSION_AT
from members.models import EventKind, MembershipEvent

D = datetime.date


def enter_session(session, world, clerk, **overrides):
    fields = {
        "organization": world.ward, "committee": session.bch, "kind": MeetingKind.REGULAR, "starts_at": SESSION_AT,
        "place": "Phòng họp A3, trụ sở phường", "chair": session.secretary, "secretary": session.members[1],
        "actor": clerk,
    }
    fields = {**fields, **overrides}
    actor = fields.pop("actor")
    return create_meeting(MeetingRecord(**fields), actor=actor)


def roster_key(client, world):
    """The key the form renders with the roster of the ward's committee on 28/06/2021, as a browser would post it."""
    page = client.get("/meetings/new/", {"organization": world.ward.pk, "day": "28/06/2021"}).content.decode()
    return re.search(r'name="roster_key" value="([^"]*)"', page).group(1)


def session_form(client, session, world, votes=(4, 4)):
    """The clerk's entries for the session of 28/06/2021: Hoàng Văn Em excused, one guest, both candidates ticked."""
    excused = session.members[4]
    data = {
        "roster_key": roster_key(client, world), "organization": world.ward.pk, "committee": session.bch.pk,
        "kind": MeetingKind.REGULAR, "day": "28/06/2021", "starts": "14:00", "ends": "17:00",
        "place": "Phòng họp A3, trụ sở phường", "chair": session.secretary.pk.hex,
        "secretary": session.members[1].pk.hex,
        "guests": "Mai Quốc Thạnh — UVBTV, Trưởng Ban Tuyên giáo Quận ủy",
        "agenda": "Xét hồ sơ đề nghị kết nạp đảng viên\nThông qua dự thảo Nghị quyết tháng 7/2021",
        "speech_1_speaker": "Đồng chí Mai Quốc Thạnh", "speech_1_summary": "Đánh giá cao việc chuẩn bị hồ sơ.",
        "conclusion": "Đồng chí Bí thư kết luận.",
        "other_kind": DecisionKind.OTHER,
        f"presence_{excused.pk.hex}": Presence.EXCUSED, f"reason_{excused.pk.hex}": "Đi công tác",
    }
    for candidate, votes_for in zip(session.candidates, votes, strict=True):
        key = f"admission_{candidate.pk.hex}"
        data.update({key: "on", f"{key}_for": votes_for, f"{key}_against": 0, f"{key}_abstained": 0})
    return data


# The list and a meeting ----------------------------------------------------------------------------------------


def test_the_clerk_reads_the_list_and_the_whole_meeting(client, clerk, session, world):
    meeting = enter_session(
        session, world, clerk, attendance={session.members[4].pk: (Presence.EXCUSED, "Đi công tác")},
        guests=[{"name": "Mai Quốc Thạnh", "title": "UVBTV, Trưởng Ban Tuyên giáo Quận ủy"}],
        speeches=[{"speaker": f"Đồng chí số {n}", "summary": "Nhất trí."} for n in range(1, 6)],
        key_tasks=[{"text": "Học tập Nghị quyết Đại hội XIII", "assignee": world.cell}],
    )
    record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=4, actor=clerk)
    client.force_login(clerk)

    listing = client.get("/meetings/").content.decode()
    assert "28/06/2021 14:00" in listing and "Ban Chấp hành Đảng bộ phường Sài Đồng" in listing
    assert "có mặt 4/5" in listing and "Ghi cuộc họp" in listing

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Có mặt <strong data-field=\"present\">4/5</strong> ủy viên" in page
    assert 'class="warning"' not in page
    assert "Mai Quốc Thạnh — UVBTV" in page and "<strong>05</strong> ý kiến phát biểu" in page
    assert "Học tập Nghị quyết Đại hội XIII" in page and "Chi bộ số 1" in page
    assert "tán thành 4/5 (80%)" in page and session.candidates[0].get_absolute_url() in page
    assert f"/meetings/{meeting.pk}/minutes/?format=docx" in page
    assert f"/meetings/{meeting.pk}/resolution/?format=pdf" in page
    assert f"/meetings/{meeting.pk}/decisions/" in page  # the clerk may add a decision


def test_a_meeting_below_two_thirds_present_is_flagged_and_shares_are_shown_with_a_decimal_comma(
    client, clerk, session, world
):
    away = {person.pk: (Presence.UNEXCUSED, "") for person in session.members[2:]}
    meeting = enter_session(session, world, clerk, attendance=away)
    Decision.objects.create(meeting=meeting, kind=DecisionKind.OTHER, title="Thông qua quy chế", votes_for=13,
                            members_counted=15)
    client.force_login(clerk)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'class="warning"' in page
    assert "Số có mặt dưới 2/3 tổng số ủy viên Ban Chấp hành (2/5)" in page
    assert "tán thành 13/15 (86,7%)" in page


def test_the_list_filters_by_kind_and_year_and_answers_htmx_with_its_results(client, clerk, session, world):
    enter_session(session, world, clerk)
    enter_session(session, world, clerk, kind=MeetingKind.EXTRAORDINARY,
                  starts_at=datetime.datetime(2022, 3, 1, 8, 0, tzinfo=HANOI))
    client.force_login(clerk)
    page = client.get("/meetings/", {"year": 2022}).content.decode()
    assert "01/03/2022" in page and "28/06/2021" not in page
    fragment = client.get("/meetings/", {"kind": MeetingKind.REGULAR}, HTTP_HX_REQUEST="true").content.decode()
    assert "28/06/2021" in fragment and "01/03/2022" not in fragment and "<html" not in fragment


def test_the_list_runs_as_many_queries_for_six_meetings_as_for_two(client, clerk, session, world):
    client.force_login(clerk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/meetings/").status_code == 200
        return len(context.captured_queries)

    for day in (1, 2):
        meeting = enter_session(session, world, clerk, starts_at=SESSION_AT - datetime.timedelta(days=day))
    record_decision(meeting, kind=DecisionKind.OTHER, title="Thông qua quy chế", votes_for=5, actor=clerk)
    two = queries()
    for day in range(3, 7):
        enter_session(session, world, clerk, starts_at=SESSION_AT - datetime.timedelta(days=day),
                      attendance={session.members[4].pk: (Presence.EXCUSED, "Ốm")})
    assert queries() == two


# Who may do what -----------------------------------------------------------------------------------------------


def test_the_level_above_reads_meetings_but_may_not_enter_one(client, clerk, superior, session, world):
    meeting = enter_session(session, world, clerk)
    client.force_login(superior)
    listing = client.get("/meetings/").content.decode()
    assert meeting.get_absolute_url() in listing and "Ghi cuộc họp" not in listing
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200 and "Ghi thêm một quyết nghị" not in page.content.decode()
    assert client.get("/meetings/new/").status_code == 403
    assert client.post("/meetings/new/", {"organization": world.ward.pk, "place": "x"}).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/decisions/", {"subject": "other", "title": "X",
                                                              "votes_for": 5}).status_code == 403
    assert Meeting.objects.count() == 1 and not Decision.objects.exists()


def test_another_wards_clerk_sees_no_meeting_of_this_ward(client, clerk, outsider, session, world):
    meeting = enter_session(session, world, clerk)
    client.force_login(outsider)
    assert meeting.get_absolute_url() not in client.get("/meetings/").content.decode()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes/", {"format": "docx"}).status_code == 404
    assert client.post(f"/meetings/{meeting.pk}/decisions/", {"subject": "other", "title": "X",
                                                              "votes_for": 5}).status_code == 404
    assert client.get("/meetings/checklist/", {"ward": world.ward.pk}).status_code == 404
    roster = client.get("/meetings/new/roster/", {"organization": world.ward.pk, "day": "28/06/2021"},
                        HTTP_HX_REQUEST="true").content.decode()
    assert session.secretary.full_name not in roster  # the ward is not offered: the outsider's own is taken
    response = client.post("/meetings/new/", {**session_form(client, session, world), "roster_key": ""})
    assert response.status_code == 200 and Meeting.objects.count() == 1


# The one form --------------------------------------------------------------------------------------------------


def test_one_form_enters_the_session_with_an_excused_member_a_guest_and_two_admissions(
    client, clerk, session, world
):
    client.force_login(clerk)
    response = client.post("/meetings/new/", session_form(client, session, world))

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.decisions.count() == 2
    for candidate in session.candidates:
        assert MembershipEvent.objects.filter(member=candidate, kind=EventKind.WARD_ADMISSION_RESOLUTION,
                                              effective_date=D(2021, 6, 28), votes_for=4, voters_total=5).exists()
    excused = meeting.attendance.get(person=session.members[4])
    assert (excused.presence, excused.reason) == (Presence.EXCUSED, "Đi công tác")
    assert meeting.guests.get().name == "Mai Quốc Thạnh"
    assert meeting.agenda.count() == 2 and meeting.speeches.count() == 1
    assert meeting.title == "phiên họp thường kỳ tháng 6/2021"
    assert (meeting.starts_at, meeting.ends_at) == (SESSION_AT, SESSION_AT + datetime.timedelta(hours=3))
    page = client.get(response["Location"]).content.decode()
    assert "Đã ghi Nghị quyết Đảng ủy đề nghị kết nạp cho Vũ Minh Khoa." in page
    assert "Đã ghi Nghị quyết Đảng ủy đề nghị kết nạp cho Đỗ Thu Lan." in page


def test_an_admission_short_of_two_thirds_refuses_the_whole_form_and_keeps_nothing(client, clerk, session, world):
    events = MembershipEvent.objects.count()
    client.force_login(clerk)
    khoa = next(c for c in session.candidates if c.person.full_name == "Vũ Minh Khoa")
    votes = tuple(3 if candidate == khoa else 4 for candidate in session.candidates)
    response = client.post("/meetings/new/", session_form(client, session, world, votes=votes))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Vũ Minh Khoa — Chưa đủ 2/3 số ủy viên Ban Chấp hành tán thành (3/5)" in page
    assert "Phòng họp A3, trụ sở phường" in page and "Đi công tác" in page  # the entries are kept
    assert not Meeting.objects.exists() and not Decision.objects.exists()
    assert MembershipEvent.objects.count() == events


def test_a_bad_entry_is_shown_at_its_field(client, clerk, session, world):
    client.force_login(clerk)
    data = {**session_form(client, session, world), "starts": "25:00", "guests": "Mai Quốc Thạnh"}
    page = client.post("/meetings/new/", data).content.decode()
    assert "Giờ không hợp lệ" in page
    page = client.post("/meetings/new/", {**data, "starts": "14:00"}).content.decode()
    assert "Đại biểu dòng 1: thiếu chức vụ, đơn vị" in page
    assert not Meeting.objects.exists()


def test_the_roster_fragment_lists_the_five_members_with_the_secretary_first(client, clerk, session, world):
    client.force_login(clerk)
    response = client.get("/meetings/new/roster/", {"organization": world.ward.pk, "day": "28/06/2021"},
                          HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    table = fragment[fragment.index('id="attendance"'):fragment.index("</table>")]
    names = re.findall(r"<td>([^<]+)</td>\s*<td>(Bí thư|Ủy viên Ban Chấp hành)", table)
    assert names[0] == ("Nguyễn Văn An", "Bí thư")
    assert sorted(name for name, _ in names) == sorted(person.full_name for person in session.members)
    assert 'hx-swap-oob="true"' in fragment and "Vũ Minh Khoa" in fragment and "Bùi Văn Nam" in fragment


def test_without_javascript_the_roster_is_reloaded_keeping_what_was_typed(client, clerk, session, world):
    client.force_login(clerk)
    data = {**session_form(client, session, world), "reload": "roster", "day": "28/06/2019"}
    page = client.post("/meetings/new/", data).content.decode()
    assert "Phòng họp A3, trụ sở phường" in page and "Mai Quốc Thạnh" in page
    assert "Không có ai trong thành phần vào ngày họp" in page  # no committee seats in 2019
    changed = client.post("/meetings/new/", {**session_form(client, session, world), "day": "28/06/2019"})
    assert changed.status_code == 200 and "đã được tải lại" in changed.content.decode()
    assert not Meeting.objects.exists()


# A decision added later, a document's meetings -----------------------------------------------------------------


def test_a_draft_passed_on_the_meetings_page_is_issued_and_listed_with_its_meeting(client, clerk, session, world):
    draft = draft_document(organization=world.ward, doc_type="resolution", summary="Lãnh đạo nhiệm vụ tháng 7/2021",
                           actor=clerk)
    meeting = enter_session(session, world, clerk)
    client.force_login(clerk)
    refused = client.post(f"/meetings/{meeting.pk}/decisions/", {"subject": f"document:{draft.pk}", "votes_for": 2,
                                                                 "votes_against": 3})
    assert refused.status_code == 200 and "Chưa quá một nửa tổng số ủy viên Ban Chấp hành" in refused.content.decode()
    response = client.post(f"/meetings/{meeting.pk}/decisions/", {"subject": f"document:{draft.pk}", "votes_for": 5},
                           follow=True)
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED
    assert "Đã thông qua và ban hành Nghị quyết 01-NQ/ĐU." in response.content.decode()
    document_page = client.get(draft.get_absolute_url()).content.decode()
    assert "Cuộc họp liên quan" in document_page and meeting.get_absolute_url() in document_page


# The chi bộ checklist ------------------------------------------------------------------------------------------


def test_the_checklist_shows_a_chi_bo_that_met_monthly_but_held_no_themed_meeting(
    client, clerk, world, django_assert_max_num_queries
):
    create_meeting(MeetingRecord(
        organization=world.cell, kind=MeetingKind.CELL_MONTHLY, place="Nhà văn hóa tổ dân phố số 1",
        starts_at=datetime.datetime(2025, 10, 15, 19, 30, tzinfo=HANOI), chair=world.dung), actor=clerk)
    client.force_login(clerk)
    with django_assert_max_num_queries(8):
        page = client.get("/meetings/checklist/", {"ward": world.ward.pk, "month": "2025-10"}).content.decode()
    first = page[page.index(f'data-cell="{world.cell.pk}"'):]
    first = first[:first.index("</tr>")]
    assert "✓" in first and "Chưa sinh hoạt chuyên đề" in first
    assert "10/2025" in page and "Quý 4/2025" in page
    assert "<strong>2</strong> chi bộ chưa đủ" in page
    quarter = client.get("/meetings/checklist/", {"quarter": "2025-Q4"}).content.decode()
    assert "10/2025" in quarter and "12/2025" in quarter


def test_the_ward_secretary_reads_the_sessions_and_a_chi_bo_secretary_only_their_chi_bo(
    client, clerk, secretary, cell_secretary, session, world
):
    meeting = enter_session(session, world, clerk)
    client.force_login(secretary)
    listing = client.get("/meetings/").content.decode()
    assert meeting.get_absolute_url() in listing and "Ghi cuộc họp" not in listing
    client.force_login(cell_secretary)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    # She enters her own chi bộ's meetings (issue 11): the form offers her chi bộ and nothing else.
    form = client.get("/meetings/new/").context["form"]
    assert list(form.fields["organization"].queryset) == [world.cell]


# Downloads -----------------------------------------------------------------------------------------------------


def test_the_meetings_papers_download_from_its_page_as_docx_and_pdf(client, clerk, session, world):
    meeting = enter_session(session, world, clerk, conclusion="Tập trung thực hiện 03 nhiệm vụ trọng tâm.")
    client.force_login(clerk)
    for which in ("minutes", "conclusion"):
        for fmt, content_type, magic in (("docx", "wordprocessingml", b"PK"), ("pdf", "application/pdf", b"%PDF")):
            response = client.get(f"/meetings/{meeting.pk}/{which}/", {"format": fmt})
            assert response.status_code == 200
            assert content_type in response["Content-Type"] and response.content.startswith(magic)
    assert client.get(f"/meetings/{meeting.pk}/resolution/", {"format": "pdf"}).status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes/", {"format": "odt"}).status_code == 404


def test_a_download_and_the_page_read_the_meeting_in_a_fixed_number_of_queries(client, clerk, session, world):
    small = enter_session(session, world, clerk, conclusion="Kết luận.", guests=[{"name": "Khách", "title": "X"}],
                          speeches=[{"speaker": "Đồng chí A", "summary": "Ý kiến."}],
                          key_tasks=[{"text": "Việc", "assignee": world.cell}])
    record_decision(small, kind=DecisionKind.OTHER, title="Thông qua quy chế", votes_for=5, actor=clerk)
    big = enter_session(session, world, clerk, conclusion="Kết luận.",
                        guests=[{"name": f"Khách {n}", "title": "Đại biểu"} for n in range(6)],
                        speeches=[{"speaker": f"Đồng chí {n}", "summary": "Ý kiến."} for n in range(6)],
                        key_tasks=[{"text": f"Việc {n}", "assignee": world.cell} for n in range(6)])
    for candidate in session.candidates:
        record_decision(big, kind=DecisionKind.ADMISSION, member=candidate, votes_for=5, actor=clerk)
    client.force_login(clerk)
    counts, pages = [], []
    for meeting in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/meetings/{meeting.pk}/minutes/", {"format": "docx"}).status_code == 200
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
        pages.append(len(queries))
    assert counts[0] == counts[1] <= 14  # 15 while it also read the documents the meeting cites, which no paper prints
    assert pages[0] == pages[1] <= 19  # 25 while the page looked up which papers the meeting has once per paper


def test_the_roster_is_refreshed_by_a_post_so_a_large_chi_bo_fits(client, clerk, session, world):
    """Review of issue 12: the refresh carries the whole roster back (presence and reason of each person); as a GET
    a chi bộ of 45 and more went past the address limit (414). It is a POST, and keeps what was typed."""
    client.force_login(clerk)
    page = client.get("/meetings/new/").content.decode()
    assert 'hx-post="/meetings/new/roster/"' in page and 'hx-get="/meetings/new/roster/"' not in page
    typed = {f"presence_{n:032x}": "present" for n in range(60)} | {f"reason_{n:032x}": "" for n in range(60)}
    absent = session.members[4]
    response = client.post("/meetings/new/roster/", {
        "organization": world.ward.pk, "day": "28/06/2021", **typed,
        f"presence_{absent.pk.hex}": "excused", f"reason_{absent.pk.hex}": "Đi công tác"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert session.secretary.full_name in fragment and "Đi công tác" in fragment
