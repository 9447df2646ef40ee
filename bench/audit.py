"""Audit log speed at national size (issue 15): the history of one record and one unit's audit page, over N log rows
partitioned by month on PostgreSQL.

    scripts/with-postgres.sh .venv/bin/python bench/audit.py [--rows N] [--months M] [--samples S] [--seed S]
    scripts/with-postgres.sh .venv/bin/python bench/audit.py --rows 50000000

PostgreSQL only (the log is partitioned there; SQLite keeps one table and serves one ward). The database in
DATABASE_URL is used as is: point it at a scratch database (scripts/with-postgres.sh starts one and throws it away).
It refuses a database whose log holds a row already.

1. Migrates, and generates a province with demo.scale (126 wards of 30 chi bộ, its UBND and MTTQ: 4,033 units, a
   clerk per ward: "scale-ward-1" …), unless the database holds it already.
2. Creates the log's monthly partitions for the M months up to this one and the next ones, with the project's command
   (`audit_partitions --since`), then fills N rows over those months by COPY (psycopg), in the order they would have
   been written (ids rising with time): each row the change or the view of one of N / 20 records (a Party member's
   dossier most often, then people, meetings, documents, tasks, units …; some records far busier than others) of a
   unit of the province (a ward's own committee more often than its chi bộ), by one of the wards' clerks, with an
   action its app registers. The log's indexes and foreign keys are dropped for the load and created again after it
   (as a restore does), then VACUUM ANALYZE (autovacuum would, in production).
3. Times, S samples each (each sample another record, another ward), after S / 5 warm-up samples:
     history        audit.history.history_for(): the history a record's page shows (50 newest rows)
     ward, page 1   GET /audit/?organization=<ward> as the ward's clerk: the ward's log (its 34 units), newest first
     ward, page 10  the same, the 10th page, reached through the cursor of the 9th ("Cũ hơn ›")
     ward, 30 months back   the same with a cursor 30 months back (a page deep in time)
     chi bộ, page 1 GET /audit/?organization=<chi bộ>: one chi bộ's log
   and prints median and p95 in ms (server time: the test client, the view, its queries, the template; and the part
   spent waiting for the database, every query of the request), the queries a request makes, the sizes of the table
   and of its indexes, and the plan of each query (EXPLAIN ANALYZE, BUFFERS).
"""

import argparse
import datetime
import io
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

# The project first; not this folder (bench/http.py would stand for the standard library's http, and this file for
# the audit app).
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"  # a generated secret key; nothing else of the demo is used
os.environ["DANGVU_VAR_DIR"] = tempfile.mkdtemp(prefix="dangvu-bench-")
os.environ["AXES_ENABLED"] = "0"

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402

settings.STORAGES = {  # the templates name static files; no collectstatic manifest in a bench
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.apps import apps  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from audit import partitions  # noqa: E402
from audit.actions import ACTION_LABELS  # noqa: E402
from audit.history import history_for  # noqa: E402
from audit.models import LogEntry  # noqa: E402
from org.models import Kind, Organization  # noqa: E402

TABLE = partitions.TABLE
BATCH = 100_000
WARDS, CELLS = 126, 30
# (model, share of the rows, the apps' action prefixes used for it)
RECORDS = [
    ("members.partymember", 40, ("members.dossier.", "members.member.", "members.event.", "members.fee.")),
    ("org.person", 15, ("org.person.",)),
    ("meetings.meeting", 10, ("meetings.meeting.", "meetings.minutes.", "meetings.decision.")),
    ("documents.document", 12, ("documents.document.",)),
    ("work.task", 10, ("work.task.",)),
    ("work.target", 3, ("work.target.",)),
    ("inspections.inspection", 4, ("inspections.inspection.",)),
    ("org.organization", 2, ("org.organization.",)),
    ("org.position", 2, ("org.position.",)),
    ("commendations.commendation", 2, ("commendations.commendation.",)),
]
DATA = [
    {},
    {"changes": {"status": {"old": "probationary", "new": "official"}}},
    {"changes": {"phone": {"old": "*******123", "new": "*******456"}}},
    {"changes": {"note": {"old": "", "new": "Bổ sung lý lịch theo hướng dẫn của Ban Tổ chức"}}},
    {"changes": {"title": {"old": "Dự thảo", "new": "Nghị quyết về nhiệm vụ tháng"}}},
    {"file": "bao-cao-thang.pdf", "format": "pdf"},
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=60, help="months of log up to this one (default 5 years)")
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true",
                        help="time the rows a previous run of the bench loaded into this database (no load)")
    return parser.parse_args()


def say(text: str) -> None:
    print(text, flush=True)


def province() -> None:
    if not Organization.objects.filter(code="scale").exists():
        started = time.perf_counter()
        call_command("generate_scale", wards=WARDS, cells=CELLS, members=4 * CELLS, years=1, stdout=io.StringIO())
        say(f"province generated in {time.perf_counter() - started:.0f} s")


class Pool:
    """The records the log speaks of, the units they belong to and who acts on them."""

    def __init__(self, rng: random.Random, rows: int):
        self.rng = rng
        units = list(Organization.objects.filter(path__startswith=Organization.objects.get(code="scale").path)
                     .exclude(code="scale").values_list("pk", "kind"))
        # A ward's own committee writes and reads more than any of its chi bộ.
        self.units = [str(pk) for pk, kind in units for _ in range(8 if kind == Kind.WARD_COMMITTEE else 1)]
        self.clerks = list(User.objects.filter(username__startswith="scale-ward-").values_list("pk", "username"))
        kinds, weights = [], []
        for label, weight, prefixes in RECORDS:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            actions = [name for name in ACTION_LABELS if name.startswith(prefixes)]
            if actions:
                kinds.append((ContentType.objects.get_for_model(model).pk, model, actions))
                weights.append(weight)
        self.kinds = kinds
        count = max(1000, rows // 20)
        self.records = []  # (content type id, object id, repr, unit, actions)
        for index in range(count):
            ct, model, actions = rng.choices(kinds, weights)[0]
            repr_ = f"{model._meta.verbose_name} {index}".replace("\t", " ")
            self.records.append((ct, str(uuid.UUID(int=rng.getrandbits(128))), repr_, rng.choice(self.units),
                                 actions))
        self.data = [json.dumps(value, ensure_ascii=False) for value in DATA]

    def record(self) -> tuple:
        """A record, some far busier than others (the first of the list most)."""
        return self.records[int(len(self.records) * self.rng.random() ** 2)]


def definitions(cursor) -> tuple[list[str], list[tuple[str, str]]]:
    cursor.execute("SELECT pg_get_indexdef(indexrelid), indisprimary FROM pg_index WHERE indrelid = %s::regclass",
                   [TABLE])
    indexes = [definition.replace(" ON ONLY ", " ON ") for definition, primary in cursor.fetchall() if not primary]
    cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                   "AND contype IN ('f', 'p') ORDER BY contype DESC", [TABLE])
    return indexes, cursor.fetchall()


def load(rows: int, months: int, rng: random.Random) -> None:
    pool = Pool(rng, rows)
    say(f"{len(pool.units)} unit slots, {len(pool.clerks)} clerks, {len(pool.records):,} records of "
        f"{len(pool.kinds)} kinds")
    this_month = partitions.month_of(datetime.datetime.now(datetime.UTC))
    first = partitions.add_months(this_month, -(months - 1))
    call_command("audit_partitions", since=f"{first:%Y-%m}", ahead=3, stdout=io.StringIO())
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=partitions.zone()).timestamp()
    span = time.time() - 3600 - start
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        indexes, constraints = definitions(cursor)
        for name, _ in constraints:
            cursor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT {name}")
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass", [TABLE])
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP INDEX {name}")
    started = time.perf_counter()
    columns = ("id, created, actor_repr, action, object_id, object_repr, data, actor_id, content_type_id, "
               "organization_id")
    utc, random_ = datetime.UTC, rng.random
    raw = connection.connection  # psycopg's own connection: COPY
    for batch_start in range(0, rows, BATCH):
        lines = []
        for number in range(batch_start, min(rows, batch_start + BATCH)):
            ct, object_id, repr_, unit, actions = pool.record()
            actor_id, actor = pool.clerks[int(random_() * len(pool.clerks))]
            created = datetime.datetime.fromtimestamp(start + (number + random_()) * span / rows, utc).isoformat()
            lines.append(f"{number + 1}\t{created}\t{actor}\t{actions[int(random_() * len(actions))]}\t{object_id}\t"
                         f"{repr_}\t{pool.data[int(random_() * len(pool.data))]}\t{actor_id}\t{ct}\t{unit}\n")
        with raw.cursor() as cursor, cursor.copy(f"COPY {TABLE} ({columns}) FROM STDIN") as copy:
            copy.write("".join(lines))
        raw.commit()
        done = min(rows, batch_start + BATCH)
        if done % (rows // 10 or BATCH) < BATCH or done == rows:
            say(f"  {done:,} rows in {time.perf_counter() - started:.0f} s")
    copied = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 1")
        for name, definition in constraints:  # the primary key first
            cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
        for definition in indexes:
            cursor.execute(definition)
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [TABLE, rows])
    indexed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
    say(f"loaded {rows:,} rows: COPY {copied - started:.0f} s, keys and indexes {indexed - copied:.0f} s, "
        f"VACUUM ANALYZE {time.perf_counter() - indexed:.0f} s")


def sizes() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FILTER (WHERE NOT c.relname LIKE '%%default'), "
                       "sum(pg_table_size(c.oid)), sum(pg_indexes_size(c.oid)), sum(c.reltuples) "
                       "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
                       [TABLE])
        count, table, indexes, tuples = cursor.fetchone()
    say(f"{TABLE}: {count} monthly partitions (+ DEFAULT), ~{tuples:,.0f} rows, table {table / 2**30:.1f} GiB, "
        f"indexes {indexes / 2**30:.1f} GiB")


def timed(function, samples, warmup):
    for argument in samples[:warmup]:
        function(argument)
    times, in_sql, queries = [], [], []
    for argument in samples:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function(argument)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        in_sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return times, in_sql, queries, captured.captured_queries


def next_cursor(response) -> str | None:
    """The cursor of the "Cũ hơn ›" link of a page."""
    found = re.findall(r'[?;]after=([^"&]+)"[^>]*>Cũ hơn', response.content.decode())
    return urllib.parse.unquote(found[-1]) if found else None


def figures(times) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return f"median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
        return "\n".join(f"      {line}" for (line,) in cursor.fetchall())


def main():
    args = parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/audit.py measures the partitioned log: run it on PostgreSQL "
                 "(scripts/with-postgres.sh .venv/bin/python bench/audit.py)")
    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)
    if args.reuse:
        args.rows = LogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if not args.rows or not Organization.objects.filter(code="scale").exists():
            sys.exit("--reuse: no rows of a previous run of the bench here")
    elif LogEntry.objects.exists():
        sys.exit(f"{TABLE} holds rows: run the bench on a scratch database (or time them again: --reuse)")
    else:
        province()
        load(args.rows, args.months, rng)
    sizes()

    wards = list(Organization.objects.filter(kind=Kind.WARD_COMMITTEE, code__startswith="scale-").order_by("code"))
    clerks = {user.username: user for user in User.objects.filter(username__startswith="scale-ward-")}
    clients = {}

    def client_of(ward):
        if ward.pk not in clients:
            client = Client()
            client.force_login(clerks[f"scale-ward-{ward.code.removeprefix('scale-')}"])
            clients[ward.pk] = client
        return clients[ward.pk]

    samples = args.samples
    warmup = max(1, samples // 5)
    picked = [wards[index % len(wards)] for index in rng.sample(range(len(wards) * 50), samples)]
    url = reverse("audit_log")

    # The history of one record: a record the log speaks of, found through its unit, read by its ward's clerk.
    record_rows = list(LogEntry.objects.order_by().values_list("content_type_id", "object_id", "organization_id")
                       .filter(id__in=[rng.randrange(1, args.rows + 1) for _ in range(samples)]))
    units = {unit.pk: unit for unit in Organization.objects.filter(pk__in={row[2] for row in record_rows})}
    history_samples = []
    for ct, object_id, unit_id in record_rows:
        model = ContentType.objects.get_for_id(ct).model_class()
        unit = units[unit_id]
        ward = next(ward for ward in wards if unit.path.startswith(ward.path))
        clerk = clerks[f"scale-ward-{ward.code.removeprefix('scale-')}"]
        history_samples.append((clerk, [model(pk=uuid.UUID(object_id))], unit))
    lengths = []

    def history(sample):
        lengths.append(len(history_for(*sample)))

    def page(ward, params):
        response = client_of(ward).get(url, params)
        assert response.status_code == 200, response.status_code
        return response

    def ward_first(ward):
        page(ward, {"organization": ward.pk})

    cursors = {}
    for ward in picked:  # the 9th page's cursor of each ward, followed page by page (not timed)
        after = None
        for _ in range(9):
            params = {"organization": ward.pk, **({"after": after} if after else {})}
            after = next_cursor(page(ward, params))
        cursors[ward.pk] = after

    def ward_tenth(ward):
        page(ward, {"organization": ward.pk, "after": cursors[ward.pk]})

    back = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30 * 30.4)
    far_cursor = f"{back.isoformat()}_{args.rows}"

    def ward_far(ward):
        page(ward, {"organization": ward.pk, "after": far_cursor})

    cells = {ward.pk: Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL).order_by("path").first()
             for ward in picked}

    def cell_first(ward):
        page(ward, {"organization": cells[ward.pk].pk})

    say(f"\n{args.rows:,} audit rows over {args.months} months; {samples} samples each "
        f"({warmup} warm-up); PostgreSQL {connection.pg_version // 10000}")
    results = []
    for label, function, sample_list in (
        ("history (history_for)", history, history_samples),
        ("ward, page 1", ward_first, picked),
        ("ward, page 10 (cursor)", ward_tenth, picked),
        ("ward, 30 months back", ward_far, picked),
        ("chi bộ, page 1", cell_first, picked),
    ):
        times, in_sql, queries, last = timed(function, sample_list, warmup)
        results.append((label, times, queries, last))
        say(f"  {label:<24} {figures(times)}   {statistics.median(queries):.0f} queries, of which in the database: "
            f"{figures(in_sql)}")
    say(f"  (history rows per record: median {statistics.median(lengths):.0f}, max {max(lengths)})")

    say("\nPlans (the log's query of the last sample of each):")
    for label, _, _, last in results:
        sql = max((query["sql"] for query in last if TABLE in query["sql"]), key=len, default=None)
        if sql:
            say(f"\n  {label}:\n      {sql[:400]}\n{explain(sql)}")


if __name__ == "__main__":
    main()
