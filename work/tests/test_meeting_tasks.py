"""The key tasks a meeting sets are tasks of the work program: entered and corrected with the meeting, listed on its
page and in its API answer with their state today."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import LogEntry
from meetings.key_tasks import keeper
from meetings.models import Meeting
from meetings.services import correct_meeting
from org.tests.test_api_people import bearer
from work.models import Period, Source, Task, TaskStatus
from work.services import report_progress

D = datetime.date


def test_a_meeting_sets_tasks_of_the_ward_on_the_month_of_their_deadline_or_the_next(world, enter_meeting):
    meeting = enter_meeting(key_tasks=[
        {"text": "Triển khai thí điểm chính quyền đô thị", "assignee": world.ubnd, "due_on": D(2021, 8, 15)},
        {"text": "Học tập Nghị quyết Đại hội XIII", "assignee": None, "due_on": None},
    ])
    first, second = Task.objects.filter(meeting=meeting).order_by("order")
    assert (first.ward, first.lead_unit, first.period, first.period_start) == (world.ward, world.ubnd, Period.MONTH,
                                                                            D(2021, 8, 1))
    assert (second.lead_unit, second.period_start, second.source) == (world.ward, D(2021, 7, 1), Source.MEETING)
    created = LogEntry.objects.filter(action="work.task.created", object_id__in=[str(first.pk), str(second.pk)])
    assert created.count() == 2
    rows = keeper().tasks_of(meeting)
    assert [(row.assignee, row.status) for row in rows] == [(world.ubnd, TaskStatus.NOT_STARTED), (None, "not_started")]


def test_a_bad_key_task_keeps_nothing_of_the_meeting(world, enter_meeting):
    with pytest.raises(ValidationError, match="Nhiệm vụ 2: Đơn vị chủ trì “Tổ dân phố số 1 Bồ Đề” không thuộc"):
        enter_meeting(key_tasks=[{"text": "Việc một", "assignee": world.ubnd},
                                 {"text": "Việc hai", "assignee": world.other_group}])
    assert not Meeting.objects.exists() and not Task.objects.exists()


def test_a_correction_keeps_the_progress_and_refuses_to_drop_a_reported_task(world, clerk, enter_meeting):
    meeting = enter_meeting(key_tasks=[{"text": "Việc một", "assignee": world.cell},
                                       {"text": "Việc hai", "assignee": world.ubnd},
                                       {"text": "Việc ba", "assignee": world.ubnd}])
    one = Task.objects.get(meeting=meeting, order=0)
    report_progress(one, actor=clerk, note="Đã bắt đầu", status=TaskStatus.IN_PROGRESS)
    changed = correct_meeting(meeting, reason="Giao nhầm đơn vị", actor=clerk, key_tasks=[
        {"text": "Việc một", "assignee": world.ubnd}, {"text": "Việc hai", "assignee": world.ubnd}])
    assert changed["key_tasks"] == {"old": ["Việc một", "Việc hai", "Việc ba"], "new": ["Việc một", "Việc hai"]}
    one.refresh_from_db()
    assert (one.lead_unit, one.status, one.progress.count()) == (world.ubnd, TaskStatus.IN_PROGRESS, 1)
    assert LogEntry.objects.filter(action="work.task.removed", data__text="Việc ba").count() == 1
    with pytest.raises(ValidationError, match="đã có báo cáo tiến độ"):
        correct_meeting(meeting, reason="Bỏ việc", actor=clerk, key_tasks=[])
    assert Task.objects.filter(meeting=meeting).count() == 2


def test_the_meeting_page_and_api_show_each_task_as_it_stands_today(client, world, clerk, enter_meeting):
    meeting = enter_meeting(key_tasks=[{"text": "Rà soát thu thuế", "assignee": world.ubnd,
                                        "due_on": D(2021, 7, 31)}])
    task = Task.objects.get(meeting=meeting)
    report_progress(task, actor=clerk, note="Xong", day=D(2021, 7, 30), status=TaskStatus.DONE)
    client.force_login(clerk)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'data-task="{task.pk}"' in page and "Hoàn thành" in page and task.get_absolute_url() in page
    body = client.get(f"/api/v1/meetings/{meeting.pk}", **bearer(client, clerk)).json()
    assert body["key_tasks"] == [{
        "id": str(task.pk), "text": "Rà soát thu thuế", "assignee": {"id": str(world.ubnd.pk),
                                                                    "name": world.ubnd.name},
        "due_on": "2021-07-31", "status": "done", "status_label": "Hoàn thành", "overdue": False,
    }]
    assert reverse("task_detail", args=[task.pk]) == task.get_absolute_url()


def test_a_carried_task_shows_the_state_of_its_continuation(world, clerk, enter_meeting):
    from work.services import carry_over

    meeting = enter_meeting(key_tasks=[{"text": "Việc kéo dài", "assignee": world.ubnd, "due_on": D(2021, 7, 31)}])
    [new] = carry_over(world.ward, D(2021, 7, 1), actor=clerk)
    report_progress(new, actor=clerk, note="Xong", day=D(2021, 8, 20), status=TaskStatus.DONE)
    [row] = keeper().tasks_of(meeting)
    assert (row.status, row.url) == (TaskStatus.DONE, new.get_absolute_url())
