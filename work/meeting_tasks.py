"""The key tasks a meeting sets, kept as tasks of the work program (registered with meetings.key_tasks by work.apps).
They are written inside the meeting's own transaction, under its permission (meetings.change on the body that met),
and audited task by task."""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.services import log_action, snapshot
from meetings.key_tasks import KeyTaskRow
from work.models import Period, Source, Task, next_month
from work.services import log_created, new_task


def meeting_task_month(meeting_day: datetime.date, due_on: datetime.date | None) -> datetime.date:
    """The month whose list a key task set by a meeting goes on: its deadline's, or else the month after the meeting
    (a monthly meeting sets the next month's key tasks, "nhiệm vụ trọng tâm thời gian tới")."""
    return (due_on or next_month(meeting_day)).replace(day=1)


def _fields(meeting, row: Mapping) -> dict:
    return {"text": (row.get("text") or "").strip(), "lead_unit": row.get("assignee") or meeting.organization,
            "due_on": row.get("due_on")}


def _row_error(index: int, error: ValidationError) -> ValidationError:
    return ValidationError({"key_tasks": [f"Nhiệm vụ {index + 1}: {message}" for message in error.messages]})


class MeetingTasks:
    """meetings.key_tasks.Keeper, over work.Task."""

    def set_tasks(self, meeting, rows: Sequence[Mapping], *, actor) -> None:
        for index, row in enumerate(rows):
            self._add(meeting, index, row, actor=actor)

    def _add(self, meeting, index: int, row: Mapping, *, actor) -> Task:
        fields = _fields(meeting, row)
        try:
            task = new_task(ward=meeting.organization.home_unit(), period=Period.MONTH,
                            start=meeting_task_month(meeting.day, fields["due_on"]), source=Source.MEETING,
                            meeting=meeting, order=index, **fields)
        except ValidationError as error:
            raise _row_error(index, error) from error
        log_created(task, actor=actor)
        return task

    def correct_tasks(self, meeting, rows: Sequence[Mapping], *, actor) -> dict:
        """Row by row: a task keeps its progress when its text, unit or deadline is corrected; a task the correction
        drops is removed only while nothing was reported on it and it was not carried over."""
        tasks = list(Task.objects.select_for_update(of=("self",)).filter(meeting=meeting, carried_from__isnull=True)
                     .select_related("lead_unit", "ward").order_by("order", "created"))
        old = [task.text for task in tasks]
        changed = False
        for index, row in enumerate(rows):
            if index >= len(tasks):
                self._add(meeting, index, row, actor=actor)
                changed = True
                continue
            task, fields = tasks[index], _fields(meeting, row)
            changes = {name: value for name, value in fields.items() if getattr(task, name) != value}
            if not changes:
                continue
            before = snapshot(task, changes)
            for name, value in changes.items():
                setattr(task, name, value)
            try:
                if not task.text:
                    raise ValidationError({"text": "Hãy ghi nội dung nhiệm vụ."})
                task.full_clean()
            except ValidationError as error:
                raise _row_error(index, error) from error
            task.save(update_fields=[*changes, "updated"])
            after = snapshot(task, changes)
            log_action("work.task.updated", actor=actor, obj=task, organization=task.ward, data={
                "changes": {name: {"old": before[name], "new": after[name]} for name in changes}})
            changed = True
        for task in tasks[len(rows):]:
            if task.progress.exists() or task.is_carried_over:
                raise ValidationError({"key_tasks": f"Nhiệm vụ “{task}” đã có báo cáo tiến độ hoặc đã chuyển sang "
                                                    f"tháng sau: không bỏ khỏi cuộc họp được; hãy ghi “Hủy” ở trang "
                                                    f"nhiệm vụ."})
            log_action("work.task.removed", actor=actor, obj=task, organization=task.ward,
                       data={"text": task.text, "meeting": str(meeting.pk)})
            task.supporting_units.clear()
            task.delete()
            changed = True
        return {"old": old, "new": [_fields(meeting, row)["text"] for row in rows]} if changed else {}

    def tasks_of(self, meeting) -> list[KeyTaskRow]:
        """In one query: the meeting's tasks, each with where it stands today (the state of the task it was last
        carried into, when it was carried over)."""
        tasks = list(Task.objects.filter(meeting=meeting).select_related("lead_unit").order_by("order", "created"))
        continued = {task.carried_from_id: task for task in tasks if task.carried_from_id}
        today = timezone.localdate()
        rows = []
        for task in tasks:
            if task.carried_from_id:
                continue
            current = task
            while current.pk in continued:
                current = continued[current.pk]
            rows.append(KeyTaskRow(
                id=task.pk, text=task.text,
                assignee=None if task.lead_unit_id == meeting.organization_id else task.lead_unit,
                due_on=task.due_on, status=current.status, status_label=current.get_status_display(),
                overdue=current.is_past_due(today), url=current.get_absolute_url(),
            ))
        return rows
