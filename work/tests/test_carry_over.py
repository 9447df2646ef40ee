"""At the end of a month its unfinished tasks carry over to the next month's list with their history: once, however
often it is run, from the page, the service or the management command."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from audit.models import LogEntry
from work.models import Source, Task, TaskStatus
from work.services import carry_over, report_progress

D = datetime.date
JULY = D(2021, 7, 1)


def test_the_unfinished_tasks_of_the_month_carry_over_once(tasks, clerk, reporter):
    report_progress(tasks.mttq, actor=clerk, note="Đã sơ kết", day=D(2021, 7, 20), status=TaskStatus.DONE)
    report_progress(tasks.ubnd, actor=reporter, note="Đang triển khai", day=D(2021, 7, 10),
                    status=TaskStatus.IN_PROGRESS)
    carried = carry_over(tasks.ubnd.ward, JULY, actor=clerk)
    assert [task.carried_from for task in carried] == [tasks.ubnd]  # the done one and the quarter's stay
    new = carried[0]
    assert (new.period_start, new.due_on, new.status, new.source) == (D(2021, 8, 1), D(2021, 8, 31),
                                                                      TaskStatus.IN_PROGRESS, Source.CARRIED)
    assert new.lead_unit == tasks.ubnd.lead_unit and new.source_note == tasks.ubnd.source_note
    assert carry_over(tasks.ubnd.ward, JULY, actor=clerk) == []
    assert Task.objects.filter(carried_from__isnull=False).count() == 1
    entry = LogEntry.objects.get(action="work.tasks.carried_over")
    assert entry.data["from"] == "Tháng 7/2021" and entry.data["to"] == "Tháng 8/2021"
    assert [row["from"] for row in entry.data["tasks"]] == [str(tasks.ubnd.pk)]


def test_a_carried_task_is_no_longer_overdue_nor_reported_on_where_it_was(tasks, clerk):
    [new] = carry_over(tasks.ubnd.ward, JULY, actor=clerk)[:1]
    old = Task.objects.select_related("carried_to").get(pk=tasks.ubnd.pk)
    assert old.is_past_due(D(2021, 9, 1)) and not old.is_overdue(D(2021, 9, 1))
    assert old.pk not in set(Task.objects.overdue(D(2021, 9, 1)).values_list("pk", flat=True))
    assert new.pk in set(Task.objects.overdue(D(2021, 9, 1)).values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="đã chuyển sang tháng 8/2021"):
        report_progress(old, actor=clerk, note="Ghi nhầm chỗ")


def test_a_deadline_still_ahead_is_kept(world, clerk):
    from work.services import create_task

    task = create_task(ward=world.ward, actor=clerk, text="Việc dài", lead_unit=world.ubnd, start=JULY,
                       due_on=D(2021, 9, 15))
    [new] = carry_over(world.ward, JULY, actor=clerk)
    assert new.carried_from == task and new.due_on == D(2021, 9, 15)


def test_only_the_wards_clerk_carries_over(tasks, reporter, outsider):
    for actor in (reporter, outsider):
        with pytest.raises(PermissionDenied):
            carry_over(tasks.ubnd.ward, JULY, actor=actor)
    assert not Task.objects.filter(source=Source.CARRIED).exists()


def test_the_command_carries_every_ward_once(tasks, capsys):
    call_command("carry_over_tasks", "--month", "2021-07")
    call_command("carry_over_tasks", "--month", "2021-07")
    carried = Task.objects.filter(source=Source.CARRIED)
    assert {task.carried_from_id for task in carried} == {tasks.ubnd.pk, tasks.mttq.pk, tasks.other.pk}
    assert LogEntry.objects.filter(action="work.tasks.carried_over").count() == 2  # one per ward
    out = capsys.readouterr().out
    assert "Tháng 7/2021: đã chuyển 3 nhiệm vụ" in out and "đã chuyển 0 nhiệm vụ" in out
