"""The audit log's monthly partitions on PostgreSQL (issue 15: nationally hundreds of millions of rows).

On PostgreSQL `audit_logentry` is partitioned by range of `created` (migration 0005), one partition a month of the
project's time zone (`audit_logentry_p2026_11`), plus a DEFAULT partition that takes a row whose month has no
partition yet, so that an insert never fails. `ensure_partitions()` creates this month's partition and the next
`ahead` months' (idempotent: the `audit_partitions` command, after every `migrate`, and monthly from a timer), and a
partition for every month whose rows the DEFAULT partition holds, moving those rows into it in the same transaction
(PostgreSQL refuses to create a partition over rows the DEFAULT partition holds).

A partition is read by the same indexes as the whole table (partitioned indexes, created on each partition), and a
query bounded by `created` (the audit page's dates, a keyset page's cursor) reads only the months it may concern.
SQLite keeps one plain table: everything here does nothing there.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

TABLE = "audit_logentry"
DEFAULT_PARTITION = f"{TABLE}_default"
MOVING = f"{TABLE}_moving"
AHEAD = 3  # months created ahead of the current one


def zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_of(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The first day of the month (in the project's time zone) that `moment` falls in."""
    if isinstance(moment, datetime.datetime):
        moment = moment.astimezone(zone()).date() if moment.tzinfo else moment.date()
    return moment.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def partition_name(month: datetime.date) -> str:
    return f"{TABLE}_p{month.year:04d}_{month.month:02d}"


def _bound(month: datetime.date) -> str:
    """The month's first moment in the project's time zone, as a timestamptz literal."""
    return datetime.datetime.combine(month, datetime.time.min, tzinfo=zone()).isoformat()


def is_partitioned(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
        row = cursor.fetchone()
    return row is not None and row[0] == "p"


def partitions(connection) -> list[str]:
    """The names of the log's partitions, the DEFAULT one included, in order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
            "WHERE pg_inherits.inhparent = to_regclass(%s) ORDER BY child.relname", [TABLE],
        )
        return [name for (name,) in cursor.fetchall()]


def create_partition_sql(month: datetime.date) -> str:
    return (f"CREATE TABLE {partition_name(month)} PARTITION OF {TABLE} "
            f"FOR VALUES FROM ('{_bound(month)}') TO ('{_bound(add_months(month, 1))}')")


def create_default_partition_sql() -> str:
    return f"CREATE TABLE {DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT"


def months_of_rows(cursor, table: str) -> set[datetime.date]:
    """The months (in the project's time zone) that `table`'s rows were created in."""
    cursor.execute(f"SELECT DISTINCT date_trunc('month', created, %s) FROM {table}", [settings.TIME_ZONE])
    return {month_of(moment) for (moment,) in cursor.fetchall()}


def ensure_partitions(*, ahead: int = AHEAD, since: datetime.date | None = None, today: datetime.date | None = None,
                      using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Create the partitions of this month and the `ahead` months after it (and of every month from `since`, for rows
    of the past about to be loaded), and of every month whose rows wait in the DEFAULT partition (moved into theirs);
    return the names created. Does nothing where the log is not partitioned (SQLite; PostgreSQL before migration
    0005)."""
    connection = connections[using]
    if not is_partitioned(connection):
        return []
    first = month_of(today or datetime.datetime.now(datetime.UTC))
    start = min(month_of(since), first) if since else first
    wanted = {add_months(start, step) for step in range(months_between(start, first) + ahead + 1)}
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if not _missing(cursor, connection, wanted)[0]:
            return []  # the usual case: nothing to do, and no lock taken
        # Creating a partition locks the table anyway; locked first, no row reaches the DEFAULT partition between
        # reading what it holds and replacing it.
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        missing, stranded = _missing(cursor, connection, wanted)
        if stranded:
            _move_default_rows(cursor, missing)
        else:
            for month in missing:
                cursor.execute(create_partition_sql(month))
    return [partition_name(month) for month in missing]


def _missing(cursor, connection, wanted: set[datetime.date]) -> tuple[list[datetime.date], bool]:
    """The months without a partition among `wanted` and those of the rows the DEFAULT partition holds; and whether
    it holds any."""
    cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT_PARTITION})")
    stranded = cursor.fetchone()[0]
    months = wanted | months_of_rows(cursor, DEFAULT_PARTITION) if stranded else wanted
    existing = set(partitions(connection))
    return sorted(month for month in months if partition_name(month) not in existing), stranded


def _move_default_rows(cursor, months: list[datetime.date]) -> None:
    """Create `months`' partitions while the DEFAULT partition holds rows of them: its rows are kept aside, it is
    replaced by an empty one (dropping a table deletes no row one by one: the append-only trigger does not fire), the
    partitions are created, and the rows go back through the table, each into its month's partition. One
    transaction: a failure leaves everything as it was."""
    # Foreign keys checked at commit leave events pending on rows written earlier in this transaction, and PostgreSQL
    # drops no table with pending events: check them now.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(f"CREATE TEMPORARY TABLE {MOVING} ON COMMIT DROP AS SELECT * FROM {DEFAULT_PARTITION}")
    cursor.execute(f"DROP TABLE {DEFAULT_PARTITION}")
    for month in months:
        cursor.execute(create_partition_sql(month))
    cursor.execute(create_default_partition_sql())
    cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {MOVING}")
    cursor.execute(f"DROP TABLE {MOVING}")
