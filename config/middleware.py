"""Request guards that apply before any view."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control

NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự NUL (mã 0), không hợp lệ."
# Bodies that may carry a NUL byte as data (a file upload); any other body is read as text, whatever its declared
# content type (issue 12: a JSON body declared as application/xml reached the database with its NUL).
BINARY_BODIES = ("multipart/",)


class RefuseNulMiddleware:
    """Refuse text input containing a NUL character, with a clear 400, before it reaches the database.

    PostgreSQL cannot store NUL in text; SQLite would store it silently. Django's forms already refuse it; this
    covers query strings and every other body too, whatever its content type. Uploads (multipart) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return True
        if request.method in {"POST", "PUT", "PATCH"} and not request.content_type.startswith(BINARY_BODIES):
            body = request.body
            return b"\x00" in body or b"\\u0000" in body or b"%00" in body
        return False


class NoStoreMiddleware:
    """What a logged-in user reads, every API answer and every download is not kept by a browser or a proxy cache
    (issue 12: a shared office computer must not show the previous user's dossiers from its cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            patch_cache_control(response, no_store=True, private=True)
        return response
