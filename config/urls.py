from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path, re_path

from config.api import NOT_FOUND, api
from core import pickers


def api_not_found(request, rest=""):
    """Unknown paths under /api/ answer in the API's JSON, not Django's HTML page."""
    return JsonResponse({"detail": NOT_FOUND}, status=404)


handler500 = "config.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("pick/<slug:source>/", pickers.pick, name="pick"),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("", include("accounts.urls")),
    path("", include("dashboard.urls")),
    path("", include("audit.urls")),
    path("", include("members.urls")),
    path("", include("documents.urls")),
    path("", include("meetings.urls")),
    path("", include("work.urls")),
    path("", include("inspections.urls")),
    path("", include("commendations.urls")),
    path("", include("gradings.urls")),
    path("", include("staffing.urls")),
    path("", include("reminders.urls")),
    path("", include("org.urls")),
]
