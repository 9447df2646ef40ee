"""Dashboard speed at a province's scale (issue 13): the ward's dashboard and the level above's, against hand-written
SQL computing the same figures.

    .venv/bin/python bench/dashboard.py [--wards 126] [--cells 40] [--members 1500] [--years 1] [--repeat 15]
    scripts/with-postgres.sh .venv/bin/python bench/dashboard.py

Without DATABASE_URL: a throw-away SQLite file under a fresh temporary DANGVU_VAR_DIR. With DATABASE_URL: that
database is used as is (point it at a scratch one; scripts/with-postgres.sh starts one and throws it away). Then:
1. `manage.py generate_scale` writes the province (default 126 wards × 40 chi bộ × 1,500 members: 189,000 members,
   their chi bộ's monthly meetings, a work program with tasks and targets), timed.
2. For one ward (login scale-ward-1, a ward clerk) and for the province (scale-province, the level above, 126 wards
   side by side), GET / through Django's test client in this process, after one warm-up: the server time per request
   (median and p95 of --repeat), the number of queries, and whether it grows with the wards (the province's count
   against a ward's).
3. Hand-written SQL (one statement per figure, grouped by the ward's path prefix, no ORM) computing the same
   per-ward figures the dashboard shows for the province; timed the same way; the ratio of the dashboard's time to
   it. The figures of both are compared, ward by ward, so the comparison is of the same work.
"""

import argparse
import datetime
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

import warnings

import django

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
setup_test_environment()  # the responses carry their context (the rows compared below)

FIGURES = ("members", "overdue", "probation_ending", "meetings", "cells_not_met", "tasks_open", "tasks_overdue",
           "tasks_done")


def timed(function, repeat: int) -> tuple[float, float]:
    """(median, p95) in ms, after one warm-up call."""
    function()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def page(username: str, repeat: int) -> tuple[float, float, int, list]:
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))

    def get():
        response = client.get("/")
        assert response.status_code == 200, response.status_code
        return response

    median, p95 = timed(get, repeat)
    with CaptureQueriesContext(connection) as queries:
        rows = get().context["rows"]
    return median, p95, len(queries.captured_queries), rows


def hand_sql(root_path: str, ward_length: int) -> dict:
    """The province's per-ward figures in plain SQL: {ward path: {figure: n}}."""
    from members.models import ON_ROLL, Status
    from work.models import OPEN, TaskStatus

    today = timezone.localdate()
    year_start = timezone.make_aware(datetime.datetime(today.year, 1, 1))
    year_end = timezone.make_aware(datetime.datetime(today.year + 1, 1, 1))
    month_start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time()))
    day_end = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    soon = today + datetime.timedelta(days=30)
    prefix = f"SUBSTR(o.path, 1, {ward_length})"
    like = root_path + "%"
    on_roll = tuple(str(status) for status in ON_ROLL)
    open_ = tuple(str(status) for status in OPEN)
    done = (str(TaskStatus.DONE), str(TaskStatus.DONE_LATE))

    def marks(values):
        return ", ".join(["%s"] * len(values))

    statements = {
        "members": (f"SELECT {prefix}, COUNT(*) FROM members_partymember m JOIN org_organization o ON o.id = "
                    f"m.organization_id WHERE o.path LIKE %s AND m.status IN ({marks(on_roll)}) GROUP BY 1",
                    [like, *on_roll]),
        "overdue": (f"SELECT {prefix}, COUNT(*) FROM members_partymember m JOIN org_organization o ON o.id = "
                    f"m.organization_id WHERE o.path LIKE %s AND m.next_due_on < %s GROUP BY 1", [like, today]),
        "probation_ending": (f"SELECT {prefix}, COUNT(*) FROM members_partymember m JOIN org_organization o ON o.id = "
                             f"m.organization_id WHERE o.path LIKE %s AND m.status = %s AND m.probation_ends_on "
                             f"BETWEEN %s AND %s GROUP BY 1", [like, str(Status.PROBATIONARY), today, soon]),
        "meetings": (f"SELECT {prefix}, COUNT(*) FROM meetings_meeting e JOIN org_organization o ON o.id = "
                     f"e.organization_id WHERE o.path LIKE %s AND e.starts_at >= %s AND e.starts_at < %s GROUP BY 1",
                     [like, year_start, year_end]),
        "cells_not_met": (f"SELECT {prefix}, COUNT(*) FROM org_organization o WHERE o.path LIKE %s AND o.kind = %s "
                          f"AND NOT EXISTS (SELECT 1 FROM meetings_meeting e WHERE e.organization_id = o.id AND "
                          f"e.kind IN ('cell_monthly', 'cell_themed') AND e.starts_at >= %s AND e.starts_at < %s) "
                          f"GROUP BY 1", [like, "cell", month_start, day_end]),
        "tasks_open": (f"SELECT {prefix}, COUNT(*) FROM work_task t JOIN org_organization o ON o.id = t.lead_unit_id "
                       f"WHERE o.path LIKE %s AND t.status IN ({marks(open_)}) AND NOT EXISTS (SELECT 1 FROM "
                       f"work_task n WHERE n.carried_from_id = t.id) GROUP BY 1", [like, *open_]),
        "tasks_overdue": (f"SELECT {prefix}, COUNT(*) FROM work_task t JOIN org_organization o ON o.id = "
                          f"t.lead_unit_id WHERE o.path LIKE %s AND t.status IN ({marks(open_)}) AND t.due_on < %s "
                          f"AND NOT EXISTS (SELECT 1 FROM work_task n WHERE n.carried_from_id = t.id) GROUP BY 1",
                          [like, *open_, today]),
        "tasks_done": (f"SELECT {prefix}, COUNT(*) FROM work_task t JOIN org_organization o ON o.id = t.lead_unit_id "
                       f"WHERE o.path LIKE %s AND t.status IN (%s, %s) AND t.completed_on >= %s AND t.completed_on "
                       f"<= %s GROUP BY 1", [like, *done, datetime.date(today.year, 1, 1),
                                             datetime.date(today.year, 12, 31)]),
    }
    result = {}
    with connection.cursor() as cursor:
        for figure, (sql, params) in statements.items():
            cursor.execute(sql, params)
            for path, count in cursor.fetchall():
                result.setdefault(path, {})[figure] = count
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wards", type=int, default=126)
    parser.add_argument("--cells", type=int, default=40)
    parser.add_argument("--members", type=int, default=1500)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
          .rstrip(), flush=True)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("generate_scale", wards=args.wards, cells=args.cells, members=args.members, years=args.years)
    print(f"generate_scale: {time.perf_counter() - start:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    from org.models import Organization

    root = Organization.objects.get(code="scale")
    ward_length = len(root.path) + Organization.steplen
    print(f"\n{'page':<28} {'median ms':>10} {'p95 ms':>10} {'queries':>8}")
    ward_median, ward_p95, ward_queries, _rows = page("scale-ward-1", args.repeat)
    print(f"{'one ward (scale-ward-1)':<28} {ward_median:>10.1f} {ward_p95:>10.1f} {ward_queries:>8}")
    median, p95, queries, rows = page("scale-province", args.repeat)
    print(f"{f'province ({len(rows)} wards)':<28} {median:>10.1f} {p95:>10.1f} {queries:>8}")

    hand = hand_sql(root.path, ward_length)
    differences = [(row["unit"].name, figure, row[figure], hand.get(row["unit"].path, {}).get(figure, 0))
                   for row in rows for figure in FIGURES
                   if row[figure] != hand.get(row["unit"].path, {}).get(figure, 0)]
    hand_median, hand_p95 = timed(lambda: hand_sql(root.path, ward_length), args.repeat)
    print(f"{'hand SQL, same figures':<28} {hand_median:>10.1f} {hand_p95:>10.1f} {len(FIGURES):>8}")
    print(f"\nprovince dashboard / hand SQL (median): {median / hand_median:.1f}×")
    print(f"queries: one ward {ward_queries}, province {queries} ({len(rows)} wards)")
    print(f"figures compared ({', '.join(FIGURES)}) for {len(rows)} wards: "
          f"{'all equal' if not differences else f'{len(differences)} differ, e.g. {differences[:3]}'}")


if __name__ == "__main__":
    main()
