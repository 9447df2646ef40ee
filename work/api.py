"""The work program's API: tasks, their progress."""

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from documents.files import open_stored
from documents.models import Document
from org.models import Organization
from work import services
from work.access import unit_for_filter
from work.models import Progress, Target, Task, TaskStatus
from work.schemas import (
    ActualIn,
    ProgressIn,
    ProgressOut,
    TargetIn,
    TargetOut,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskPatch,
)
from work.targets import achievements, with_actuals

router = Router(tags=["Nhiệm vụ"])

STATUS_FILTER = "open|" + "|".join(TaskStatus.values)


class TaskFilters(Schema):
    organization: UUID | None = Field(None, description="Đơn vị chủ trì (và các đơn vị trực thuộc).")
    status: str | None = Field(None, pattern=f"^({STATUS_FILTER})$",
                               description="Một tình trạng, hoặc open (chưa thực hiện, đang thực hiện).")
    month: str | None = Field(None, pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$",
                              description="YYYY-MM: danh sách nhiệm vụ của tháng (cả nhiệm vụ quý, năm hạn trong "
                                          "tháng).")
    overdue: bool = Field(False, description="Chỉ nhiệm vụ quá hạn.")


def _tasks(user):
    return (Task.objects.for_user(user, "tasks.view").select_related("ward", "lead_unit", "carried_to")
            .prefetch_related("supporting_units"))


@router.get("/tasks", response={200: list[TaskOut], **ERRORS})
@paginate(ApiPagination)
def list_tasks(request, filters: Query[TaskFilters]):
    """Tasks the caller sees (a unit reporter: those its body leads), by deadline."""
    within = unit_for_filter(request.user, filters.organization) if filters.organization else None
    month = datetime.date.fromisoformat(f"{filters.month}-01") if filters.month else None
    return _tasks(request.user).listing(status=filters.status or "", month=month, overdue=filters.overdue,
                                        within=within)


def _units(user, keys) -> list[Organization]:
    return [get_object_for_user(Organization, user, "org.view", pk=key) for key in dict.fromkeys(keys)]


@router.post("/tasks", response={201: TaskDetailOut, **WRITE_ERRORS})
def create_task(request, payload: TaskIn):
    """Give a task of the ward's program (annual, quarterly or monthly)."""
    user = request.user
    if payload.ward is None and payload.lead_unit is None:
        raise ValidationError({"ward": "Hãy ghi phường, xã hoặc đơn vị chủ trì."})
    lead_unit = get_object_for_user(Organization, user, "org.view", pk=payload.lead_unit) if payload.lead_unit else None
    ward_pk = payload.ward or lead_unit.home_unit().pk
    ward = get_object_for_user(Organization, user, "tasks.change", pk=ward_pk)
    document = get_object_for_user(Document, user, "documents.view", pk=payload.document) if payload.document else None
    task = services.create_task(
        ward=ward, actor=user, text=payload.text, lead_unit=lead_unit, lead_body=payload.lead_body or "",
        supporting_units=_units(user, payload.supporting_units), period=payload.period, start=payload.start,
        due_on=payload.due_on, source=payload.source, document=document, source_note=payload.source_note,
    )
    return Status(201, _detail(request, task.pk))


def _detail(request, task_id):
    task = get_object_for_user(_tasks(request.user), request.user, "tasks.view", pk=task_id)
    task.progress_rows = list(Progress.objects.filter(task__in=task.history_ids()).select_related("author")
                              .order_by("day", "created"))
    return task


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS})
def get_task(request, task_id: UUID, response: HttpResponse):
    task = _detail(request, task_id)
    response["ETag"] = etag(task)
    return task


@router.patch("/tasks/{task_id}", response={200: TaskDetailOut, **VERSIONED_WRITE_ERRORS})
def change_task(request, task_id: UUID, payload: TaskPatch, response: HttpResponse,
                if_match: str | None = if_match_header()):
    """Correct a task's text, lead unit, supporting units, deadline or basis; its status moves by progress notes."""
    user = request.user
    task = get_object_for_user(Task, user, "tasks.view", pk=task_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"lead_unit", "supporting_units"})
    if "lead_body" in changes:
        changes["lead_body"] = changes["lead_body"] or ""
    if "source_note" in changes:
        changes["source_note"] = changes["source_note"] or ""
    if "lead_unit" in payload.model_fields_set:
        changes["lead_unit"] = (get_object_for_user(Organization, user, "org.view", pk=payload.lead_unit)
                                if payload.lead_unit else None)
    supporting = _units(user, payload.supporting_units) if payload.supporting_units is not None else None
    services.update_task(task, actor=user, version=if_match_version(if_match), supporting_units=supporting,
                         **changes)
    return get_task(request, task_id, response)


@router.post("/tasks/{task_id}/progress", response={201: ProgressOut, **VERSIONED_WRITE_ERRORS})
def report_progress(request, task_id: UUID, payload: ProgressIn, if_match: str | None = if_match_header()):
    """A dated note of how far the task got, optionally moving its status (by the office or the unit leading it)."""
    task = get_object_for_user(Task, request.user, "tasks.view", pk=task_id)
    progress = services.report_progress(task, actor=request.user, note=payload.note, day=payload.day,
                                        status=payload.status or "", version=if_match_version(if_match))
    return Status(201, progress)


@router.post("/tasks/{task_id}/progress/upload", response={201: ProgressOut, **VERSIONED_WRITE_ERRORS})
def report_progress_with_file(request, task_id: UUID, payload: Form[ProgressIn], file: File[UploadedFile],
                              if_match: str | None = if_match_header()):
    """The same note as POST /tasks/{task_id}/progress, sent as multipart/form-data with its file (field `file`:
    PDF, .docx, .doc, .xlsx, .xls, .odt, JPEG or PNG, at most 20 MB, checked by its content)."""
    task = get_object_for_user(Task, request.user, "tasks.view", pk=task_id)
    progress = services.report_progress(task, actor=request.user, note=payload.note, day=payload.day,
                                        status=payload.status or "", file=file, version=if_match_version(if_match))
    return Status(201, progress)


@router.get("/tasks/{task_id}/progress/{progress_id}/file", response={200: None, **ERRORS})
def download_progress_file(request, task_id: UUID, progress_id: UUID):
    """The file of a progress note of the task (or of a task it continues), to whoever may read the task."""
    task = get_object_for_user(Task, request.user, "tasks.view", pk=task_id)
    progress = task.history_file(progress_id)
    if progress is None:
        raise Http404("Không tìm thấy.")
    return FileResponse(open_stored(progress), as_attachment=True, filename=progress.file_name,
                        content_type=progress.file_type)



# Targets ------------------------------------------------------------------------------------------------------


class TargetPagination(ApiPagination):
    """The page of targets, each with how far it got (work.targets.achievements over the page only)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(result[self.items_attribute])
        _reach(items)
        return {**result, self.items_attribute: items}


def _reach(targets: list[Target]) -> None:
    reached = achievements(targets, timezone.localdate())
    for target in targets:
        target.reached = reached[target.pk]


def _targets(user):
    return with_actuals(Target.objects.for_user(user, "tasks.view").select_related("ward"))


@router.get("/targets", response={200: list[TargetOut], **ERRORS})
@paginate(TargetPagination)
def list_targets(request, year: int | None = Query(None, ge=1990, le=2100), organization: UUID | None = None):
    """The targets the caller sees, of `year` (default: this year), each with its share achieved."""
    targets = _targets(request.user).of_year(year or timezone.localdate().year)
    if organization:
        targets = targets.within(get_object_for_user(Organization, request.user, "org.view", pk=organization))
    return targets.order_by("ward__path", "order", "created")


def _target_detail(request, target_id) -> Target:
    target = get_object_for_user(_targets(request.user), request.user, "tasks.view", pk=target_id)
    _reach([target])
    return target


@router.get("/targets/{target_id}", response={200: TargetOut, **ERRORS})
def get_target(request, target_id: UUID):
    return _target_detail(request, target_id)


@router.post("/targets", response={201: TargetOut, **WRITE_ERRORS})
def create_target(request, payload: TargetIn):
    """Set a target of a ward for a year."""
    ward = get_object_for_user(Organization, request.user, "tasks.change", pk=payload.ward)
    target = services.create_target(ward=ward, actor=request.user, **payload.model_dump(exclude={"ward"}))
    return Status(201, _target_detail(request, target.pk))


@router.post("/targets/{target_id}/actuals", response={201: TargetOut, **WRITE_ERRORS})
def record_actual(request, target_id: UUID, payload: ActualIn):
    """The figure the target reached by a day (cumulative for its year), with its source; answers the target."""
    target = get_object_for_user(Target, request.user, "tasks.view", pk=target_id)
    services.record_actual(target, actor=request.user, **payload.model_dump())
    return Status(201, _target_detail(request, target_id))
