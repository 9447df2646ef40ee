"""Which unit a caller may name in a filter of the work program's lists."""

from django.http import Http404

from core.scoping import has_perm
from org.models import Organization


def unit_for_filter(user, pk) -> Organization:
    """The unit `pk` if the caller sees it (org.view) or the tasks it leads (tasks.view: a unit reporter sees its own
    body and nothing else of the tree); 404 otherwise, as for an unknown record."""
    unit = Organization.objects.filter(pk=pk).first()
    if unit is None or not (has_perm(user, "org.view", unit) or has_perm(user, "tasks.view", unit)):
        raise Http404("Không tìm thấy.")
    return unit
