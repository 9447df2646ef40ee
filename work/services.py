"""Changes to the work program: tasks given and corrected, progress reported, a month's unfinished tasks carried
over. Each is atomic and audited."""

import calendar
import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import log_action, log_creation, snapshot
from core.scoping import require_perm
from core.text import clean_input
from core.versions import require_version
from documents.files import check_upload
from org.models import Organization
from work.models import (
    OPEN,
    TRANSITIONS,
    Actual,
    Indicator,
    Period,
    Progress,
    Source,
    Target,
    Task,
    TaskStatus,
    next_month,
    period_label,
    period_start,
)

TASK_FIELDS = ("text", "lead_unit", "lead_body", "period", "period_start", "due_on", "source", "meeting", "document",
               "source_note")
EDITABLE = ("text", "lead_unit", "lead_body", "due_on", "source_note")


def _units_within(ward: Organization, units: Iterable[Organization]) -> list[Organization]:
    units = list(dict.fromkeys(units))
    strangers = [unit.name for unit in units if not ward.contains(unit)]
    if strangers:
        raise ValidationError({"supporting_units": f"Đơn vị phối hợp không thuộc {ward.name}: {', '.join(strangers)}."})
    return units


def new_task(*, ward: Organization, text: str, lead_unit: Organization | None, supporting_units=(),
              period: str = Period.MONTH, start: datetime.date | None = None, **fields) -> Task:
    """A task checked and saved, without permission or audit (its callers do both)."""
    if not (text or "").strip():
        raise ValidationError({"text": "Hãy ghi nội dung nhiệm vụ."})
    if period not in Period.values:
        raise ValidationError({"period": f"Kỳ “{period}” không có."})
    day = start or fields.get("due_on") or timezone.localdate()
    task = Task(ward=ward, text=text.strip(), lead_unit=lead_unit or ward, period=period,
                period_start=period_start(period, day), **fields)
    task.full_clean()
    task.save(force_insert=True)
    if supporting_units:
        task.supporting_units.set(_units_within(ward, supporting_units))
    return task


def log_created(task: Task, *, actor, action: str = "work.task.created") -> None:
    fields = [name for name in TASK_FIELDS if getattr(task, name) not in (None, "")]
    log_creation(action, actor=actor, obj=task, organization=task.ward, fields=fields)


@transaction.atomic
def create_task(*, ward: Organization, actor, text: str, lead_unit: Organization | None = None,
                supporting_units: Iterable[Organization] = (), period: str = Period.MONTH,
                start: datetime.date | None = None, **fields) -> Task:
    """A task of `ward`'s program, for the month, quarter or year `start` (or else its deadline, or today) falls in.
    Without a lead unit the Đảng ủy leads it (`lead_body` says which of its organs)."""
    require_perm(actor, "tasks.change", ward)
    unknown = set(fields) - {"lead_body", "due_on", "source", "meeting", "document", "source_note"}
    if unknown:
        raise ValidationError(f"Không ghi được: {', '.join(sorted(unknown))}.")
    task = new_task(ward=ward, text=text, lead_unit=lead_unit, supporting_units=supporting_units, period=period,
                     start=start, **fields)
    log_created(task, actor=actor)
    return task


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update(of=("self",)).select_related("ward", "lead_unit").get(pk=task.pk)


@transaction.atomic
def update_task(task: Task, *, actor, version: int | None = None,
                supporting_units: Sequence[Organization] | None = None, **changes) -> dict:
    """Correct what a task says (its text, lead unit, deadline, basis); its status moves only by progress notes.
    Returns what changed."""
    task = _locked(task)
    require_perm(actor, "tasks.change", task.ward)
    require_version(task, version)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if "lead_unit" in changes and changes["lead_unit"] is None:
        changes["lead_unit"] = task.ward
    before = snapshot(task, changes)
    for name, value in changes.items():
        setattr(task, name, value.strip() if isinstance(value, str) else value)
    if not task.text:
        raise ValidationError({"text": "Hãy ghi nội dung nhiệm vụ."})
    task.full_clean()
    after = snapshot(task, changes)
    diff = {name: {"old": before[name], "new": after[name]} for name in changes if before[name] != after[name]}
    if supporting_units is not None:
        old = sorted(unit.name for unit in task.supporting_units.all())
        units = _units_within(task.ward, supporting_units)
        if sorted(unit.name for unit in units) != old:
            task.supporting_units.set(units)
            diff["supporting_units"] = {"old": old, "new": sorted(unit.name for unit in units)}
    if diff:
        task.save(update_fields=[name for name in diff if name != "supporting_units"] + ["updated"])
        log_action("work.task.updated", actor=actor, obj=task, organization=task.ward, data={"changes": diff})
    return diff


def _file_fields(upload) -> dict:
    if upload is None:
        return {}
    kind = check_upload(upload)
    return {"file_name": clean_input(upload.name)[-255:], "file_type": kind.content_type, "file_size": upload.size}


@transaction.atomic
def report_progress(task: Task, *, actor, note: str, day: datetime.date | None = None, status: str = "",
                    file=None, version: int | None = None) -> Progress:
    """A dated note of how far the task got, by the office or the unit leading it, optionally moving its status
    (TRANSITIONS) and carrying one checked file. Completing it after its deadline records "hoàn thành chậm"."""
    task = _locked(task)
    require_perm(actor, "tasks.report", task.lead_unit)
    require_version(task, version)
    today = timezone.localdate()
    day = day or today
    if task.is_carried_over:
        raise ValidationError(f"Nhiệm vụ đã chuyển sang {task.carried_to.period_label.lower()}: hãy báo cáo tiến độ "
                              f"ở nhiệm vụ đó.")
    if not (note or "").strip():
        raise ValidationError({"note": "Hãy ghi nội dung tiến độ."})
    if day > today:
        raise ValidationError({"day": "Ngày báo cáo không được sau hôm nay."})
    new_status = ""
    if status and status != task.status:
        if status == TaskStatus.DONE_LATE:
            status = TaskStatus.DONE
        if status not in TRANSITIONS.get(task.status, ()):
            wanted = TaskStatus(status).label if status in TaskStatus.values else status
            raise ValidationError({"status": f"Không chuyển được nhiệm vụ từ “{task.get_status_display()}” sang "
                                             f"“{wanted}”."})
        new_status = task.completion_status(day) if status == TaskStatus.DONE else status
    progress = Progress(task=task, day=day, note=note.strip(), status=new_status, author=actor, **_file_fields(file))
    progress.full_clean(exclude=["file"])
    if file is not None:
        progress.file.save(progress.file_name, file, save=False)
    try:
        progress.save(force_insert=True)
        data = {"day": day.isoformat(), "note": progress.note}
        if new_status:
            data["status"] = {"old": task.get_status_display(), "new": TaskStatus(new_status).label}
            task.status = new_status
            task.completed_on = day if new_status not in OPEN and new_status != TaskStatus.CANCELLED else None
            task.save(update_fields=["status", "completed_on", "updated"])
        else:
            task.save(update_fields=["updated"])  # a new note: the record has a new version
        if progress.file_name:
            data["file"] = progress.file_name
        log_action("work.task.progress", actor=actor, obj=task, organization=task.ward, data=data)
    except BaseException:
        if progress.file:
            progress.file.delete(save=False)
        raise
    return progress


def _month_end(first: datetime.date) -> datetime.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


@transaction.atomic
def carry_over(ward: Organization, month: datetime.date, *, actor) -> list[Task]:
    """Carry the month's unfinished tasks of `ward` into the next month's list: each becomes a task of the next
    month (status, units and basis kept, due at the end of that month if its deadline has passed), linked to the
    one it continues, whose notes its page shows. A task already carried is not carried again, so running this
    twice carries once. One audit row lists what moved."""
    if actor is not None:
        require_perm(actor, "tasks.change", ward)
    first = month.replace(day=1)
    following = next_month(first)
    pending = list(Task.objects.select_for_update(of=("self",)).filter(
        ward=ward, period=Period.MONTH, period_start=first,
    ).open().prefetch_related("supporting_units").order_by("order", "created"))
    carried = []
    for old in pending:
        due_on = old.due_on if old.due_on and old.due_on >= following else _month_end(following)
        new = Task(ward=ward, text=old.text, lead_unit_id=old.lead_unit_id, lead_body=old.lead_body,
                   period=Period.MONTH, period_start=following, due_on=due_on, status=old.status,
                   source=Source.CARRIED, meeting_id=old.meeting_id, document_id=old.document_id,
                   source_note=old.source_note, carried_from=old, order=old.order)
        new.save(force_insert=True)
        new.supporting_units.set(old.supporting_units.all())
        carried.append(new)
    if carried:
        log_action("work.tasks.carried_over", actor=actor, obj=ward, organization=ward, data={
            "from": period_label(Period.MONTH, first), "to": period_label(Period.MONTH, following),
            "tasks": [{"from": str(new.carried_from_id), "to": str(new.pk), "text": str(new)} for new in carried],
        })
    return carried


# Targets ------------------------------------------------------------------------------------------------------

TARGET_FIELDS = ("year", "indicator", "name", "unit", "target_value", "more_is_better", "decimals", "source", "basis")
TARGET_EDITABLE = ("name", "unit", "target_value", "more_is_better", "decimals", "source", "basis")


@transaction.atomic
def create_target(*, ward: Organization, actor, year: int, indicator: str, target_value, **fields) -> Target:
    """A target of `ward` for `year`: a catalogue indicator (its unit from the catalogue) or a named one."""
    require_perm(actor, "tasks.change", ward)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(f"Không ghi được: {', '.join(sorted(unknown))}.")
    if indicator not in Indicator.values:
        raise ValidationError({"indicator": f"Chỉ tiêu “{indicator}” không có trong danh mục."})
    fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    target = Target(ward=ward, year=year, indicator=indicator, target_value=target_value, **fields)
    target.full_clean()
    target.save(force_insert=True)
    log_creation("work.target.created", actor=actor, obj=target, organization=ward,
                 fields=[name for name in TARGET_FIELDS if getattr(target, name) not in (None, "")])
    return target


@transaction.atomic
def update_target(target: Target, *, actor, version: int | None = None, **changes) -> dict:
    target = Target.objects.select_for_update(of=("self",)).select_related("ward").get(pk=target.pk)
    require_perm(actor, "tasks.change", target.ward)
    require_version(target, version)
    unknown = set(changes) - set(TARGET_EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    before = snapshot(target, changes)
    for name, value in changes.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    target.full_clean()
    after = snapshot(target, changes)
    diff = {name: {"old": before[name], "new": after[name]} for name in changes if before[name] != after[name]}
    if diff:
        target.save(update_fields=[*diff, "updated"])
        log_action("work.target.updated", actor=actor, obj=target, organization=target.ward, data={"changes": diff})
    return diff


@transaction.atomic
def record_actual(target: Target, *, actor, day: datetime.date, value, source: str) -> Actual:
    """The figure `target` reached by `day` (cumulative for its year), with where it comes from. What the system
    already counts (DERIVED) is not typed."""
    target = Target.objects.select_for_update(of=("self",)).select_related("ward").get(pk=target.pk)
    require_perm(actor, "tasks.change", target.ward)
    if target.is_derived:
        raise ValidationError(f"“{target.label}” được tính từ dữ liệu của hệ thống (hồ sơ đảng viên, cuộc họp): "
                              f"không nhập tay.")
    if day < datetime.date(target.year, 1, 1):
        raise ValidationError({"day": f"Ngày số liệu phải từ 01/01/{target.year} (năm của chỉ tiêu)."})
    if day > timezone.localdate():
        raise ValidationError({"day": "Ngày số liệu không được sau hôm nay."})
    actual = Actual(target=target, day=day, value=value, source=(source or "").strip(), author=actor)
    actual.full_clean()
    if actual.value < 0:
        raise ValidationError({"value": "Số đạt được không được âm."})
    actual.save(force_insert=True)
    target.save(update_fields=["updated"])  # a new figure: the record has a new version
    log_action("work.target.actual", actor=actor, obj=target, organization=target.ward, data={
        "day": day.isoformat(), "value": str(actual.value), "source": actual.source})
    return actual
