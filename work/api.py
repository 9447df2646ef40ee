"""The work program's API: tasks, their progress."""

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from documents.models import Document
from org.models import Organization
from work import services
from work.access import unit_for_filter
from work.models import Progress, Task, TaskStatus
from work.schemas import ProgressIn, ProgressOut, TaskDetailOut, TaskIn, TaskOut, TaskPatch

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
    chain, current = [task.pk], task
    while current.carried_from_id is not None and len(chain) < 120:
        chain.append(current.carried_from_id)
        current = Task.objects.only("carried_from_id").get(pk=current.carried_from_id)
    task.progress_rows = list(Progress.objects.filter(task__in=chain).select_related("author")
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

