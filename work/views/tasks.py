"""The pages of the work program: the list of tasks with its filters, a task with its progress, a task given or
corrected, a progress note, the month's unfinished tasks carried over."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from core.forms import EARLIEST_DATE, LATEST_DATE, add_service_errors
from core.htmx import wants_fragment
from core.http import download
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, submit, uuid_or_404
from documents.files import open_stored
from members.exports import unit_named
from org.models import WARD_KINDS, Organization
from org.views.common import ward_scope, ward_to_write
from work import services
from work.access import unit_for_filter
from work.exports import export_tasks, render_unit_month
from work.forms import ProgressForm, TaskEditForm, TaskForm
from work.models import Period, Task, TaskStatus, next_month, period_label

STATUS_FILTERS = [("open", "Chưa xong (chưa thực hiện, đang thực hiện)"), *TaskStatus.choices]


def parse_month(text: str) -> datetime.date | None:
    """"2026-07" → 1 July 2026; None when empty; 404 when it is not a month (as for an unknown record)."""
    if not text:
        return None
    try:
        month = datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise Http404("Không tìm thấy.") from None
    if not EARLIEST_DATE <= month <= LATEST_DATE:
        raise Http404("Không tìm thấy.")
    return month


def _filters(request) -> dict:
    status = request.GET.get("status", "")
    return {
        "status": status if status in dict(STATUS_FILTERS) else "",
        "month": parse_month(request.GET.get("month", "")),
        "overdue": request.GET.get("overdue") in ("1", "true", "on"),
    }


def _lead_units(request, ward: Organization | None) -> tuple[list, Organization | None]:
    """The units offered by the list's "đơn vị chủ trì" filter (those of one ward, else none: a province holds
    thousands), and the one chosen by ?organization=."""
    units = list(Organization.objects.filter(path__startswith=ward.path).order_by("path")) if ward else []
    key = uuid_or_404(request.GET.get("organization", ""))
    return units, unit_for_filter(request.user, key) if key else None


@login_required
@require_GET
def task_list(request):
    wards, ward, units, unit, filters, tasks = _listed(request)
    page = paginate(request, tasks)
    wards.mark(page, organization_of=lambda task: task.ward)
    today = timezone.localdate()
    for task in page:
        task.overdue = task.is_overdue(today)
    month = filters["month"]
    context = {
        "page": page, "wards": wards, "ward": ward, "units": units, "unit": unit, **filters,
        "month_value": f"{month:%Y-%m}" if month else "",
        "month_label": period_label(Period.MONTH, month) if month else "", "statuses": STATUS_FILTERS,
        "can_change": has_any_perm(request.user, "tasks.change"),
        "carry_ward": _carry_ward(request.user, ward, wards) if month else None,
        "query": request.GET.urlencode(), "notice": bool(unit and month),
    }
    if wants_fragment(request):
        return render(request, "work/task_list.html#results", context)
    return render(request, "work/task_list.html", context)


def _carry_ward(user, ward, wards) -> Organization | None:
    """The ward whose month the list's "chuyển sang tháng sau" button carries: the one shown, if the user may."""
    ward = ward or (next(iter(wards)) if len(wards.units) == 1 else None)
    return ward if ward is not None and has_perm(user, "tasks.change", ward) else None


def _changeable_wards(user):
    return Organization.objects.for_user(user, "tasks.change").filter(kind__in=WARD_KINDS)


def _units_of(ward: Organization) -> list[Organization]:
    return list(Organization.objects.filter(path__startswith=ward.path).order_by("path"))


def changeable_ward(request):
    """The ward a new task or target goes to (org.views.common.ward_to_write)."""
    return ward_to_write(request, _changeable_wards(request.user),
                         "Bạn không có quyền ghi chương trình công tác của phường, xã nào.")


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request):
    ward = changeable_ward(request)
    if not isinstance(ward, Organization):
        return ward
    form = TaskForm(request.POST or None, ward=ward, units=_units_of(ward))
    saved, task = submit(request, form, services.create_task, ward=ward, actor=request.user)
    if saved:
        messages.success(request, "Đã giao nhiệm vụ.")
        return redirect(task)
    return render(request, "org/form.html", {"form": form, "title": f"Giao nhiệm vụ — {ward.name}",
                                             "back_url": "task_list"})


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = get_object_for_user(Task.objects.select_related("ward", "lead_unit"), request.user, "tasks.view", pk=pk)
    if not has_perm(request.user, "tasks.change", task.ward):
        raise PermissionDenied("Bạn không có quyền sửa nhiệm vụ này.")
    form = TaskEditForm(request.POST or None, task=task, units=_units_of(task.ward))
    saved, _diff = submit(request, form, services.update_task, task, actor=request.user)
    if saved:
        messages.success(request, "Đã lưu nhiệm vụ.")
        return redirect(task)
    return render(request, "org/form.html", {"form": form, "title": "Sửa nhiệm vụ", "back": task})


def _chain(task: Task) -> list[Task]:
    """The task and those it continues (carried over month by month), oldest first: whose notes are its history."""
    chain = [task]
    while chain[0].carried_from_id is not None and len(chain) < 120:
        chain.insert(0, Task.objects.select_related("carried_from").get(pk=chain[0].carried_from_id))
    return chain


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request, pk):
    task = get_object_for_user(
        Task.objects.select_related("ward", "lead_unit", "meeting", "document", "carried_to"), request.user,
        "tasks.view", pk=pk)
    can_report = has_perm(request.user, "tasks.report", task.lead_unit) and not task.is_carried_over
    form = ProgressForm(request.POST or None, request.FILES or None, task=task) if can_report else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Bạn không có quyền báo cáo tiến độ nhiệm vụ này.")
        data = form.cleaned_data if form.is_valid() else None
        if data is not None:
            try:
                services.report_progress(task, actor=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi tiến độ.")
                return redirect(task)
    chain = _chain(task)
    notes = [(item, list(item.progress.select_related("author"))) for item in chain]
    return render(request, "work/task_detail.html", {
        "task": task, "notes": notes, "overdue": task.is_overdue(), "form": form,
        "supporting": list(task.supporting_units.all()),
        "can_change": has_perm(request.user, "tasks.change", task.ward),
        "history": history_for(request.user, chain, task.ward),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def task_carry_over(request):
    ward = get_object_for_user(Organization, request.user, "tasks.change", pk=uuid_or_404(request.POST.get("ward")))
    month = parse_month(request.POST.get("month", ""))
    if month is None:
        raise Http404("Không tìm thấy.")
    carried = services.carry_over(ward, month, actor=request.user)
    following = next_month(month)
    if carried:
        messages.success(request, f"Đã chuyển {len(carried)} nhiệm vụ chưa hoàn thành của "
                                  f"{period_label(Period.MONTH, month).lower()} sang "
                                  f"{period_label(Period.MONTH, following).lower()}.")
    else:
        messages.info(request, f"{period_label(Period.MONTH, month)}: không còn nhiệm vụ nào chưa hoàn thành để "
                               f"chuyển.")
    return redirect(f"{reverse('task_list')}?ward={ward.pk}&month={following:%Y-%m}")


@login_required
@require_GET
def progress_file(request, pk, progress_pk):
    """The file of a progress note of the task (or of a task it continues), to whoever may read the task."""
    task = get_object_for_user(Task, request.user, "tasks.view", pk=pk)
    progress = task.history_file(progress_pk)
    if progress is None:
        raise Http404("Không tìm thấy.")
    return FileResponse(open_stored(progress), as_attachment=True, filename=progress.file_name,
                        content_type=progress.file_type)


EXPORT_MAX = 10_000  # rows of one .xlsx: a province's whole program is exported ward by ward, month by month


def _listed(request):
    """(wards, ward, lead unit, filters, tasks) of the list as the address asks, for the page and its exports."""
    wards, ward = ward_scope(request)
    units, unit = _lead_units(request, ward)
    filters = _filters(request)
    tasks = (Task.objects.for_user(request.user, "tasks.view").select_related("lead_unit", "ward", "carried_to")
             .listing(within=unit or ward, **filters))
    return wards, ward, units, unit, filters, tasks


@login_required
@require_GET
def task_export(request):
    """The list on screen, with the same filters, as .xlsx (audited)."""
    wards, ward, _units, unit, filters, tasks = _listed(request)
    rows = list(tasks.prefetch_related("supporting_units")[:EXPORT_MAX + 1])
    if len(rows) > EXPORT_MAX:
        messages.error(request, f"Danh sách có hơn {EXPORT_MAX:_} nhiệm vụ: hãy chọn một phường, xã hoặc một tháng "
                                f"rồi xuất lại.".replace("_", "."))
        return redirect(f"{reverse('task_list')}?{request.GET.urlencode()}")
    month = filters["month"]
    title = " — ".join(part for part in (
        "Danh sách nhiệm vụ", unit_named(request.user, unit or ward),
        period_label(Period.MONTH, month) if month else "", f"ngày {timezone.localdate():%d/%m/%Y}") if part)
    filename, content_type, content = export_tasks(rows, title=title, actor=request.user, organization=ward,
                                                   wards=wards if wards.several and ward is None else None)
    return download(content, content_type=content_type, filename=filename)


@login_required
@require_GET
def task_unit_month(request):
    """A unit's key tasks of a month as the Ban Thường vụ's notice (DOCX or PDF, audited)."""
    key, month = uuid_or_404(request.GET.get("organization", "")), parse_month(request.GET.get("month", ""))
    if key is None or month is None:
        raise Http404("Không tìm thấy.")
    unit = unit_for_filter(request.user, key)
    ward = unit.home_unit()
    tasks = list(Task.objects.for_user(request.user, "tasks.view").filter(ward=ward, lead_unit=unit)
                 .of_month(month).prefetch_related("supporting_units")
             .order_by(F("due_on").asc(nulls_last=True), "order", "created"))
    filename, content_type, content = render_unit_month(ward, unit, month, tasks, request.GET.get("format", "docx"),
                                                        actor=request.user)
    return download(content, content_type=content_type, filename=filename)
