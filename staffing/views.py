"""The pages of the non-specialised staff: the ward's posts and who holds them today with their allowances and the
totals per level, the forms that change them, the restructuring plans with their before and after."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import submit, uuid_or_404
from org.models import Organization
from org.views.common import ward_scope
from staffing import services
from staffing.forms import EndForm, HoldingForm, PlanForm, PostForm
from staffing.models import Level, StaffHolding, StaffingPlan, StaffPost, figures_on
from staffing.roster import staffing_of


def _ward(request):
    wards, ward = ward_scope(request)
    return ward if ward is not None else (next(iter(wards)) if len(wards.units) == 1 else None)


@login_required
@require_GET
def staffing_page(request):
    if not has_any_perm(request.user, "staffing.view"):
        raise PermissionDenied("Bạn không có quyền xem người hoạt động không chuyên trách.")
    ward = _ward(request)
    context = {"ward": ward, "levels": Level.choices}
    if ward is not None:
        posts, totals = staffing_of(ward, request.user, timezone.localdate())
        can_change = has_perm(request.user, "staffing.change", ward)
        context |= {
            "posts": posts, "totals": totals, "can_change": can_change,
            "level_totals": [(level, label, totals[level]) for level, label in Level.choices],
            "plans": list(StaffingPlan.objects.for_user(request.user, "staffing.view").filter(ward=ward)),
            "post_form": PostForm(ward=ward) if can_change else None,
            "holding_form": (HoldingForm(ward=ward, initial={"start_date": timezone.localdate()}) if can_change
                             else None),
        }
    return render(request, "staffing/staffing.html", context)


def _changeable(request, pk, model, path):
    obj = get_object_for_user(model.objects.select_related(path), request.user, "staffing.view", pk=pk)
    if not has_perm(request.user, "staffing.change", model.organization_of(obj)):
        raise PermissionDenied("Bạn không có quyền sửa danh sách người hoạt động không chuyên trách.")
    return obj


def _back(ward):
    return redirect(f"{reverse('staffing')}?ward={ward.pk}")


def _run(request, form, call) -> bool:
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@login_required
@require_POST
def post_create(request):
    ward = get_object_for_user(Organization, request.user, "staffing.change",
                               pk=uuid_or_404(request.POST.get("ward", "")))
    if _run(request, PostForm(request.POST, ward=ward),
            lambda data: services.create_post(ward=ward, actor=request.user, **data)):
        messages.success(request, "Đã thêm chức danh.")
    return _back(ward)


@login_required
@require_POST
def holding_create(request, pk):
    post = _changeable(request, pk, StaffPost, "ward")
    if _run(request, HoldingForm(request.POST, ward=post.ward),
            lambda data: services.assign_post(post, actor=request.user, **data)):
        messages.success(request, "Đã giao người giữ chức danh.")
    return _back(post.ward)


@login_required
@require_POST
def holding_end(request, pk):
    holding = _changeable(request, pk, StaffHolding, "post__ward")
    if _run(request, EndForm(request.POST), lambda data: services.end_holding(holding, actor=request.user, **data)):
        messages.success(request, "Đã ghi thôi giữ chức danh.")
    return _back(holding.post.ward)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    ward = get_object_for_user(Organization, request.user, "staffing.change",
                               pk=uuid_or_404(request.GET.get("ward", "")))
    form = PlanForm(request.POST or None)
    saved, plan = submit(request, form, services.record_plan, ward=ward, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi phương án sắp xếp.")
        return redirect(plan)
    return render(request, "org/form.html", {"form": form, "title": f"Ghi phương án sắp xếp — {ward.name}",
                                             "back_url": "staffing"})


@login_required
@require_GET
def plan_detail(request, pk):
    plan = get_object_for_user(StaffingPlan.objects.select_related("ward"), request.user, "staffing.view", pk=pk)
    holdings = StaffHolding.objects.for_user(request.user, "staffing.view").filter(post__ward=plan.ward)
    today = figures_on(holdings, timezone.localdate())
    lines = list(plan.lines.all())
    for line in lines:
        line.today = today[line.level]
    return render(request, "staffing/plan.html", {"plan": plan, "lines": lines})
