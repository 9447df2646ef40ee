"""What the pages of every app share: a page of a list, a form handed to its service, an id from the address."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404

from core.forms import add_service_errors
from core.pagination import SearchPaginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return SearchPaginator(queryset, per_page).get_page(request.GET.get("page"))


def submit(request, form, service, *args, **kwargs) -> tuple[bool, object]:
    """On a POST with a valid form, call `service(*args, **kwargs, **form.cleaned_data)` (or the form's
    `service_arguments()`, where its fields are not the service's arguments one for one).

    Returns (True, result) when the service succeeded; otherwise (False, None) with any service
    ValidationError shown on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        arguments = form.service_arguments() if hasattr(form, "service_arguments") else form.cleaned_data
        return True, service(*args, **kwargs, **arguments)
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None


def uuid_or_404(text: str):
    """A UUID from a query parameter: None when empty, 404 when it is not a UUID (as for an unknown record)."""
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Http404("Không tìm thấy.") from None
