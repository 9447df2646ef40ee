"""The pages of the targets: a year's targets with the share each achieved, a target with its actuals, a target set
or corrected, an actual recorded."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from audit.history import history_for
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, submit
from org.models import Organization
from org.views.common import ward_scope
from work import services
from work.forms import ActualForm, TargetEditForm, TargetForm
from work.models import Target
from work.targets import figure, rows_of, with_actuals
from work.views.tasks import changeable_ward


def _year(request) -> int:
    text = request.GET.get("year", "")
    if not text:
        return timezone.localdate().year
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise Http404("Không tìm thấy.")
    return int(text)


@login_required
@require_GET
def target_list(request):
    wards, ward = ward_scope(request)
    year = _year(request)
    targets = Target.objects.for_user(request.user, "tasks.view").select_related("ward").of_year(year)
    if ward is not None:
        targets = targets.within(ward)
    page = paginate(request, with_actuals(targets).order_by("ward__path", "order", "created"))
    return render(request, "work/target_list.html", {
        "page": page, "rows": rows_of(page, timezone.localdate()), "wards": wards, "ward": ward, "year": year,
        "years": range(timezone.localdate().year + 1, 2019, -1),
        "can_change": has_any_perm(request.user, "tasks.change"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request):
    ward = changeable_ward(request)
    if not isinstance(ward, Organization):
        return ward  # the page choosing a ward
    form = TargetForm(request.POST or None)
    saved, target = submit(request, form, services.create_target, ward=ward, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi chỉ tiêu.")
        return redirect(target)
    return render(request, "org/form.html", {"form": form, "title": f"Ghi chỉ tiêu — {ward.name}",
                                             "back_url": "target_list"})


def _target(request, pk) -> Target:
    return get_object_for_user(with_actuals(Target.objects.select_related("ward")), request.user, "tasks.view", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def target_detail(request, pk):
    target = _target(request, pk)
    can_change = has_perm(request.user, "tasks.change", target.ward)
    form = ActualForm(request.POST or None) if can_change and not target.is_derived else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Bạn không ghi được kết quả của chỉ tiêu này.")
        saved, _actual = submit(request, form, services.record_actual, target, actor=request.user)
        if saved:
            messages.success(request, "Đã ghi kết quả thực hiện.")
            return redirect(target)
    [row] = rows_of([target], timezone.localdate())
    actuals = [(actual, figure(actual.value, target)) for actual in target.reported]
    return render(request, "work/target_detail.html", {
        **row, "actuals": actuals, "form": form, "can_change": can_change,
        "history": history_for(request.user, [target], target.ward),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk):
    target = _target(request, pk)
    if not has_perm(request.user, "tasks.change", target.ward):
        raise PermissionDenied("Bạn không sửa được chỉ tiêu này.")
    form = TargetEditForm(request.POST or None, target=target)
    saved, _diff = submit(request, form, services.update_target, target, actor=request.user)
    if saved:
        messages.success(request, "Đã lưu chỉ tiêu.")
        return redirect(target)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa chỉ tiêu: {target}", "back": target})
