"""The change history a record's page shows, for those who may read the audit of its organisation."""

from audit.models import LogEntry
from core.scoping import has_perm


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
