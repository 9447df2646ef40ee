"""Small pieces shared by the organisation pages."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404

from audit.models import LogEntry
from core.forms import add_service_errors
from core.pagination import SearchPaginator
from core.scoping import has_perm
from org.stats import WardIndex, dashboard_units

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return SearchPaginator(queryset, per_page).get_page(request.GET.get("page"))


def history_for(user, objects, organization, limit: int = 50):
    """The audit rows of `objects` (a record and what hangs on it) if the user may read the audit of its
    organisation, else None."""
    if not has_perm(user, "audit.view", organization):
        return None
    return list(LogEntry.objects.for_objects(objects).select_related("content_type")[:limit])


def unit_history_for(user, organization, limit: int = 50):
    """Every audit row filed under a unit (the unit itself, its terms, committees, positions, people), or None."""
    if not has_perm(user, "audit.view", organization):
        return None
    return list(LogEntry.objects.filter(organization=organization).select_related("content_type")[:limit])


def submit(request, form, service, *args, **kwargs) -> tuple[bool, object]:
    """On a POST with a valid form, call `service(*args, **kwargs, **form.cleaned_data)`.

    Returns (True, result) when the service succeeded; otherwise (False, None) with any service
    ValidationError shown on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, service(*args, **kwargs, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None


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


def uuid_or_404(text: str):
    """A UUID from a query parameter: None when empty, 404 when it is not a UUID (as for an unknown record)."""
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Http404("Không tìm thấy.") from None
