"""Counts over the organisation tree, grouped by unit, in a fixed number of queries."""

import datetime
import os

from django.db.models import Count
from django.db.models.functions import Substr

from core.scoping import granted_paths, is_global
from org.models import Committee, Organization, Person, Position


def dashboard_units(user) -> list[Organization]:
    """The units a user's dashboard is broken down by: the visible wards, else the outermost visible units."""
    visible = Organization.objects.for_user(user, "org.view")
    wards = list(visible.wards())
    if wards:
        return wards
    if is_global(user):
        return list(visible.filter(depth=1))
    return list(Organization.objects.filter(path__in=granted_paths(user, "org.view")))


def unit_counts(user, units: list[Organization], *, on: datetime.date) -> list[dict]:
    """Per unit: organisations in its subtree, committees, people, positions held on `on`."""
    return counts_by_unit(units, [
        ("organizations", Organization.objects.for_user(user, "org.view"), "path"),
        ("committees", Committee.objects.for_user(user, "org.view"), "organization__path"),
        ("people", Person.objects.for_user(user, "people.view"), "organization__path"),
        ("positions", Position.objects.for_user(user, "org.view").held_on(on), "organization__path"),
    ])


def shared_prefix(paths, step: int = 4) -> str:
    """The longest path every one of `paths` lies under (whole steps of the tree), "" when none: a filter on it lets
    the index on the path narrow a count to one ward's rows before they are grouped."""
    prefix = os.path.commonprefix(list(paths))  # noqa: RUF071 - character by character is meant: tree paths
    return prefix[:len(prefix) - len(prefix) % step]


def counts_by_unit(units: list[Organization], measures) -> list[dict]:
    """Per unit, the rows of each measure (key, queryset, the path field of its organisation) that lie in the unit's
    subtree: {"unit": unit, key: count, …}, in the units' order.

    One query per measure and per distinct tree depth among the units (at most a handful), whatever the number of
    units: the rows are grouped by the prefix of their organisation's path."""
    rows = {unit.path: {"unit": unit, **{key: 0 for key, _queryset, _field in measures}} for unit in units}
    for length in sorted({len(path) for path in rows}):
        prefixes = [path for path in rows if len(path) == length]
        for key, queryset, field in measures:
            counts = (
                queryset.filter(**{f"{field}__startswith": shared_prefix(prefixes)})
                .annotate(_unit_path=Substr(field, 1, length))
                .filter(_unit_path__in=prefixes)
                .values("_unit_path")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in counts:
                rows[row["_unit_path"]][key] = row["n"]
    return list(rows.values())


def grouped_by_unit(units: list[Organization], queryset, path_field: str, group_field: str) -> dict:
    """Per unit, the rows of `queryset` in its subtree counted by `group_field`: {unit pk: {group value: n}}. One
    query per distinct tree depth among the units, whatever their number."""
    by_path = {unit.path: unit for unit in units}
    result = {unit.pk: {} for unit in units}
    for length in sorted({len(path) for path in by_path}):
        prefixes = [path for path in by_path if len(path) == length]
        rows = (queryset.filter(**{f"{path_field}__startswith": shared_prefix(prefixes)})
                .annotate(_unit_path=Substr(path_field, 1, length)).filter(_unit_path__in=prefixes)
                .values("_unit_path", group_field).annotate(n=Count("pk")).order_by())
        for row in rows:
            result[by_path[row["_unit_path"]].pk][row[group_field]] = row["n"]
    return result


class WardIndex:
    """The ward (or other dashboard unit) each organisation lies in, for the ward column of the lists a user who
    sees several wards reads: looked up by path prefix, without a query per row."""

    def __init__(self, units: list[Organization]):
        self.units = {unit.path: unit for unit in units}
        self.by_pk = {unit.pk: unit for unit in units}
        self.lengths = sorted({len(path) for path in self.units}, reverse=True)

    def __iter__(self):
        return iter(self.units.values())

    @property
    def several(self) -> bool:
        return len(self.units) > 1

    def of(self, organization: Organization) -> Organization | None:
        for length in self.lengths:
            unit = self.units.get(organization.path[:length])
            if unit is not None:
                return unit
        return None

    def mark(self, rows, organization_of=lambda row: row.organization) -> None:
        """Set `row.ward` on each row (a page of a list)."""
        for row in rows:
            row.ward = self.of(organization_of(row))
