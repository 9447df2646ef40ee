"""What the lists of several apps take from the organisation tree: the ward column and filter."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from core.views import uuid_or_404
from org.forms import WardFilter
from org.models import Organization
from org.stats import WardIndex, dashboard_units


def ward_scope(request):
    """(the wards the user sees, as a WardIndex for the ward column and filter of a list; the ward chosen by
    `?ward=`, or None). A ward the user does not see is a 404, as for an unknown record."""
    index = WardIndex(dashboard_units(request.user))
    key = uuid_or_404(request.GET.get("ward", ""))
    if key is not None and key not in index.by_pk:
        raise Http404("Không tìm thấy.")
    ward = index.by_pk[key] if key is not None else None
    chosen = Organization.objects.filter(pk__in=[key] if key else [])  # the one option the picker renders
    # The picker searches units of the kinds the index holds: wards, or (a user who sees no ward) her own units.
    index.field = WardFilter(initial={"ward": key}, wards=chosen, kinds=sorted({unit.kind for unit in index}))["ward"]
    return index, ward


def ward_to_write(request, wards, refusal: str):
    """The ward a new record goes to, among `wards` (those the user may write it in; a queryset of wards): ?ward=,
    or the user's one ward; else the page choosing one (returned as it is: the caller returns it). No ward at all is
    a 403 with `refusal`; a ward named but not among them, a 404."""
    wards = list(wards.order_by("path")[:200])
    if not wards:
        raise PermissionDenied(refusal)
    key = uuid_or_404(request.GET.get("ward", ""))
    ward = next((w for w in wards if w.pk == key), None) if key else (wards[0] if len(wards) == 1 else None)
    if ward is None:
        if key:
            raise Http404("Không tìm thấy.")
        return render(request, "org/choose_ward.html", {"wards": wards, "path": request.path})
    return ward
