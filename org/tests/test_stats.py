"""Counts per unit (org.stats.UnitCounts, what the dashboards are made of) and the `any_of` lookup they read through."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from conftest import make_org
from org.models import Kind, Organization, Person
from org.stats import UnitCounts


@pytest.fixture
def people(world):
    """Two people in Sài Đồng's chi bộ 1 (Dung and one more), one in chi bộ 2, one in its residential group, Hùng on
    the ward itself; Bình on Bồ Đề and one in its group; one on the district (in no ward)."""
    for organization, name in ((world.cell, "Lê Văn Nam"), (world.cell2, "Phạm Thị Hoa"), (world.group, "Vũ Văn Tú"),
                               (world.other_group, "Hà Thị Mai"), (world.district, "Ngô Văn Long")):
        Person.objects.create(organization=organization, full_name=name, search_name=name.lower())
    return world


def test_counts_each_units_subtree_and_nothing_outside_the_units(people, superior):
    w = people
    counts = UnitCounts([w.ward, w.other_ward], superior)
    assert counts.count(Person.objects.all(), "people.view") == {w.ward.pk: 5, w.other_ward.pk: 2}
    assert counts.count(Person.objects.all(), "people.view", by_index=True) == {w.ward.pk: 5, w.other_ward.pk: 2}
    # The units themselves are counted as organisations of their subtree; the district (above them) is not.
    assert counts.count(Organization.objects.all(), "org.view") == {w.ward.pk: 5, w.other_ward.pk: 2}


def test_a_count_is_scoped_to_what_the_user_may_see(people, clerk, outsider):
    w = people
    assert UnitCounts([w.ward, w.other_ward], clerk).count(Person.objects.all(), "people.view") == {
        w.ward.pk: 5, w.other_ward.pk: 0}
    assert UnitCounts([w.ward, w.other_ward], outsider).count(Person.objects.all(), "people.view") == {
        w.ward.pk: 0, w.other_ward.pk: 2}
    # Without a permission the caller has scoped the rows itself: everything under the units counts.
    assert UnitCounts([w.ward, w.other_ward], outsider).count(Person.objects.all(), None) == {
        w.ward.pk: 5, w.other_ward.pk: 2}


def test_grouped_counts_and_units_at_two_depths(people, superior):
    w = people
    counts = UnitCounts([w.cell, w.cell2, w.other_ward], superior)
    by_gender = counts.count(Person.objects.all(), "people.view", group="gender")
    assert by_gender == {w.cell.pk: {"female": 1, "": 1}, w.cell2.pk: {"": 1}, w.other_ward.pk: {"male": 1, "": 1}}
    assert counts.rows({"people": counts.count(Person.objects.all(), "people.view")}) == [
        {"unit": w.cell, "people": 2}, {"unit": w.cell2, "people": 1}, {"unit": w.other_ward, "people": 2}]


def test_one_query_per_count_whatever_the_number_of_units(people, superior):
    w = people
    wards = [make_org(w.district, f"Đảng ủy phường {i}", Kind.WARD_COMMITTEE) for i in range(12)]
    counts = UnitCounts([w.ward, w.other_ward, *wards], superior)
    counts.count(Person.objects.all(), "people.view")  # the user's grants are read once, on the first count
    with CaptureQueriesContext(connection) as queries:
        counted = counts.count(Person.objects.all(), "people.view")
    assert len(queries) == 1
    assert sum(counted.values()) == 7


def test_no_units_count_nothing(people, superior):
    assert UnitCounts([], superior).count(Person.objects.all(), "people.view") == {}


def test_any_of_picks_the_same_rows_as_in_and_is_an_array_on_postgresql(people):
    w = people
    within = Organization.objects.filter(path__startswith=w.ward.path).values("pk")
    any_of = Person.objects.filter(organization__any_of=within)
    assert set(any_of) == set(Person.objects.filter(organization__in=within))
    assert any_of.count() == 5
    sql = str(any_of.query)
    assert ("= ANY(ARRAY(SELECT" in sql) == (connection.vendor == "postgresql")
    assert (" IN (SELECT" in sql) == (connection.vendor != "postgresql")


def test_several_counts_of_one_table_in_one_statement(people, superior):
    w = people
    counts = UnitCounts([w.ward, w.other_ward], superior)
    parts = {"all": None, "named_nam": Q(full_name__contains="Nam"), "women": Q(gender="female")}
    counts.count(Person.objects.all(), "people.view")  # the user's grants are read once, on the first count
    with CaptureQueriesContext(connection) as queries:
        counted = counts.counts(Person.objects.all(), "people.view", parts)
    assert len(queries) == 1
    assert counted == {"all": {w.ward.pk: 5, w.other_ward.pk: 2}, "named_nam": {w.ward.pk: 1, w.other_ward.pk: 0},
                       "women": {w.ward.pk: 1, w.other_ward.pk: 0}}
    # Each part is what `count` gives for the same rows; grouped, a group none of a part's rows fall in is absent.
    assert counted["women"] == counts.count(Person.objects.filter(gender="female"), "people.view")
    grouped = counts.counts(Person.objects.all(), "people.view", {"women": Q(gender="female"), "all": None},
                            group="gender")
    assert grouped["women"] == {w.ward.pk: {"female": 1}, w.other_ward.pk: {}}
    assert grouped["all"] == counts.count(Person.objects.all(), "people.view", group="gender")
    # Only the rows some part picks are read, and a part's rows stay within the units and the user's scope.
    only = counts.counts(Person.objects.all(), "people.view", {"women": Q(gender="female")}, by_index=True)
    assert only == {"women": {w.ward.pk: 1, w.other_ward.pk: 0}}


def test_a_user_without_the_permission_counts_nothing_without_a_query(people, cell_secretary):
    w = people
    counts = UnitCounts([w.ward, w.other_ward], cell_secretary)
    counts.count(Person.objects.all(), "people.view")  # the user's grants are read once, on the first count
    with CaptureQueriesContext(connection) as queries:
        counted = counts.count(Person.objects.all(), "users.manage")
    assert counted == {w.ward.pk: 0, w.other_ward.pk: 0} and len(queries) == 0
