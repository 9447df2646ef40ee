"""Rows that carry their unit's tree path (issue 15): the database keeps the copy, and a ward's lists find the ward's
rows by it first, whatever another ward holds."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import bulk_members, make_org
from members import services
from members.lists import ALL_FILTER, select_members
from members.models import PartyMember
from org.models import Kind, Organization, Person
from org.unit_paths import carriers, install, uninstall


def paths_of(model):
    return {row.pk: (row.unit_path, row.organization.path) for row in model.objects.select_related("organization")}


def assert_kept(model):
    rows = paths_of(model)
    assert rows and all(copy == path for copy, path in rows.values()), rows


def test_every_row_written_carries_its_units_path_however_it_is_written(world, clerk):
    service_made = services.register_candidate(person=world.dung, organization=world.cell,
                                               day=datetime.date(2024, 3, 1), actor=clerk)
    bulk = Person.objects.bulk_create([Person(organization=world.cell2, full_name="Lê Văn Bốn")])[0]
    Person.objects.filter(pk=world.stranger.pk).update(organization=world.other_group)
    assert Person.objects.get(pk=bulk.pk).unit_path == world.cell2.path
    assert Person.objects.get(pk=world.stranger.pk).unit_path == world.other_group.path
    assert PartyMember.objects.get(pk=service_made.pk).unit_path == world.cell.path
    # A copy written wrong by hand is corrected by the database.
    PartyMember.objects.filter(pk=service_made.pk).update(unit_path="X")
    assert PartyMember.objects.get(pk=service_made.pk).unit_path == world.cell.path
    assert_kept(Person)
    assert_kept(PartyMember)


def test_a_unit_moved_in_the_tree_takes_its_rows_along(world, clerk):
    services.register_candidate(person=world.dung, organization=world.cell, day=datetime.date(2024, 3, 1), actor=clerk)
    old = world.cell.path
    Organization.objects.move(Organization.objects.get(pk=world.cell.pk), world.other_ward, pos="last-child")
    world.cell.refresh_from_db()
    assert world.cell.path != old and world.cell.path.startswith(world.other_ward.path)
    assert_kept(Person)
    assert_kept(PartyMember)
    assert PartyMember.objects.under(world.other_ward).count() == 1
    assert not PartyMember.objects.under(world.ward).exists()


def test_the_demo_and_its_ward_merger_leave_every_copy_right(demo):
    for table, _pk, column, source in carriers():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} t LEFT JOIN org_organization o ON o.id = t.{source} "
                           f"WHERE t.{column} <> COALESCE(o.path, '')")
            assert cursor.fetchone()[0] == 0, table
    assert {table for table, *_ in carriers()} >= {"members_partymember", "org_person"}


def test_triggers_lost_with_a_rebuilt_table_come_back_with_the_next_migrate(world, clerk):
    """On SQLite a migration that alters a table rebuilds it, without its triggers: the next migrate reinstalls them
    and corrects the rows written meanwhile."""
    found = carriers([Person])
    uninstall(found=found)
    Person.objects.filter(pk=world.hung.pk).update(organization=world.cell2)
    assert Person.objects.get(pk=world.hung.pk).unit_path == world.ward.path  # nothing kept it
    call_command("migrate", verbosity=0)
    assert Person.objects.get(pk=world.hung.pk).unit_path == world.cell2.path
    assert install(found=found) == []  # already there: nothing to do


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        return queryset.explain()
    with connection.cursor() as cursor:
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def large_other_ward(world):
    """20,000 members, every one a Nguyễn, in another ward: what a ward's clerk must not pay for."""
    ward = make_org(world.city, "Đảng ủy phường Quy Mô", Kind.WARD_COMMITTEE)
    cells = [make_org(ward, f"Chi bộ {index}", Kind.CELL) for index in range(1, 5)]
    bulk_members(cells, [f"Nguyễn Văn {index:05d}" for index in range(20_000)])
    return ward


def test_a_wards_lists_find_their_rows_by_the_unit_path_index_first(large_other_ward, world, clerk):
    """The plan a ward's clerk gets with 20,000 Nguyễn elsewhere starts from the unit path indexes: the member list,
    a one-word and a two-letter search, the people list (SQLite's plan as PostgreSQL's)."""
    services.register_candidate(person=world.hung, organization=world.cell, day=datetime.date(2024, 3, 1),
                                actor=clerk)
    for query in ("", "nguyen", "ng"):
        members = select_members(clerk, today=datetime.date(2026, 12, 4), q=query, status=ALL_FILTER)[:50]
        assert [member.person for member in members] == [world.hung]
        plan = _plan(members)
        assert "member_unit_path" in plan, (query, plan)
    people = Person.objects.for_user(clerk, "people.view").order_by("sort_name", "id")[:50]
    assert set(people) == {world.hung, world.dung}
    plan = _plan(people)
    assert "person_unit_path" in plan, plan
