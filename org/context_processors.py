from django.conf import settings

from core.scoping import has_any_perm


def navigation(request):
    """What the menu needs: demo mode, and whether the user may open the audit page."""
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "can_view_audit": bool(user and user.is_authenticated and has_any_perm(user, "audit.view")),
    }
