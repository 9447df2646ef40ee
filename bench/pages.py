"""Page and endpoint speed over the demo wards: median and p95 per request, and queries per request.

    .venv/bin/python bench/pages.py [--repeat 30] [--scale province [--wards 126 --cells 40 --members 1500]]

Loads the demo into a throw-away SQLite database (or the PostgreSQL named by DATABASE_URL, whose database is
used as is: point it at a scratch database), then times each page through Django's test client, in-process, as
the ward clerk `saidong`, the chi bộ secretary `saidong-bithu`, the level above `longbien` and `admin`: median and
p95 ms, queries, KiB of HTML (or JSON, or the file). With `--scale province` it then writes a province of 126 wards
beside the demo (manage.py generate_scale) and times every page again, the level above being the province's viewer
`scale-province`: both side by side, with the ratio (issue 15: no page may grow with the number of wards).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Not this folder: bench/http.py would stand in for the standard library's http.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"
os.environ.setdefault("DANGVU_VAR_DIR", tempfile.mkdtemp(prefix="dangvu-bench-"))
os.environ["AXES_ENABLED"] = "0"

import warnings  # noqa: E402

import django  # noqa: E402

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
    """(median ms, p95 ms, queries, KiB, status) of GET `path`."""
    start = time.perf_counter()
    response = client.get(path, **(headers or {}))  # warm up
    slow = time.perf_counter() - start > 2  # a page of seconds is timed 3 times, not 30
    timings = []
    for _ in range(1 if response.status_code != 200 else min(repeat, 3) if slow else repeat):
        start = time.perf_counter()
        response = client.get(path, **(headers or {}))
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **(headers or {}))
    timings.sort()
    size = len(response.content) if not getattr(response, "streaming", False) else 0
    return (statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(queries), size / 1024,
            response.status_code)


def pages_of(username):
    """The pages timed for `username`: the lists, and the pages of the first ward they see (its unit page, a person,
    a member decision's paper when the ward has one)."""
    from accounts.models import User
    from org.models import Organization, Person

    user = User.objects.get(username=username)
    wards = Organization.objects.for_user(user, "org.view").wards().order_by("path")
    ward = wards.filter(code="saidong").first() or wards.first()
    person = Person.objects.filter(organization=ward).order_by("sort_name").first()
    decision = (Document.objects.filter(organization=ward).exclude(member_event=None).order_by("-issued_on").first())
    pages = [
        ("dashboard", "/"),
        ("organization tree", "/organizations/"),
        ("ward page", f"/organizations/{ward.pk}/"),
        ("people list", "/people/"),
        ("people search 'nguyen van'", "/people/?q=nguyen+van"),
        ("person page", f"/people/{person.pk}/" if person else None),
        ("positions on 28/12/2020", "/positions/?on=28/12/2020"),
        ("audit page", "/audit/"),
        ("API organizations", "/api/v1/organizations"),
        ("API people?q=nguyen", "/api/v1/people?q=nguyen"),
        ("API person history", f"/api/v1/people/{person.pk}/history" if person else None),
        ("members: fees unpaid list", "/members/?list=fees_unpaid"),
        ("members: badge list", "/members/?list=badges"),
        ("register sequences", "/documents/sequences/"),
        ("member list (on the roll)", "/members/"),
        ("member search 'nguyen'", "/members/?q=nguyen"),
        ("member list of one ward", f"/members/?ward={ward.pk}"),
        ("member export", "/members/export.xlsx"),
        ("document list", "/documents/"),
        ("meeting list", "/meetings/"),
        ("a member decision's paper (PDF)", f"/documents/{decision.pk}/paper/?format=pdf" if decision else None),
        ("API register sequences", "/api/v1/documents/sequences"),
    ]
    return [(name, path) for name, path in pages if path]


# An export holds every row of the scope (a province: 189,000 members, minutes of CPU): a download, not a page.
EXPORTS = {"member export"}


def time_pages(username, repeat, skip=()):
    """{page name: figures} for `username`, through the pages and (with a token) the API."""
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    token = Client().post(
        "/api/v1/auth/token", {"username": username, "password": "dangvu-demo"}, content_type="application/json"
    ).json()["token"]
    figures = {}
    for name, path in pages_of(username):
        if name in skip:
            continue
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if path.startswith("/api/") else None
        figures[name] = measure(client, path, repeat, headers)
    return figures


# (who, the demo's persona, the same role at the province): the province's level above is its Thành ủy's viewer.
PERSONAS = (("ward clerk", "saidong", "saidong"), ("chi bộ secretary", "saidong-bithu", "saidong-bithu"),
            ("level above", "longbien", "scale-province"), ("admin", "admin", "admin"))


def _figures(values) -> str:
    median, p95, queries, kib, status = values
    flag = "" if status == 200 else f" [{status}]"
    return f"{median:8.1f} {p95:8.1f} {queries:4d} {kib:7.0f}{flag}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scale", choices=["demo", "province"], default="demo",
                        help="province: time at the demo, write a province beside it (generate_scale), time again")
    parser.add_argument("--wards", type=int, default=126)
    parser.add_argument("--cells", type=int, default=40)
    parser.add_argument("--members", type=int, default=1500)
    args = parser.parse_args()

    from org.models import Organization

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    print(f"load_demo: {time.perf_counter() - start:.1f} s on {connection.vendor}")
    if args.scale == "province" and Organization.objects.filter(code="scale").exists():
        raise SystemExit("This database holds a province already: point the benchmark at a fresh one.")
    demo = {who: time_pages(username, args.repeat) for who, username, _ in PERSONAS}
    if args.scale == "demo":
        print(f"{'page':32} {'persona':17} {'median':>8} {'p95':>8} {'q':>4} {'KiB':>7}")
        for who, values in demo.items():
            for name, figures in values.items():
                print(f"{name:32} {who:17} {_figures(figures)}")
        return
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("generate_scale", wards=args.wards, cells=args.cells, members=args.members, stdout=quiet)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generate_scale: {args.wards} wards × {args.cells} chi bộ × {args.members} members in "
          f"{time.perf_counter() - start:.0f} s")
    province = {who: time_pages(username, args.repeat, skip=EXPORTS if who in ("level above", "admin") else ())
                for who, _, username in PERSONAS}
    print(f"{'page':32} {'persona':17} | {'demo: median':>12} {'p95':>8} {'q':>4} {'KiB':>7} | "
          f"{'province: median':>16} {'p95':>8} {'q':>4} {'KiB':>7} | ratio")
    for who, _, _ in PERSONAS:
        for name, figures in province[who].items():
            before = demo[who].get(name)
            if before is None:
                continue
            ratio = figures[0] / before[0] if before[0] else 0
            print(f"{name:32} {who:17} | {_figures(before):>33} | {_figures(figures):>37} | {ratio:5.1f}×")


if __name__ == "__main__":
    main()
