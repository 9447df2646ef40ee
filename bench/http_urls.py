"""The project's URLs and, for bench/http.py, two reference views (bench/http_app.py)."""

from django.http import HttpResponse
from django.urls import include, path


def middleware_only(request):
    """Django's middleware and nothing else: no session read, no query."""
    return HttpResponse("ok")


def session_user(request):
    """The session and its user read (two queries), as every page and the API's session calls do first."""
    return HttpResponse("yes" if request.user.is_authenticated else "no")


urlpatterns = [
    path("bench/middleware-only", middleware_only),
    path("bench/session-user", session_user),
    path("", include("config.urls")),
]
