"""The audit log partitioned by month on PostgreSQL (issue 15): each row in its month's partition, a row of a month
without one kept in the DEFAULT partition until `audit_partitions` moves it, the append-only trigger on every
partition, the record's history and the unit's log read through the indexes of the months they concern.

SQLite keeps one plain table (partitioning does not exist there): the tests of partitions themselves are skipped on
SQLite, each saying so; the command, the history and the audit page are tested on both."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit import partitions
from audit.history import history_for
from audit.models import LogEntry
from audit.services import log_action

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no partitioned tables: the log is one plain table there")


def insert_at(moment, *, obj, organization, action="org.person.updated") -> int:
    """One log row written at `moment` (the model's `created` is set on insert: raw SQL, as a restore writes)."""
    prep = connection.ops
    values = [
        LogEntry._meta.get_field("created").get_db_prep_value(moment, connection),
        action, ContentType.objects.get_for_model(obj).pk, str(obj.pk), str(obj),
        LogEntry._meta.get_field("organization").get_db_prep_value(organization.pk, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {prep.quote_name('audit_logentry')} (created, actor_repr, action, content_type_id, "
            "object_id, "
            "object_repr, organization_id, data) VALUES (%s, '', %s, %s, %s, %s, %s, '{}') RETURNING id", values)
        return cursor.fetchone()[0]


def partition_of(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_logentry WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def months_from_now(count: int) -> datetime.datetime:
    month = partitions.add_months(partitions.month_of(timezone.now()), count)
    return datetime.datetime.combine(month.replace(day=15), datetime.time(12), tzinfo=partitions.zone())


def test_the_log_is_partitioned_on_postgresql_only():
    assert partitions.is_partitioned(connection) == (connection.vendor == "postgresql")


def test_no_index_is_one_that_a_composite_index_begins_with(db):
    """Each index is one per month on PostgreSQL, and the planner weighs every one of every partition it reads: the
    foreign keys to the content type and the organisation are served by the composite indexes (migration 0006)."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "audit_logentry")
    columns = [tuple(index["columns"]) for index in indexes.values() if index["index"] and not index["primary_key"]]
    assert ("content_type_id",) not in columns and ("organization_id",) not in columns
    assert ("content_type_id", "object_id", "created") in columns and ("organization_id", "created") in columns
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'audit_logentry_p%%' AND "
                           "(indexdef LIKE '%%(organization_id)' OR indexdef LIKE '%%(content_type_id)')")
            assert cursor.fetchone()[0] == 0


@ON_POSTGRESQL
def test_each_row_lands_in_the_partition_of_its_month(world):
    this_month = insert_at(timezone.now(), obj=world.hung, organization=world.ward)
    next_month = insert_at(months_from_now(1), obj=world.hung, organization=world.ward)
    assert partition_of(this_month) == partitions.partition_name(partitions.month_of(timezone.now()))
    assert partition_of(next_month) == partitions.partition_name(partitions.month_of(months_from_now(1)))


@ON_POSTGRESQL
def test_the_first_moment_of_a_month_in_vietnam_belongs_to_that_month(world):
    """A partition's month is the project's (Asia/Ho_Chi_Minh): 1 March 00:00 there is 28 February 17:00 UTC."""
    first = datetime.datetime.combine(partitions.add_months(partitions.month_of(timezone.now()), 1), datetime.time.min,
                                      tzinfo=partitions.zone())
    before = insert_at(first - datetime.timedelta(microseconds=1), obj=world.hung, organization=world.ward)
    at = insert_at(first, obj=world.hung, organization=world.ward)
    assert partition_of(before) == partitions.partition_name(partitions.add_months(first.date(), -1))
    assert partition_of(at) == partitions.partition_name(first.date())


@ON_POSTGRESQL
def test_a_row_of_a_month_without_partition_waits_in_default_and_the_command_moves_it(world):
    far = months_from_now(partitions.AHEAD + 9)
    pk = insert_at(far, obj=world.hung, organization=world.ward)
    assert partition_of(pk) == partitions.DEFAULT_PARTITION  # the insert did not fail
    out = io.StringIO()
    call_command("audit_partitions", stdout=out)
    name = partitions.partition_name(partitions.month_of(far))
    assert f"Đã tạo phân vùng {name}." in out.getvalue()
    assert partition_of(pk) == name
    entry = LogEntry.objects.get(pk=pk)  # the same row, same id, same moment
    assert entry.created == far and entry.object_id == str(world.hung.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {partitions.DEFAULT_PARTITION}")
        assert cursor.fetchone()[0] == 0


@ON_POSTGRESQL
def test_the_command_creates_the_months_ahead_once():
    months = [partitions.add_months(partitions.month_of(timezone.now()), step) for step in range(7)]
    call_command("audit_partitions", ahead=6, stdout=io.StringIO())
    before = partitions.partitions(connection)
    assert {partitions.partition_name(month) for month in months} <= set(before)
    assert partitions.DEFAULT_PARTITION in before
    out = io.StringIO()
    call_command("audit_partitions", ahead=6, stdout=out)
    assert partitions.partitions(connection) == before
    assert "Đã tạo" not in out.getvalue() and "đủ cả" in out.getvalue()


@ON_POSTGRESQL
def test_the_command_creates_past_months_from_since():
    since = partitions.add_months(partitions.month_of(timezone.now()), -14)
    call_command("audit_partitions", since=f"{since:%Y-%m}", stdout=io.StringIO())
    assert partitions.partition_name(since) in partitions.partitions(connection)
    assert partitions.partition_name(partitions.add_months(since, 7)) in partitions.partitions(connection)


def test_the_command_says_there_is_nothing_to_do_on_sqlite():
    out = io.StringIO()
    call_command("audit_partitions", stdout=out)
    if connection.vendor == "sqlite":
        assert "không chia phân vùng" in out.getvalue()
    else:
        assert "phân vùng theo tháng" in out.getvalue()


@ON_POSTGRESQL
@pytest.mark.parametrize("table", ["audit_logentry", "month", "default"])
@pytest.mark.parametrize("sql", ["UPDATE {table} SET action = 'x' WHERE id = %s", "DELETE FROM {table} WHERE id = %s"])
def test_the_append_only_trigger_refuses_changes_on_every_partition(world, table, sql):
    if table == "default":
        pk = insert_at(months_from_now(partitions.AHEAD + 9), obj=world.hung, organization=world.ward)
    else:
        pk = insert_at(timezone.now(), obj=world.hung, organization=world.ward)
    target = partition_of(pk) if table != "audit_logentry" else table
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=target), [pk])
    assert LogEntry.objects.filter(pk=pk, action="org.person.updated").exists()


@ON_POSTGRESQL
def test_the_migration_keeps_every_row_and_its_id_both_ways(world, clerk):
    moments = [timezone.now(), months_from_now(-5), months_from_now(-30)]
    pks = [insert_at(moment, obj=world.hung, organization=world.ward) for moment in moments]
    MigrationExecutor(connection).migrate([("audit", "0004_actor_in_accounts")])
    assert not partitions.is_partitioned(connection)
    assert sorted(LogEntry.objects.values_list("pk", flat=True)) == sorted(pks)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_logentry")

    MigrationExecutor(connection).migrate([("audit", "0005_partition_by_month")])
    assert partitions.is_partitioned(connection)
    assert [partition_of(pk) for pk in pks] == [partitions.partition_name(partitions.month_of(m)) for m in moments]
    assert [LogEntry.objects.get(pk=pk).created for pk in pks] == moments
    with transaction.atomic():
        later = log_action("org.person.updated", actor=clerk, obj=world.hung, organization=world.ward)
    assert later.pk > max(pks)  # the ids go on from where they were
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_logentry")


# The queries of the pages, over a few thousand rows of a few months ------------------------------------------------


@pytest.fixture
def busy_log(world):
    """6,000 rows over the 4 months before this one: most of the other ward, a tenth of Sài Đồng's person, chi bộ and
    UBND."""
    months, count = 4, 6000
    since = partitions.add_months(partitions.month_of(timezone.now()), -months)
    partitions.ensure_partitions(since=since)
    objects = [(world.hung, world.ward), (world.cell, world.cell), (world.cell2, world.cell2), (world.ubnd, world.ubnd)]
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=partitions.zone())
    span = datetime.datetime.combine(partitions.add_months(since, months), datetime.time.min,
                                     tzinfo=partitions.zone()) - start
    created, organization = LogEntry._meta.get_field("created"), LogEntry._meta.get_field("organization")
    rows = []
    for index in range(count):
        obj, unit = objects[index // 10 % len(objects)] if index % 10 == 0 else (world.other_ward, world.other_ward)
        rows.append((created.get_db_prep_value(start + span * index / count, connection), "org.person.updated",
                     ContentType.objects.get_for_model(obj).pk, str(obj.pk), str(obj),
                     organization.get_db_prep_value(unit.pk, connection)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO audit_logentry (created, actor_repr, action, content_type_id, object_id, object_repr, "
            "organization_id, data) VALUES (%s, '', %s, %s, %s, %s, %s, '{}')", rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE audit_logentry")
    return since


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(line for (line,) in cursor.fetchall())


def assert_read_through_indexes(plan: str) -> None:
    """No partition holding rows is read whole (an empty one may be: nothing to read)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tableoid::regclass::text FROM audit_logentry")
        holding = [name for (name,) in cursor.fetchall()]
    assert holding and not [name for name in holding if f"Seq Scan on {name} " in plan], plan
    assert "Index" in plan, plan


def the_log_queries(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries
            if "audit_logentry" in query["sql"] and query["sql"].startswith("SELECT")]


@ON_POSTGRESQL
def test_a_records_history_reads_the_record_index_of_each_partition(busy_log, clerk, world):
    with CaptureQueriesContext(connection) as captured:
        rows = history_for(clerk, [world.hung], world.ward)
    assert len(rows) == 50 and all(row.object_id == str(world.hung.pk) for row in rows)
    (sql,) = the_log_queries(captured)
    plan = plan_of(sql)
    assert_read_through_indexes(plan)
    assert "_content_type_id_object_id_created_idx" in plan, plan


@ON_POSTGRESQL
def test_a_units_audit_page_reads_its_recent_months_through_the_indexes(busy_log, client, clerk, world):
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("audit_log"), {"organization": world.cell.pk})
    assert response.status_code == 200
    page = response.context["page"]
    assert len(page) == 50 and all(entry.organization_id == world.cell.pk for entry in page)
    for sql in the_log_queries(captured):
        assert_read_through_indexes(plan_of(sql))


@ON_POSTGRESQL
def test_an_audit_page_between_two_dates_reads_only_the_partitions_of_those_months(busy_log, client, clerk, world):
    client.force_login(clerk)
    month = partitions.add_months(partitions.month_of(timezone.now()), -2)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("audit_log"), {"organization": world.ward.pk, "since": month.isoformat(),
                                                     "until": (month + datetime.timedelta(days=9)).isoformat()})
    assert response.status_code == 200 and len(response.context["page"]) > 0
    assert all(entry.created.astimezone(partitions.zone()).date() < month + datetime.timedelta(days=10)
               for entry in response.context["page"])
    read = []
    for sql in the_log_queries(captured):  # the windows of time before the dates read no partition at all
        plan = plan_of(sql)
        read += [name for name in partitions.partitions(connection) if f" {name} " in plan]
    assert set(read) == {partitions.partition_name(month)}


def test_the_pages_of_a_busy_unit_follow_each_other_over_the_months(busy_log, client, clerk, world):
    """On both engines: the unit's rows of every month, newest first, each once."""
    client.force_login(clerk)
    expected = list(LogEntry.objects.filter(organization__path__startswith=world.ward.path)
                    .order_by("-created", "-id").values_list("pk", flat=True))
    seen, cursor = [], None
    while True:
        page = client.get(reverse("audit_log"), {"organization": world.ward.pk, **({"after": cursor} if cursor else {})}
                          ).context["page"]
        seen += [entry.pk for entry in page]
        cursor = page.after
        if cursor is None:
            break
    assert seen == expected and len(seen) == 600
