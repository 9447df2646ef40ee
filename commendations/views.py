"""The pages of the commendations: the list with each decision's counts, a decision with its recipients, a decision
recorded or corrected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from audit.history import history_for
from commendations import services
from commendations.forms import CommendationEditForm, CommendationForm
from commendations.models import AwardKind, Commendation, counts_text
from core.forms import add_service_errors
from core.htmx import wants_fragment
from core.scoping import get_object_for_user, has_any_perm, has_perm, scope_q
from core.views import paginate
from org.models import WARD_KINDS, Organization
from org.views.common import ward_scope, ward_to_write


def _year(request) -> int | None:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 1990 <= int(year) <= 2100 else None


@login_required
@require_GET
def commendation_list(request):
    if not has_any_perm(request.user, "commendations.view"):
        raise PermissionDenied("Bạn không có quyền xem khen thưởng.")
    wards, ward = ward_scope(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in AwardKind.values else ""
    year = _year(request)
    items = (Commendation.objects.for_user(request.user, "commendations.view").select_related("ward").with_counts()
             .listing(year=year, kind=kind, within=ward))
    page = paginate(request, items)
    wards.mark(page, organization_of=lambda item: item.ward)
    for item in page:
        item.counts = counts_text(item.collectives, item.individuals)
    context = {"page": page, "wards": wards, "ward": ward, "kind": kind, "year": year or "",
               "kinds": AwardKind.choices, "can_change": has_any_perm(request.user, "commendations.change")}
    if wants_fragment(request):
        return render(request, "commendations/commendation_list.html#results", context)
    return render(request, "commendations/commendation_list.html", context)


def _submit(request, form, service, *args, **kwargs):
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return service(*args, **kwargs, **form.service_arguments())
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _record(**arguments):
    recipients = arguments.pop("recipients")
    return services.record_commendation(**arguments, **recipients)


@login_required
@require_http_methods(["GET", "POST"])
def commendation_create(request):
    ward = ward_to_write(request, Organization.objects.filter(kind__in=WARD_KINDS).filter(
        scope_q(request.user, "commendations.change")), "Bạn không có quyền ghi khen thưởng của phường, xã nào.")
    if not isinstance(ward, Organization):
        return ward
    form = CommendationForm(request.POST or None, ward=ward, initial={"decided_on": timezone.localdate()})
    commendation = _submit(request, form, _record, ward=ward, actor=request.user)
    if commendation is not None:
        messages.success(request, "Đã ghi quyết định khen thưởng.")
        return redirect(commendation)
    return render(request, "org/form.html", {"form": form, "back_url": "commendation_list",
                                             "title": f"Ghi quyết định khen thưởng — {ward.name}"})


@login_required
@require_http_methods(["GET", "POST"])
def commendation_edit(request, pk):
    commendation = get_object_for_user(Commendation.objects.select_related("ward"), request.user,
                                       "commendations.change", pk=pk)
    form = CommendationEditForm(request.POST or None, commendation=commendation)
    if _submit(request, form, services.update_commendation, commendation, actor=request.user) is not None:
        messages.success(request, "Đã lưu.")
        return redirect(commendation)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa — {commendation}", "back": commendation})


@login_required
@require_GET
def commendation_detail(request, pk):
    commendation = get_object_for_user(
        Commendation.objects.select_related("ward", "document", "meeting").with_counts(), request.user,
        "commendations.view", pk=pk)
    recipients = list(commendation.recipients.select_related("organization", "person"))
    return render(request, "commendations/commendation_detail.html", {
        "item": commendation, "counts": counts_text(commendation.collectives, commendation.individuals),
        "collectives": [r for r in recipients if r.collective],
        "individuals": [r for r in recipients if not r.collective],
        "can_change": has_perm(request.user, "commendations.change", commendation.ward),
        "history": history_for(request.user, [commendation], commendation.ward),
    })
