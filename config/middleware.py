"""Request guards that apply before any view, and which database a request reads (config.routers)."""

import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.html import escape

from config.routers import READ_YOUR_WRITES_SECONDS, replica_configured, replica_reads_allowed

NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự NUL (mã 0), không hợp lệ."
URL_TOO_LONG = "Địa chỉ yêu cầu dài quá {limit} ký tự: hãy rút ngắn từ khóa tìm kiếm hoặc bộ lọc."
BODY_TOO_LARGE = "Nội dung gửi lên lớn quá {limit} MB."
BAD_LENGTH = "Độ dài nội dung (Content-Length) không hợp lệ."
# Bodies that may carry a NUL byte as data (a file upload); any other body is read as text, whatever its declared
# content type (issue 12: a JSON body declared as application/xml reached the database with its NUL).
BINARY_BODIES = ("multipart/",)


def refusal(request, status: int, detail: str) -> HttpResponse:
    """A request refused before any view: JSON `{"detail"}` under /api/, a short Vietnamese page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(f"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi {status}</title>"
                        f"<p>{escape(detail)}</p></html>", status=status)


class RequestLimitsMiddleware:
    """An address longer than MAX_URL_CHARS is a 414; a declared body larger than the limit is a 413, before a byte
    of it is read (issue 12: the API and the pages answer these in their own language, not as a 400 or a 500).
    Uploads (multipart) may be as large as MAX_UPLOAD_REQUEST_BYTES; each upload's own size and content are checked
    by its service. Other bodies: DATA_UPLOAD_MAX_MEMORY_SIZE, the limit Django itself applies when it reads one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.path_info) + len(request.META.get("QUERY_STRING", "")) > settings.MAX_URL_CHARS:
            return refusal(request, 414, URL_TOO_LONG.format(limit=settings.MAX_URL_CHARS))
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit():
            return refusal(request, 400, BAD_LENGTH)
        limit = (settings.MAX_UPLOAD_REQUEST_BYTES if request.content_type.startswith("multipart/")
                 else settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if int(declared) > limit:
            return refusal(request, 413, BODY_TOO_LARGE.format(limit=round(limit / 1048576, 1)))
        return self.get_response(request)


class RefuseNulMiddleware:
    """Refuse text input containing a NUL character, with a clear 400, before it reaches the database.

    PostgreSQL cannot store NUL in text; SQLite would store it silently. Django's forms already refuse it; this
    covers query strings and every other body too, whatever its content type. Uploads (multipart) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return refusal(request, 400, NUL_MESSAGE)
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


# The time of the browser's last write (seconds since the epoch); it lives READ_YOUR_WRITES_SECONDS.
LAST_WRITE_COOKIE = "dangvu_wrote"
READ_METHODS = frozenset({"GET", "HEAD"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def wrote_recently(request, now: float) -> bool:
    """The browser wrote less than READ_YOUR_WRITES_SECONDS ago (its cookie says when, by the clock of the server
    that answered the write: another server's clock may be a little behind, so a time as far ahead counts too; a
    garbled one says nothing)."""
    try:
        wrote = float(request.COOKIES.get(LAST_WRITE_COOKIE, ""))
    except ValueError:
        return False
    return abs(now - wrote) < READ_YOUR_WRITES_SECONDS


def request_may_read_replica(request, now: float) -> bool:
    """A page read (GET, HEAD) of a browser that has not written for READ_YOUR_WRITES_SECONDS; not an API call with
    a token, whose client keeps no cookie to say when it wrote."""
    return (request.method in READ_METHODS and "HTTP_AUTHORIZATION" not in request.META
            and not wrote_recently(request, now))


class ReplicaReadsMiddleware:
    """With a read replica configured, let the request read from it when `request_may_read_replica` (config.routers
    decides each query: never a write, nor a read after one), and mark a browser that writes with the time, so that
    its reads of the next READ_YOUR_WRITES_SECONDS come from the primary and it sees what it has just saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        now = time.time()
        token = replica_reads_allowed.set(request_may_read_replica(request, now))
        try:
            response = self.get_response(request)
        finally:
            replica_reads_allowed.reset(token)
        if request.method not in SAFE_METHODS:  # timed from the end of the write (a long one may take seconds)
            response.set_cookie(LAST_WRITE_COOKIE, f"{time.time():.3f}", max_age=READ_YOUR_WRITES_SECONDS,
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
        return response
