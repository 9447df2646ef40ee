"""What the lists of several apps take from the organisation tree: the ward column and filter."""

from django.http import Http404

from core.views import uuid_or_404
from org.stats import WardIndex, dashboard_units


def ward_scope(request):
    """(the wards the user sees, as a WardIndex for the ward column and filter of a list; the ward chosen by
    `?ward=`, or None). A ward the user does not see is a 404, as for an unknown record."""
    index = WardIndex(dashboard_units(request.user))
    key = uuid_or_404(request.GET.get("ward", ""))
    if key is None:
        return index, None
    if key not in index.by_pk:
        raise Http404("Không tìm thấy.")
    return index, index.by_pk[key]
