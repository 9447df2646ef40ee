"""The API under /api/v1/: bearer-token authentication, Vietnamese JSON errors, and every app's router.

Every error is JSON `{"detail": "<a Vietnamese sentence>"}` with a 4xx status; invalid input adds `errors`.
"""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from accounts.api import router as auth_router
from accounts.services import user_for_api_token
from commendations.api import router as commendations_router
from config.middleware import BODY_TOO_LARGE, STATEMENT_CANCELLED
from config.views import SERVER_ERROR
from core.versions import StaleVersion
from dashboard.api import router as dashboard_router
from documents.api import router as documents_router
from gradings.api import router as gradings_router
from inspections.api import router as inspections_router
from meetings.api import router as meetings_router
from members.api import router as members_router
from org.api import router as org_router
from reminders.api import router as reminders_router
from staffing.api import router as staffing_router
from work.api import router as work_router

NOT_FOUND = "Không tìm thấy."
FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
UNAUTHENTICATED = "Chưa đăng nhập hoặc mã truy cập không hợp lệ/hết hạn."
INVALID = "Dữ liệu không hợp lệ."
BAD_BODY = "Nội dung yêu cầu không phải JSON hợp lệ."
THROTTLED = "Quá nhiều yêu cầu; hãy thử lại sau."


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from POST /api/v1/auth/token."""

    def authenticate(self, request, token):
        user = user_for_api_token(token) if token else None
        if user is not None:
            request.user = user
            request.api_token_key = token
        return user


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Vietnamese letters as they are, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


def docs_for_users(view):
    """The interactive docs and the OpenAPI schema: for logged-in users, except in demo mode (issue 12: the
    description of every operation is not for whoever reaches the server)."""
    guarded = login_required(view)

    @functools.wraps(view)
    def docs(request, *args, **kwargs):
        if settings.DEMO_MODE:
            return view(request, *args, **kwargs)
        return guarded(request, *args, **kwargs)

    return docs


# Answers any operation may give, whatever it does, before or after its own code runs (config.middleware,
# config.views.server_error, the throttle): listed on every operation of the OpenAPI schema by `DangvuAPI`.
COMMON_ANSWERS = {
    400: "Yêu cầu không hợp lệ (ví dụ: chứa ký tự NUL, Content-Length sai).",
    413: "Nội dung gửi lên quá lớn.",
    414: "Địa chỉ yêu cầu quá dài.",
    429: "Quá nhiều yêu cầu; hãy thử lại sau.",
    500: SERVER_ERROR,
    503: STATEMENT_CANCELLED,
}


class DangvuAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in COMMON_ANSWERS.items():
                    operation["responses"].setdefault(status, {"description": description, "content": error})
        return schema


api = DangvuAPI(
    title="dangvu API", version="1", urls_namespace="api", auth=BearerAuth(), renderer=ReadableJSONRenderer(),
    docs_decorator=docs_for_users, throttle=[AuthRateThrottle(settings.API_RATE)],
)

api.add_router("/auth", auth_router)
api.add_router("/", org_router)
api.add_router("/", members_router)
api.add_router("/", documents_router)
api.add_router("/", meetings_router)
api.add_router("/", work_router)
api.add_router("/", inspections_router)
api.add_router("/", commendations_router)
api.add_router("/", gradings_router)
api.add_router("/", staffing_router)
api.add_router("/", reminders_router)
api.add_router("/", dashboard_router)


# Errors -------------------------------------------------------------------------------------------------------


def _error(request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(TooManyFieldsSent)
def too_many_fields(request, exc):
    return _error(request, 413, "Nội dung gửi lên có quá nhiều trường.")


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    """A body found larger than the limit while it was read (RequestLimitsMiddleware refuses a declared one)."""
    return _error(request, 413, BODY_TOO_LARGE.format(limit=round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1048576, 1)))


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, NOT_FOUND)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, str(exc) or FORBIDDEN)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = _error(request, 401, UNAUTHENTICATED)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(AuthorizationError)
def not_authorized(request, exc):
    return _error(request, 403, FORBIDDEN)


@api.exception_handler(Throttled)
def throttled(request, exc):
    return _error(request, 429, THROTTLED)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # ninja raises HttpError(400, "Cannot parse request body…") for a body that is not JSON.
    detail = BAD_BODY if exc.status_code == 400 and str(exc).startswith("Cannot parse") else str(exc)
    return _error(request, exc.status_code, detail)


@api.exception_handler(StaleVersion)
def stale(request, exc):
    """A change drawn from a version of the record that is no longer current (If-Match): nothing was changed."""
    return _error(request, 412, exc.messages[0])


@api.exception_handler(DjangoValidationError)
def invalid_data(request, exc):
    """A model's or service's refusal: 400 with the messages, by field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    lines = [
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in errors.items()
        for message in messages
    ]
    return _error(request, 400, " ".join(_sentence(line) for line in lines) or INVALID, errors=errors)


@api.exception_handler(SchemaValidationError)
def invalid_input(request, exc):
    """A body, path or query value of the wrong type or shape: 422 naming each field."""
    lines = [_schema_error_line(error) for error in exc.errors]
    return _error(request, 422, "; ".join(lines) or INVALID, errors=exc.errors)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


# Pydantic error types → what a clerk reads.
SCHEMA_MESSAGES = {
    "missing": "bắt buộc phải có",
    "extra_forbidden": "trường này không được phép",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "date_type": "ngày không hợp lệ (định dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (định dạng YYYY-MM-DD)",
    "date_from_datetime_parsing": "ngày không hợp lệ (định dạng YYYY-MM-DD)",
    "date_from_datetime_inexact": "ngày không hợp lệ (định dạng YYYY-MM-DD)",
    "datetime_type": "thời điểm không hợp lệ (định dạng ISO 8601)",
    "datetime_parsing": "thời điểm không hợp lệ (định dạng ISO 8601)",
    "datetime_from_date_parsing": "thời điểm không hợp lệ (định dạng ISO 8601)",
    "uuid_type": "mã định danh (UUID) không hợp lệ",
    "uuid_parsing": "mã định danh (UUID) không hợp lệ",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "string_too_long": "dài quá {max_length} ký tự",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "model_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách",
    "json_invalid": "không phải JSON hợp lệ",
}


def _schema_error_line(error: dict) -> str:
    if error.get("type") == "value_error" and error.get("msg"):
        # Our own validators (core.schemas) raise ValueError with a Vietnamese sentence: say it as written.
        field = _field_name(error.get("loc", ()))
        return f"{field or 'nội dung yêu cầu'}: {str(error['msg']).removeprefix('Value error, ')}"
    template = SCHEMA_MESSAGES.get(error.get("type"), "giá trị không hợp lệ")
    try:
        message = template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        message = template
    field = _field_name(error.get("loc", ()))
    return f"{field or 'nội dung yêu cầu'}: {message}"


def _field_name(loc) -> str:
    """`date_of_birth` from ("body", "payload", "date_of_birth"), `id` from ("path", "id"), "" for the body."""
    parts = [str(part) for part in loc[1:]]
    if loc and loc[0] == "body":
        parts = parts[1:]  # drop the handler's parameter name: the client never sent it
    return ".".join(parts)
