"""Fresh planner statistics after a bulk write (issue 15): a member import and a ward merger have PostgreSQL ANALYZE
the tables they filled once they commit (core.db.analyze), so that the next page over a big new ward is not planned
as over the handful of rows the statistics knew; SQLite is left as it is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import db as core_db
from members.imports import ImportRefused, import_members
from members.models import MembershipEvent, PartyMember
from members.tests.test_import import row, xlsx
from org.merger import merge_wards
from org.models import Organization, Person, Position
from org.tests.test_merger import fields
from org.tests.test_merger import setup as setup  # the merger's world (the demo)


def reltuples(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's statistics")
def test_analyze_gives_the_planner_the_rows_just_written(world):
    Person.objects.bulk_create([Person(organization=world.cell, full_name=f"Người thứ {n}") for n in range(40)])
    rows = Person.objects.count()
    assert reltuples(Person) != rows
    core_db.analyze(Person, PartyMember)
    assert reltuples(Person) == rows


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite is not analysed")
def test_on_sqlite_analyze_does_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        core_db.analyze(Person, PartyMember)
    assert queries.captured_queries == []


@pytest.fixture
def analysed(monkeypatch):
    calls = []
    monkeypatch.setattr(core_db, "analyze", lambda *models: calls.append(set(models)))
    return calls


def test_a_member_import_analyses_the_tables_it_filled_once_committed(world, clerk, analysed,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_members(xlsx([row()]), actor=clerk)
    assert analysed == []  # not inside the transaction
    for callback in callbacks:
        callback()
    assert analysed == [{Person, PartyMember, MembershipEvent}]


def test_a_ward_merger_analyses_the_tables_it_changed_once_committed(setup, analysed,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        merge_wards(**fields(setup))
    assert analysed == [{Organization, Person, Position, PartyMember}]


def test_a_refused_import_analyses_nothing(world, clerk, analysed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ImportRefused):
        import_members(xlsx([row(date_of_birth=datetime.date.today())]), actor=clerk)
    assert analysed == []
