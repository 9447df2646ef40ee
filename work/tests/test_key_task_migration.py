"""The key tasks meetings kept before the work program (meetings.KeyTask) become tasks, every row: migrated back to
before, rows written as that schema held them, migrated forward again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from work.models import Period, Source, Task, TaskStatus

BEFORE = [("work", "0001_initial"), ("meetings", "0005_record_versions")]
D = datetime.date


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_every_key_task_of_every_meeting_becomes_a_task(world):
    loader = MigrationExecutor(connection).loader
    latest, old = loader.graph.leaf_nodes(), loader.project_state(BEFORE).apps
    _migrate(BEFORE)
    try:
        Meeting, KeyTask = old.get_model("meetings", "Meeting"), old.get_model("meetings", "KeyTask")
        at = datetime.datetime(2021, 6, 28, 20, 30, tzinfo=datetime.UTC)  # 29/06 03:30 in Hà Nội
        ward_meeting = Meeting.objects.create(organization_id=world.ward.pk, kind="regular", title="Phiên họp",
                                              starts_at=at, place="Hội trường", chair_id=world.hung.pk)
        cell_meeting = Meeting.objects.create(organization_id=world.cell.pk, kind="cell_regular", title="Sinh hoạt",
                                              starts_at=at, place="Nhà văn hóa", chair_id=world.dung.pk)
        KeyTask.objects.bulk_create([
            KeyTask(meeting=ward_meeting, text="Triển khai chính quyền đô thị", assignee_id=world.ubnd.pk,
                    due_on=D(2021, 7, 31), order=1),
            KeyTask(meeting=ward_meeting, text="Học tập Nghị quyết", order=2),
            KeyTask(meeting=cell_meeting, text="Vận động đóng góp quỹ", due_on=D(2021, 12, 15), order=1),
        ])
    finally:
        _migrate(latest)
    tasks = {task.text: task for task in Task.objects.select_related("ward", "lead_unit")}
    assert len(tasks) == 3
    first = tasks["Triển khai chính quyền đô thị"]
    assert (first.ward, first.lead_unit, first.due_on, first.period, first.period_start, first.source, first.order,
            first.status) == (world.ward, world.ubnd, D(2021, 7, 31), Period.MONTH, D(2021, 7, 1), Source.MEETING, 0,
                              TaskStatus.NOT_STARTED)
    second = tasks["Học tập Nghị quyết"]  # no deadline: the month after the meeting's day in Hà Nội (29/06)
    assert (second.lead_unit, second.period_start, second.order, second.meeting_id) == (
        world.ward, D(2021, 7, 1), 1, first.meeting_id)
    third = tasks["Vận động đóng góp quỹ"]  # a chi bộ's meeting: the task is the ward's, led by the chi bộ
    assert (third.ward, third.lead_unit, third.period_start) == (world.ward, world.cell, D(2021, 12, 1))
