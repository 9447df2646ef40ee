"""A meeting corrected after entry (issue 11): an audited edit of its record with the reason, not only "one more
decision"; its day and the votes it recorded stand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import LogEntry
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import DecisionKind, Presence
from meetings.services import correct_meeting, record_decision
from meetings.tests.conftest import HANOI
from meetings.tests.test_decisions import enter_session

D = datetime.date


def test_the_clerk_corrects_the_place_the_hour_an_absence_and_the_guests_with_a_reason(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    absent = session.members[4]
    changed = correct_meeting(
        meeting, reason="Ghi nhầm địa điểm và điểm danh", place="Hội trường UBND phường",
        ends_at=datetime.datetime(2021, 6, 28, 17, 0, tzinfo=HANOI),
        attendance={absent.pk: (Presence.EXCUSED, "Đi công tác")},
        guests=[{"name": "Mai Quốc Thạnh", "title": "UVBTV Quận ủy"}],
        speeches=[{"speaker": "Đồng chí Trần Thị Bích", "summary": "Đề nghị đẩy nhanh tiến độ."}], actor=clerk,
    )
    assert set(changed) == {"place", "ends_at", "attendance", "guests", "speeches"}
    assert meeting.speeches.get().speaker == "Đồng chí Trần Thị Bích"
    meeting.refresh_from_db()
    assert meeting.place == "Hội trường UBND phường"
    assert meeting.attendance.get(person=absent).presence == Presence.EXCUSED
    entry = LogEntry.objects.get(action="meetings.meeting.corrected")
    assert entry.data["reason"] == "Ghi nhầm địa điểm và điểm danh"
    assert entry.data["changes"]["place"]["new"] == "Hội trường UBND phường"


def test_the_day_and_the_recorded_votes_stand(session, world, clerk):
    meeting = enter_session(session, world, clerk)
    record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=5, actor=clerk)
    with pytest.raises(ValidationError, match=r"Ngày họp .* không sửa được") as refused:
        correct_meeting(meeting, reason="Nhầm ngày", starts_at=datetime.datetime(2021, 6, 29, 14, tzinfo=HANOI),
                        actor=clerk)
    assert "starts_at" in refused.value.message_dict
    with pytest.raises(ValidationError, match="kết quả biểu quyết không còn đúng"):
        correct_meeting(meeting, reason="Vắng", attendance={session.members[4].pk: (Presence.EXCUSED, "Ốm")},
                        actor=clerk)  # 5 votes were cast: all five were present
    with pytest.raises(ValidationError, match="Hãy ghi lý do sửa"):
        correct_meeting(meeting, reason=" ", place="Nơi khác", actor=clerk)
    assert not LogEntry.objects.filter(action="meetings.meeting.corrected").exists()


def test_the_page_corrects_and_another_ward_cannot(client, session, world, clerk, outsider):
    meeting = enter_session(session, world, clerk)
    client.force_login(clerk)
    url = reverse("meeting_correct", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {key: form[key].value() for key in form.fields}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data["starts"] = "14:00"
    data.update(reason="Sửa địa điểm", place="Nhà văn hóa khu dân cư")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.place == "Nhà văn hóa khu dân cư"
    assert "Sửa biên bản" in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        correct_meeting(meeting, reason="x", place="y", actor=outsider)


def test_the_api_corrects_with_a_reason(client, session, world, clerk):
    from members.tests.test_api_members import bearer

    meeting = enter_session(session, world, clerk)
    headers = bearer(client, clerk)
    response = client.patch(f"/api/v1/meetings/{meeting.pk}", {
        "reason": "Sửa địa điểm", "place": "Hội trường", "attendance": [
            {"person": str(session.members[4].pk), "presence": "excused", "reason": "Ốm"}],
    }, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["place"] == "Hội trường"
    refused = client.patch(f"/api/v1/meetings/{meeting.pk}", {"place": "X"}, content_type="application/json",
                           **headers)
    assert refused.status_code == 422  # the reason is required


def test_the_key_tasks_are_corrected_with_their_unit_and_date(client, session, world, clerk):
    meeting = enter_session(session, world, clerk,
                            key_tasks=[{"text": "Tổ chức học tập Nghị quyết", "assignee": world.cell}])
    changed = correct_meeting(meeting, reason="Giao nhầm đơn vị", actor=clerk, key_tasks=[
        {"text": "Tổ chức học tập Nghị quyết", "assignee": world.ubnd, "due_on": D(2021, 7, 31)}])
    assert set(changed) == {"key_tasks"}
    [task] = key_task_keeper().tasks_of(meeting)
    assert (task.assignee, task.due_on) == (world.ubnd, D(2021, 7, 31))
    with pytest.raises(ValidationError, match=r"Nhiệm vụ 1: Đơn vị chủ trì “.*” không thuộc"):
        correct_meeting(meeting, reason="x", actor=clerk, key_tasks=[{"text": "Việc", "assignee": world.other_ward}])
    client.force_login(clerk)
    form = client.get(reverse("meeting_correct", args=[meeting.pk])).context["form"]
    assert form["task_1_assignee"].value() == world.ubnd.pk.hex and len(form.task_rows) == 3


def test_a_chair_from_outside_the_roster_stays_choosable_on_the_correction_form(client, session, world, clerk):
    """A meeting entered by the API may be chaired by someone of the ward who is not on its roster (a guest): the
    correction form offers them, so it can be saved as it stands."""
    from org.models import Person

    guest = Person.objects.create(organization=world.ward, full_name="Đinh Văn Khách")
    meeting = enter_session(session, world, clerk, chair=guest)
    client.force_login(clerk)
    url = reverse("meeting_correct", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {key: ("" if form[key].value() is None else form[key].value()) for key in form.fields}
    data.update(reason="Sửa địa điểm", place="Hội trường", starts="14:00")
    assert client.post(url, data).status_code == 302


def test_a_member_whose_ballot_is_recorded_cannot_be_marked_absent_and_the_start_cannot_be_emptied(session, world,
                                                                                                  clerk):
    meeting = enter_session(session, world, clerk)
    voters = {person.pk: "for" for person in session.members[:4]}
    record_decision(meeting, kind=DecisionKind.RESOLUTION, title="Thông qua quy chế", ballots=voters, actor=clerk)
    with pytest.raises(ValidationError, match="đã có phiếu biểu quyết được ghi"):
        correct_meeting(meeting, reason="Vắng", attendance={session.members[0].pk: (Presence.EXCUSED, "Ốm")},
                        actor=clerk)
    correct_meeting(meeting, reason="Vắng", attendance={session.members[4].pk: (Presence.EXCUSED, "Ốm")},
                    actor=clerk)  # no ballot of theirs: the four votes still stand
    with pytest.raises(ValidationError, match="Hãy ghi giờ bắt đầu"):
        correct_meeting(meeting, reason="x", starts_at=None, actor=clerk)
