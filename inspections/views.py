"""The pages of the inspection programs: a year's program with planned versus done per quarter, an item with its
conclusion and follow-ups, an item planned or corrected, the program as .xlsx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from core.htmx import wants_fragment
from core.http import download
from core.scoping import get_object_for_user, has_any_perm, has_perm, scope_q
from core.views import paginate, submit
from inspections import services
from inspections.exports import export_program
from inspections.forms import (
    ConclusionForm,
    FollowUpDoneForm,
    FollowUpForm,
    InspectionEditForm,
    InspectionForm,
)
from inspections.models import (
    CHANGE_PERMISSION,
    CONCLUDABLE,
    QUARTERS,
    TRANSITIONS,
    FollowUp,
    Inspection,
    InspectionProgram,
    InspectionStatus,
    quarter_label,
)
from org.models import WARD_KINDS, Organization
from org.views.common import ward_scope, ward_to_write

EXPORT_MAX = 5_000  # rows of one .xlsx: a province's programs are exported ward by ward


def _filters(request) -> dict:
    year = request.GET.get("year", "")
    quarter = request.GET.get("quarter", "")
    status, program = request.GET.get("status", ""), request.GET.get("program", "")
    return {
        "year": int(year) if _number(year) and 2000 <= int(year) <= 2100 else timezone.localdate().year,
        "quarter": int(quarter) if _number(quarter) and int(quarter) in QUARTERS else None,
        "status": status if status in InspectionStatus.values else "",
        "program": program if program in InspectionProgram.values else "",
    }


def _listed(request):
    """(wards, ward, filters, items) of the program as the address asks, for the page and its export."""
    wards, ward = ward_scope(request)
    filters = _filters(request)
    items = (Inspection.objects.for_user(request.user, "inspections.view")
             .select_related("ward", "subject_organization", "subject_member__person", "conclusion_document")
             .listing(within=ward, **filters))
    return wards, ward, filters, items


def _writable_programs(user, ward: Organization | None) -> list[str]:
    if ward is None:
        return [program for program, perm in CHANGE_PERMISSION.items() if has_any_perm(user, perm)]
    return [program for program, perm in CHANGE_PERMISSION.items() if has_perm(user, perm, ward)]


@login_required
@require_GET
def inspection_list(request):
    if not has_any_perm(request.user, "inspections.view"):
        raise PermissionDenied("Bạn không có quyền xem chương trình kiểm tra, giám sát.")
    wards, ward, filters, items = _listed(request)
    page = paginate(request, items)
    wards.mark(page, organization_of=lambda item: item.ward)
    today = timezone.localdate()
    for item in page:
        item.late = item.is_late(today)
    context = {
        "page": page, "wards": wards, "ward": ward, **filters,
        "summary": items.quarter_summary(),
        "overdue_follow_ups": FollowUp.objects.filter(inspection__in=items.values("pk")).overdue(today).count(),
        "statuses": InspectionStatus.choices, "programs": InspectionProgram.choices,
        "quarters": [(quarter, quarter_label(quarter)) for quarter in QUARTERS],
        "can_plan": bool(_writable_programs(request.user, ward)), "query": request.GET.urlencode(),
    }
    if wants_fragment(request):
        return render(request, "inspections/inspection_list.html#results", context)
    return render(request, "inspections/inspection_list.html", context)


def _writable_ward(request):
    """The ward a new item goes to: one whose programs (either) the user may write (org.views.common.ward_to_write)."""
    writable = scope_q(request.user, CHANGE_PERMISSION[InspectionProgram.COMMITTEE]) | scope_q(
        request.user, CHANGE_PERMISSION[InspectionProgram.INSPECTION])
    return ward_to_write(request, Organization.objects.filter(kind__in=WARD_KINDS).filter(writable),
                         "Bạn không có quyền ghi chương trình kiểm tra, giám sát của phường, xã nào.")


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request):
    ward = _writable_ward(request)
    if not isinstance(ward, Organization):
        return ward
    programs = _writable_programs(request.user, ward)
    form = InspectionForm(request.POST or None, ward=ward, programs=programs,
                          initial={"program": request.GET.get("program") or programs[0]})
    saved, item = submit(request, form, services.plan_inspection, ward=ward, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi vào chương trình kiểm tra, giám sát.")
        return redirect(item)
    return render(request, "org/form.html", {"form": form, "back_url": "inspection_list",
                                             "title": f"Ghi cuộc kiểm tra, giám sát — {ward.name}"})


def _writable(request, pk) -> Inspection:
    item = get_object_for_user(Inspection.objects.select_related("ward"), request.user, "inspections.view", pk=pk)
    if not has_perm(request.user, item.change_permission, item.ward):
        raise PermissionDenied(f"Bạn không có quyền ghi chương trình kiểm tra, giám sát của "
                               f"{item.get_program_display()}.")
    return item


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk):
    item = _writable(request, pk)
    form = InspectionEditForm(request.POST or None, inspection=item)
    saved, _diff = submit(request, form, services.update_inspection, item, actor=request.user)
    if saved:
        messages.success(request, "Đã lưu.")
        return redirect(item)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa — {item}", "back": item})


@login_required
@require_GET
def inspection_detail(request, pk):
    item = get_object_for_user(
        Inspection.objects.select_related("ward", "subject_organization", "subject_member__person",
                                          "subject_member__organization", "team_lead", "conclusion_document"),
        request.user, "inspections.view", pk=pk)
    return _detail(request, item)


def _detail(request, item: Inspection, *, conclusion_form=None, follow_up_form=None, status=200):
    can_write = has_perm(request.user, item.change_permission, item.ward)
    today = timezone.localdate()
    follow_ups = list(item.follow_ups.all())
    for follow_up in follow_ups:
        follow_up.overdue = follow_up.is_overdue(today)
    concludable = can_write and item.status in CONCLUDABLE
    return render(request, "inspections/inspection_detail.html", {
        "item": item, "team": list(item.team.all()), "follow_ups": follow_ups, "can_write": can_write,
        "late": item.is_late(today),
        "moves": [(value, label) for value, label in InspectionStatus.choices
                  if value in TRANSITIONS.get(item.status, set())] if can_write else [],
        "conclusion_form": conclusion_form or (ConclusionForm(inspection=item) if concludable else None),
        "follow_up_form": follow_up_form or (FollowUpForm() if can_write and item.status == InspectionStatus.CONCLUDED
                                             else None),
        "done_form": FollowUpDoneForm() if can_write else None,
        "can_draft": (can_write and item.status == InspectionStatus.CONCLUDED and item.conclusion_document_id is None
                      and has_perm(request.user, "documents.change", item.ward)),
        "history": history_for(request.user, [item, *follow_ups], item.ward),
    }, status=status)


@login_required
@require_POST
def inspection_move(request, pk):
    item = _writable(request, pk)
    try:
        services.move_inspection(item, status=request.POST.get("status", ""), actor=request.user,
                                 version=_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã chuyển tình trạng.")
    return redirect(item)


def _version(request) -> int | None:
    version = request.POST.get("version", "")
    return int(version) if _number(version) and len(version) < 10 else None


def _number(text: str) -> bool:
    """Digits 0-9 only ("²" is a digit to str.isdigit, not to int)."""
    return text.isascii() and text.isdigit()


@login_required
@require_POST
def inspection_conclude(request, pk):
    item = _writable(request, pk)
    form = ConclusionForm(request.POST, inspection=item)
    saved, _item = submit(request, form, services.conclude_inspection, item, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi kết luận.")
        return redirect(item)
    return _detail(request, item, conclusion_form=form, status=400)


@login_required
@require_POST
def follow_up_create(request, pk):
    item = _writable(request, pk)
    form = FollowUpForm(request.POST)
    saved, _follow_up = submit(request, form, services.add_follow_up, item, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi yêu cầu khắc phục.")
        return redirect(item)
    return _detail(request, item, follow_up_form=form, status=400)


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_for_user(FollowUp.objects.select_related("inspection__ward"), request.user,
                                    "inspections.view", pk=pk)
    item = _writable(request, follow_up.inspection_id)
    form = FollowUpDoneForm(request.POST)
    saved, _done = submit(request, form, services.complete_follow_up, follow_up, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi kết quả khắc phục.")
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(item)


@login_required
@require_POST
def inspection_draft_conclusion(request, pk):
    item = _writable(request, pk)
    try:
        document = services.draft_conclusion(item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(item)
    messages.success(request, "Đã lập dự thảo văn bản kết luận trong sổ văn bản đi: trình duyệt rồi ban hành để có số.")
    return redirect(document)


@login_required
@require_GET
def inspection_export(request):
    """The program on screen, with the same filters, as .xlsx: planned versus done per quarter, then every item
    (audited)."""
    if not has_any_perm(request.user, "inspections.view"):
        raise PermissionDenied("Bạn không có quyền xem chương trình kiểm tra, giám sát.")
    wards, ward, filters, items = _listed(request)
    rows = list(items.prefetch_related("team", "follow_ups")[:EXPORT_MAX + 1])
    if len(rows) > EXPORT_MAX:
        messages.error(request, f"Chương trình có hơn {EXPORT_MAX:_} mục: hãy chọn một phường, xã rồi xuất lại."
                       .replace("_", "."))
        return redirect(f"{reverse('inspection_list')}?{request.GET.urlencode()}")
    title = " — ".join(part for part in (
        "Chương trình kiểm tra, giám sát", ward.name if ward else "", f"năm {filters['year']}",
        quarter_label(filters["quarter"]) if filters["quarter"] else "",
        f"ngày {timezone.localdate():%d/%m/%Y}") if part)
    filename, content_type, content = export_program(
        rows, items.quarter_summary(), title=title, actor=request.user, organization=ward,
        several=wards.several and ward is None, today=timezone.localdate())
    return download(content, content_type=content_type, filename=filename)
