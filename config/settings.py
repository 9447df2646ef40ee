"""dangvu settings: one file, driven by the environment.

Demo mode (DANGVU_DEMO=1, set by `make run`) relaxes what a laptop needs: a generated secret key, local hosts,
and the demo accounts. Production must set SECRET_KEY and ALLOWED_HOSTS (start-up fails without them), usually
DATABASE_URL and, behind a reverse proxy, PROXY_COUNT; never DANGVU_DEMO.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _demo_secret_key() -> str:
    """A per-checkout key kept under var/, so demo sessions survive restarts."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "demo_secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


TESTING = env_bool("DANGVU_TESTING", "pytest" in sys.modules)
DEMO_MODE = env_bool("DANGVU_DEMO")
DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEMO_MODE or DEBUG or TESTING:
        SECRET_KEY = _demo_secret_key()
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set outside demo mode (DANGVU_DEMO=1).")
elif not (DEMO_MODE or DEBUG or TESTING) and (
        len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is weak: use at least 50 random characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if DEMO_MODE or DEBUG or TESTING:
        ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
    else:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set outside demo mode (DANGVU_DEMO=1): the host names the site is served at, "
            "comma-separated, e.g. ALLOWED_HOSTS=dangvu.example.vn."
        )
if "*" in ALLOWED_HOSTS and not (DEMO_MODE or DEBUG or TESTING):
    raise ImproperlyConfigured("ALLOWED_HOSTS=* accepts any host name outside demo mode: name the site's hosts.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "treebeard",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "audit",
    "accounts",
    "org",
    "members",
    "documents",
    "meetings",
    "work",
    "inspections",
    "commendations",
    "gradings",
    "staffing",
    "reminders",
    "backups",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "config.middleware.ReplicaReadsMiddleware",  # first: every read of the request is routed (config.routers)
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RequestLimitsMiddleware",
    "config.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.StatementTimeoutMiddleware",  # after static files, before the first query (the session's)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "org.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production and in `make test`).
if os.environ.get("DATABASE_URL"):
    # Kept open a minute between requests, and checked at its first use in each request: a connection the server
    # dropped (a restart) is replaced, and no request fails for it.
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60,
                                                  conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "dangvu.sqlite3",
            # Kept open between the requests a worker thread serves, as PostgreSQL's are: opening the file and
            # running the PRAGMAs below cost more than a page's session and user queries (bench/http.py). (No
            # health check: a file does not go away as a server does.)
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
# A read replica of the primary (PostgreSQL streaming replication, say), for the reads of GET pages that may lag a
# few seconds: config.routers sends there only what config.middleware.ReplicaReadsMiddleware allows (README, "Running
# it for a real province"). Its tests mirror the primary.
REPLICA_DB_ALIAS = "replica"
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES[REPLICA_DB_ALIAS] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60,
                                                        conn_health_checks=True)
    DATABASES[REPLICA_DB_ALIAS]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
# The longest a statement of a page or API request may run on PostgreSQL, in seconds (0: no limit): a statement
# cancelled past it is answered with a 503 page (config.middleware.StatementTimeoutMiddleware), so that no request
# holds the database for minutes (a mistaken plan once did). Management commands, migrations and the background
# worker are not requests: they run without it. SQLite has no such setting.
try:
    REQUEST_STATEMENT_TIMEOUT = float(os.environ.get("REQUEST_STATEMENT_TIMEOUT", "30"))
except ValueError:
    raise ImproperlyConfigured("REQUEST_STATEMENT_TIMEOUT must be a number of seconds (0: no limit).") from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.DemoAwareModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing is deliberately slow; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock an account after repeated failures, and separately an address.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# An address that fails too often is locked for every account (password spraying), and an account is locked at the
# address that failed for it, never everywhere: anyone could otherwise lock a named clerk out by typing her name
# (issue 12). Reset: python manage.py axes_reset_username <name>, or axes_reset_ip <address>.
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.backends.lockout_response"
AXES_VERBOSE = False
# Failures and lockouts are rows of the database, so every app server behind a load balancer sees those of the others
# (a per-process cache handler would let each server grant its own five tries).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The number of trusted reverse proxies in front of the app; only then is X-Forwarded-For read (accounts.backends).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT is the number of trusted reverse proxies in front of the app: 0 or more.")
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
NINJA_NUM_PROXIES = PROXY_COUNT
# API calls per token holder (or, before a token, per address), counted in the cache: a runaway script gets 429s
# instead of slowing every clerk's pages. Without CACHE_URL each server process counts its own (N processes allow up
# to N times the rate); with CACHE_URL all of them count together.
API_RATE = os.environ.get("API_RATE", "600/m")

# The cache: each process's own memory by default; with CACHE_URL=redis://host:6379/0 (or rediss://) a Redis shared by
# every app server (Django's own backend). Nothing kept there is needed for correctness: sessions and login lockouts
# are in the database.
CACHE_URL = os.environ.get("CACHE_URL", "")
if not CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    raise ImproperlyConfigured("CACHE_URL must be a Redis address (redis://host:6379/0, rediss://…, unix://…).")

# E-mail (the reminders' daily digest): SMTP with EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and
# EMAIL_HOST…; the console (the server's output) by default, and so in demo mode.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dangvu@localhost")
# The address of the site, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Sessions and cookies. SECURE_COOKIES=1 (documented in README) turns on the HTTPS-only settings. Sessions are rows of
# the database: a session made on one app server is valid on every other (not in the cache, which may be per process).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SECURE_COOKIES = env_bool("SECURE_COOKIES", not (DEBUG or DEMO_MODE or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): the pages load only their own scripts, styles, images and fonts (static/,
# vendored), run no inline script or style, post forms only to themselves and are framed by no one. Pico's icons are
# data: SVGs. htmx is told not to add its inline indicator style (base.html, htmx-config) nor to eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# API tokens
API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", "12"))

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["config.formats"]

# Uploaded files (document attachments, progress reports, member lists waiting for import): private, never served as
# static; the download views check who asks and read them through the storage API. On this machine's disk under
# MEDIA_ROOT by default; with OBJECT_STORE_BUCKET set, in an S3-compatible object store shared by every app server
# (README, "Running it for a real province"): objects get no public ACL and no URL is ever handed out.
MEDIA_ROOT = VAR_DIR / "files"
OBJECT_STORE_BUCKET = os.environ.get("OBJECT_STORE_BUCKET", "")
if OBJECT_STORE_BUCKET:
    OBJECT_STORE_URL = os.environ.get("OBJECT_STORE_URL", "")
    UPLOADED_FILES_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": OBJECT_STORE_BUCKET,
            "endpoint_url": OBJECT_STORE_URL or None,  # unset: Amazon S3 itself
            "access_key": os.environ.get("OBJECT_STORE_ACCESS_KEY") or None,  # unset: boto3's own lookup
            "secret_key": os.environ.get("OBJECT_STORE_SECRET_KEY") or None,
            "region_name": os.environ.get("OBJECT_STORE_REGION") or None,
            # Self-hosted stores (MinIO, Ceph, Garage) answer at one address, the bucket in the path.
            "addressing_style": "path" if OBJECT_STORE_URL else None,
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,  # a URL, were one ever asked for, would be signed and expire
            "file_overwrite": False,  # as on disk: a name already taken gets another, nothing is replaced
        },
    }
else:
    UPLOADED_FILES_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": UPLOADED_FILES_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 200

# Background work (django-tasks, its database backend): a long member import runs in `manage.py db_worker`, not in a
# request worker (README: `make run` starts one; production runs it as a service).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Request limits (config.middleware.RequestLimitsMiddleware; README, "Limits"): an address of at most 4,096
# characters (gunicorn is started with a longer request line, so that this answer, a 414, is the one given); a body
# of at most 2.5 MB (Django's default, stated); a multipart body, which carries the uploads of at most 20 MB each
# (documents.files, members.imports), of at most 21 MB.
MAX_URL_CHARS = 4096
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_UPLOAD_REQUEST_BYTES = 21 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "config.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# docs/rules.md §3.5 [U]: no attendance quorum is confirmed for ordinary sessions; a meeting with fewer than this share
# (numerator, denominator) of its counted members present is shown with a warning (the threshold confirmed for
# confidence votes: "ít nhất 2/3 số người được triệu tập có mặt").
MEETING_ATTENDANCE_WARNING_SHARE = (2, 3)
