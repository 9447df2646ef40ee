"""The app as bench/http.py serves it: the project's own WSGI and ASGI applications, with two reference views that
the project does not serve (bench/http_urls.py), measured beside the static file to show what a request costs before
the project's own work: Django's middleware alone, then the session and its user read."""

from django.conf import settings

from config.asgi import application as asgi  # noqa: F401 - served by gunicorn (uvicorn's workers)
from config.wsgi import application as wsgi  # noqa: F401 - served by gunicorn

settings.ROOT_URLCONF = "bench.http_urls"
