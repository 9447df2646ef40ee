from django.conf import settings

from core.scoping import has_any_perm

# The menu's sections and the permission that opens each (a unit reporter sees only its tasks).
SECTIONS = ("org.view", "people.view", "members.view", "documents.view", "meetings.view", "tasks.view",
            "inspections.view", "commendations.view", "gradings.view", "staffing.view",
            "audit.view")


def navigation(request):
    """What the menu needs: demo mode, and which sections the user may open."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    can = {perm.split(".")[0]: signed_in and has_any_perm(user, perm) for perm in SECTIONS}
    return {"demo_mode": settings.DEMO_MODE, "can_open": can, "can_view_audit": can["audit"]}
