"""Dashboard speed at a province's scale (issue 13): the ward's dashboard and the level above's, against hand-written
SQL computing the same figures.

    .venv/bin/python bench/dashboard.py [--wards 126] [--cells 40] [--members 1500] [--years 1] [--repeat 15]
    scripts/with-postgres.sh .venv/bin/python bench/dashboard.py

Without DATABASE_URL: a throw-away SQLite file under a fresh temporary DANGVU_VAR_DIR (or the one given). With
DATABASE_URL: that database is used as is (point it at a scratch one; scripts/with-postgres.sh starts one and throws
it away). Then:
1. `manage.py generate_scale` writes the province (default 126 wards × 40 chi bộ × 1,500 members: 189,000 members,
   their chi bộ's monthly meetings, a work program with tasks and targets), timed.
2. For one ward (login scale-ward-1, a ward clerk) and for the province (scale-province, the level above, 126 wards
   side by side), GET / through Django's test client in this process, after one warm-up: the server time per request
   (median and p95 of --repeat), the number of queries, and whether it grows with the wards (the province's count
   against a ward's). The province twice: its wards' figures kept (dashboard.table: as a page is read most of the
   time), then every ward counted at every request (the kept figures emptied before each).
3. Hand-written SQL (one statement per figure, grouped by the ward's path prefix, no ORM) computing every per-ward
   figure the dashboard computes for the province (the table's columns, the totals' unit counts, members and tasks
   by status, the targets' standings from their latest actuals and the records); timed the same way; the ratio of
   the dashboard's time to it. The figures of both are compared, ward by ward, so the comparison is of the same
   work.
"""

import argparse
import datetime
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

import warnings  # noqa: E402

import django  # noqa: E402

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

FIGURES = ("members", "overdue", "probation_ending", "meetings", "cells_not_met", "documents", "tasks_open",
           "tasks_overdue", "tasks_done", "targets", "targets_achieved", "targets_behind", "organizations",
           "committees", "people", "positions", "members_by_status", "tasks_by_status", "inspections_planned",
           "inspections_done", "follow_ups_overdue")


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


def page(username: str, repeat: int, *, counted: bool = False) -> tuple[float, float, int, list]:
    """`counted`: each request counts every ward, the kept figures (dashboard.table) emptied before it (that
    DELETE of one row per ward is in the time)."""
    from accounts.models import User
    from dashboard.models import KeptFigures

    client = Client()
    client.force_login(User.objects.get(username=username))

    def get():
        if counted:
            KeptFigures.objects.all().delete()
        response = client.get("/")
        assert response.status_code == 200, response.status_code
        return response

    median, p95 = timed(get, repeat)
    with CaptureQueriesContext(connection) as queries:
        rows = get().context["rows"]
    return median, p95, len(queries.captured_queries), rows


def hand_sql(root_path: str, ward_length: int) -> tuple[dict, int]:
    """The province's per-ward figures in plain SQL, every figure the page computes, and the number of statements:
    ({ward path: {figure: n}}, n), with
    {status: n} for members_by_status and tasks_by_status. Written as a person would: join each table to the
    organisations, group by the ward's path prefix; the targets' standings from their latest actual or from the
    records (the same rules as work/targets.py, in SQL)."""
    from inspections.models import InspectionStatus
    from members.models import ON_ROLL, EventKind, Status
    from work.models import OPEN, Indicator, TaskStatus
    from work.targets import elapsed_share

    today = timezone.localdate()
    year = today.year
    first_day, last_day = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    year_start = timezone.make_aware(datetime.datetime(year, 1, 1))
    year_end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    month_start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time()))
    day_end = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    soon = today + datetime.timedelta(days=30)
    ward = f"SUBSTR(o.path, 1, {ward_length})"
    like = root_path + "%"
    open_ = tuple(str(status) for status in OPEN)
    done = (str(TaskStatus.DONE), str(TaskStatus.DONE_LATE))
    admissions = (str(EventKind.ADMISSION_DECISION), str(EventKind.READMISSION_DECISION))
    not_carried = "NOT EXISTS (SELECT 1 FROM work_task n WHERE n.carried_from_id = t.id)"

    def marks(values):
        return ", ".join(["%s"] * len(values))

    def per_ward(table, alias, column="organization_id"):
        return f"SELECT {ward}, COUNT(*) FROM {table} {alias} JOIN org_organization o ON o.id = {alias}.{column} "

    statements = {
        "members_by_status": (f"SELECT {ward}, m.status, COUNT(*) FROM members_partymember m JOIN org_organization o "
                              f"ON o.id = m.organization_id WHERE o.path LIKE %s GROUP BY 1, 2", [like]),
        "overdue": (per_ward("members_partymember", "m") + "WHERE o.path LIKE %s AND m.next_due_on < %s GROUP BY 1",
                    [like, today]),
        "probation_ending": (per_ward("members_partymember", "m") + "WHERE o.path LIKE %s AND m.status = %s AND "
                             "m.probation_ends_on BETWEEN %s AND %s GROUP BY 1",
                             [like, str(Status.PROBATIONARY), today, soon]),
        "meetings": (per_ward("meetings_meeting", "e") + "WHERE o.path LIKE %s AND e.starts_at >= %s AND "
                     "e.starts_at < %s GROUP BY 1", [like, year_start, year_end]),
        "cells_not_met": (f"SELECT {ward}, COUNT(*) FROM org_organization o WHERE o.path LIKE %s AND o.kind = %s "
                          f"AND (o.valid_from IS NULL OR o.valid_from <= %s) AND (o.valid_until IS NULL OR "
                          f"o.valid_until >= %s) AND NOT EXISTS (SELECT 1 FROM meetings_meeting e WHERE "
                          f"e.organization_id = o.id AND e.kind IN ('cell_monthly', 'cell_themed') AND e.starts_at >= "
                          f"%s AND e.starts_at < %s) GROUP BY 1", [like, "cell", today, today, month_start, day_end]),
        "documents": (per_ward("documents_document", "d") + "WHERE o.path LIKE %s AND (d.issued_on BETWEEN %s AND %s "
                      "OR d.received_on BETWEEN %s AND %s) GROUP BY 1",
                      [like, first_day, last_day, first_day, last_day]),
        "tasks_open": (per_ward("work_task", "t", "lead_unit_id") + f"WHERE o.path LIKE %s AND t.status IN "
                       f"({marks(open_)}) AND {not_carried} GROUP BY 1", [like, *open_]),
        "tasks_overdue": (per_ward("work_task", "t", "lead_unit_id") + f"WHERE o.path LIKE %s AND t.status IN "
                          f"({marks(open_)}) AND t.due_on < %s AND {not_carried} GROUP BY 1", [like, *open_, today]),
        "tasks_done": (per_ward("work_task", "t", "lead_unit_id") + "WHERE o.path LIKE %s AND t.status IN (%s, %s) AND "
                       "t.completed_on BETWEEN %s AND %s GROUP BY 1", [like, *done, first_day, last_day]),
        "tasks_by_status": (f"SELECT {ward}, t.status, COUNT(*) FROM work_task t JOIN org_organization o ON o.id = "
                            f"t.lead_unit_id WHERE o.path LIKE %s AND t.period_start BETWEEN %s AND %s AND "
                            f"{not_carried} GROUP BY 1, 2", [like, first_day, last_day]),
        "organizations": (f"SELECT {ward}, COUNT(*) FROM org_organization o WHERE o.path LIKE %s GROUP BY 1", [like]),
        "committees": (per_ward("org_committee", "c") + "WHERE o.path LIKE %s GROUP BY 1", [like]),
        "people": (per_ward("org_person", "p") + "WHERE o.path LIKE %s GROUP BY 1", [like]),
        "positions": (per_ward("org_position", "p") + "WHERE o.path LIKE %s AND p.start_date <= %s AND (p.end_date IS "
                      "NULL OR p.end_date >= %s) GROUP BY 1", [like, today, today]),
        "inspections_planned": (per_ward("inspections_inspection", "i", "ward_id") + "WHERE o.path LIKE %s AND "
                                "i.year = %s AND i.status <> %s GROUP BY 1",
                                [like, year, str(InspectionStatus.CANCELLED)]),
        "inspections_done": (per_ward("inspections_inspection", "i", "ward_id") + "WHERE o.path LIKE %s AND "
                             "i.year = %s AND i.status = %s GROUP BY 1", [like, year, str(InspectionStatus.CONCLUDED)]),
        "follow_ups_overdue": (f"SELECT {ward}, COUNT(*) FROM inspections_followup f JOIN inspections_inspection i "
                               f"ON i.id = f.inspection_id JOIN org_organization o ON o.id = i.ward_id WHERE o.path "
                               f"LIKE %s AND f.done_on IS NULL AND f.due_on < %s GROUP BY 1", [like, today]),
        # Each target valued by its latest actual, or by the records for what the system counts; then its standing.
        "targets": (f"""
            WITH admitted AS (SELECT {ward} AS ward, COUNT(*) AS n FROM members_membershipevent v
                JOIN org_organization o ON o.id = v.organization_id
                WHERE o.path LIKE %s AND v.kind IN (%s, %s) AND v.effective_date BETWEEN %s AND %s GROUP BY 1),
            recognised AS (SELECT {ward} AS ward, COUNT(*) AS n FROM members_membershipevent v
                JOIN org_organization o ON o.id = v.organization_id
                WHERE o.path LIKE %s AND v.kind = %s AND v.effective_date BETWEEN %s AND %s GROUP BY 1),
            held AS (SELECT {ward} AS ward, COUNT(*) AS n FROM meetings_meeting e
                JOIN org_organization o ON o.id = e.organization_id
                WHERE o.path LIKE %s AND e.starts_at >= %s AND e.starts_at < %s GROUP BY 1),
            latest AS (SELECT target_id, value FROM (SELECT x.target_id, x.value, ROW_NUMBER() OVER (
                PARTITION BY x.target_id ORDER BY x.day DESC, x.created DESC) AS k FROM work_actual x) ranked
                WHERE k = 1),
            valued AS (SELECT o.path AS ward, t.target_value AS goal, t.more_is_better AS more,
                CASE t.indicator WHEN %s THEN COALESCE(a.n, 0) WHEN %s THEN COALESCE(r.n, 0)
                    WHEN %s THEN COALESCE(h.n, 0) ELSE l.value END AS actual
                FROM work_target t JOIN org_organization o ON o.id = t.ward_id
                LEFT JOIN latest l ON l.target_id = t.id LEFT JOIN admitted a ON a.ward = o.path
                LEFT JOIN recognised r ON r.ward = o.path LEFT JOIN held h ON h.ward = o.path
                WHERE o.path LIKE %s AND t.year = %s)
            SELECT ward, COUNT(*),
                SUM(CASE WHEN actual IS NOT NULL AND ((more AND actual >= goal) OR (NOT more AND actual <= goal))
                    THEN 1 ELSE 0 END),
                SUM(CASE WHEN actual IS NOT NULL AND ((more AND actual * 100 < %s * goal)
                                                      OR (NOT more AND actual > goal)) THEN 1 ELSE 0 END)
            FROM valued GROUP BY ward""",
                    [like, *admissions, first_day, today, like, str(EventKind.RECOGNITION_DECISION), first_day, today,
                     like, year_start, day_end, str(Indicator.MEMBERS_ADMITTED), str(Indicator.MEMBERS_RECOGNISED),
                     str(Indicator.MEETINGS_HELD), like, year, float(elapsed_share(year, today))]),
    }
    result = {}
    with connection.cursor() as cursor:
        for figure, (sql, params) in statements.items():
            cursor.execute(sql, params)
            for path, *values in cursor.fetchall():
                figures = result.setdefault(path, {})
                if figure == "targets":
                    figures.update(zip(("targets", "targets_achieved", "targets_behind"), map(int, values),
                                       strict=True))
                elif len(values) == 2:
                    figures.setdefault(figure, {})[values[0]] = values[1]
                else:
                    figures[figure] = values[0]
    for figures in result.values():
        figures["members"] = sum(n for status, n in figures.get("members_by_status", {}).items() if status in ON_ROLL)
    return result, len(statements)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wards", type=int, default=126)
    parser.add_argument("--cells", type=int, default=40)
    parser.add_argument("--members", type=int, default=1500)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--existing", action="store_true",
                        help="measure the province a previous run left in the database (DANGVU_VAR_DIR or DATABASE_URL "
                             "pointing at it) instead of generating one")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
          .rstrip(), flush=True)
    call_command("migrate", verbosity=0)
    if not args.existing:
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
    print(f"{'province, figures kept':<28} {median:>10.1f} {p95:>10.1f} {queries:>8}")
    counted_median, counted_p95, counted_queries, _rows = page("scale-province", args.repeat, counted=True)
    print(f"{'province, every ward counted':<28} {counted_median:>10.1f} {counted_p95:>10.1f} {counted_queries:>8}")

    hand, statements = hand_sql(root.path, ward_length)
    def by_hand(row, figure):
        return hand.get(row["unit"].path, {}).get(figure, {} if figure.endswith("_by_status") else 0)

    differences = [(row["unit"].name, figure, row[figure], by_hand(row, figure))
                   for row in rows for figure in FIGURES if row[figure] != by_hand(row, figure)]
    hand_median, hand_p95 = timed(lambda: hand_sql(root.path, ward_length), args.repeat)
    print(f"{'hand SQL, same figures':<28} {hand_median:>10.1f} {hand_p95:>10.1f} {statements:>8}")
    print(f"\nprovince dashboard / hand SQL (median): kept {median / hand_median:.1f}×, "
          f"counted {counted_median / hand_median:.1f}×")
    print(f"queries: one ward {ward_queries}, province {queries} ({len(rows)} wards)")
    print(f"figures compared ({', '.join(FIGURES)}) for {len(rows)} wards: "
          f"{'all equal' if not differences else f'{len(differences)} differ, e.g. {differences[:3]}'}")


if __name__ == "__main__":
    main()
