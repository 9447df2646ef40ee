"""Page and endpoint speed over the demo wards: median and p95 per request, and queries per request.

    .venv/bin/python bench/pages.py [--repeat 30]

Loads the demo into a throw-away SQLite database (or the PostgreSQL named by DATABASE_URL, whose database is
used as is: point it at a scratch database), then times each page through Django's test client, in-process, as
the ward clerk `saidong`, the level above `longbien` and `admin`. Prints one line per page and persona.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"
os.environ.setdefault("DANGVU_VAR_DIR", tempfile.mkdtemp(prefix="dangvu-bench-"))
os.environ["AXES_ENABLED"] = "0"

import warnings

import django

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from documents.models import Document  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
# No collectstatic here: serve static URLs unhashed (the pages' HTML is what is timed, not the files).
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def measure(client, path, repeat, headers=None):
    client.get(path, **(headers or {}))  # warm up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path, **(headers or {}))
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **(headers or {}))
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from org.models import Organization, Person

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    print(f"load_demo: {time.perf_counter() - start:.1f} s on {connection.vendor}")

    ward = Organization.objects.get(code="saidong")
    person = Person.objects.filter(organization=ward).first()
    decision = Document.objects.filter(organization=ward).exclude(member_event=None).latest("issued_on")
    pages = [
        ("dashboard", "/"),
        ("organization tree", "/organizations/"),
        ("ward page", f"/organizations/{ward.pk}/"),
        ("people list", "/people/"),
        ("people search 'nguyen van'", "/people/?q=nguyen+van"),
        ("person page", f"/people/{person.pk}/"),
        ("positions on 28/12/2020", "/positions/?on=28/12/2020"),
        ("audit page", "/audit/"),
        ("API organizations", "/api/v1/organizations"),
        ("API people?q=nguyen", "/api/v1/people?q=nguyen"),
        ("API person history", f"/api/v1/people/{person.pk}/history"),
        ("members: fees unpaid list", "/members/?list=fees_unpaid"),
        ("members: badge list", "/members/?list=badges"),
        ("register sequences", "/documents/sequences/"),
        ("member list (on the roll)", "/members/"),
        ("member list of Sài Đồng", f"/members/?ward={ward.pk}"),
        ("member export", "/members/export.xlsx"),
        ("document list", "/documents/"),
        ("meeting list", "/meetings/"),
        ("a member decision's paper (PDF)", f"/documents/{decision.pk}/paper/?format=pdf"),
        ("API register sequences", "/api/v1/documents/sequences"),
    ]
    print(f"{'page':30} {'persona':10} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for username in ("saidong", "saidong-bithu", "longbien", "admin"):
        from accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        token = Client().post(
            "/api/v1/auth/token", {"username": username, "password": "dangvu-demo"}, content_type="application/json"
        ).json()["token"]
        for name, path in pages:
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if path.startswith("/api/") else None
            median, p95, queries = measure(client, path, args.repeat, headers)
            print(f"{name:30} {username:10} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
