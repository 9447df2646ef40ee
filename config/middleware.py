"""Request guards that apply before any view, and which database a request reads (config.routers)."""

import contextvars
import logging
import time

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.html import escape

from config.routers import READ_YOUR_WRITES_SECONDS, replica_configured, replica_reads_allowed

NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự NUL (mã 0), không hợp lệ."
URL_TOO_LONG = "Địa chỉ yêu cầu dài quá {limit} ký tự: hãy rút ngắn từ khóa tìm kiếm hoặc bộ lọc."
BODY_TOO_LARGE = "Nội dung gửi lên lớn quá {limit} MB."
BAD_LENGTH = "Độ dài nội dung (Content-Length) không hợp lệ."
STATEMENT_CANCELLED = ("Yêu cầu này cần quá nhiều thời gian nên đã được dừng lại để không làm chậm hệ thống. Hãy thu "
                       "hẹp bộ lọc hoặc tìm kiếm rồi thử lại sau ít phút; nếu vẫn vậy, hãy báo quản trị hệ thống.")
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


# Statement timeout ----------------------------------------------------------------------------------------------

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE of a cancelled statement (statement_timeout, pg_cancel_backend)
UNKNOWN = "unknown"  # a session whose statement_timeout is not known (a SET refused, or rolled back since)

# The statement timeout (ms) of the request being answered; None outside requests (commands, the worker, tests' setup).
request_statement_timeout: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "request_statement_timeout", default=None)


def set_statement_timeout(connection, milliseconds: int | None) -> None:
    """Set a PostgreSQL session's statement_timeout (None: back to the server's default), unless it is so already.
    Sent on the driver's own cursor, so that it is not counted among the request's queries. A no-op elsewhere
    (SQLite has no such setting) and on a connection not yet open (`on_connection_created` sets that one)."""
    if connection.vendor != "postgresql" or connection.connection is None:
        return
    if getattr(connection, "dangvu_statement_timeout", None) == milliseconds:
        return
    statement = ("RESET statement_timeout" if milliseconds is None
                 else f"SET statement_timeout = {int(milliseconds)}")
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute(statement)
    except connection.Database.Error:  # an aborted transaction refuses it; its rollback restores the setting before
        connection.dangvu_statement_timeout = UNKNOWN
    else:
        connection.dangvu_statement_timeout = milliseconds


def on_connection_created(sender, connection, **kwargs):
    """A new session starts with the server's default; opened during a request, it gets the request's limit."""
    connection.dangvu_statement_timeout = None
    milliseconds = request_statement_timeout.get()
    if milliseconds:
        set_statement_timeout(connection, milliseconds)


connection_created.connect(on_connection_created, dispatch_uid="dangvu_statement_timeout")


def statement_cancelled(exception: BaseException) -> bool:
    """Whether a database error is PostgreSQL's cancellation of a statement (Django wraps the driver's error)."""
    cause = exception.__cause__ or exception
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED


class StatementTimeoutMiddleware:
    """On PostgreSQL, no statement of a page or API request runs longer than REQUEST_STATEMENT_TIMEOUT seconds (issue
    15: a mistaken plan once held the database for minutes): the sessions the request uses get `statement_timeout`
    for its duration and the server's default back after it, so management commands, migrations, the background
    worker and a test's own setup never run under it. A request whose statement was cancelled gets a 503 in
    Vietnamese (a page, or the API's JSON), not a stack trace. Nothing happens on SQLite."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = round(settings.REQUEST_STATEMENT_TIMEOUT * 1000)
        if milliseconds <= 0:
            return self.get_response(request)
        token = request_statement_timeout.set(milliseconds)
        for connection in connections.all(initialized_only=True):  # those opened later: on_connection_created
            set_statement_timeout(connection, milliseconds)
        try:
            return self.get_response(request)
        finally:
            request_statement_timeout.reset(token)
            for connection in connections.all(initialized_only=True):
                set_statement_timeout(connection, None)

    def process_exception(self, request, exception):
        if not statement_cancelled(exception):
            return None
        logger.warning("Statement cancelled after %s s: %s %s", settings.REQUEST_STATEMENT_TIMEOUT, request.method,
                       request.get_full_path())
        response = refusal(request, 503, STATEMENT_CANCELLED)
        response["Retry-After"] = "60"
        return response
