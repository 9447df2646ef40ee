"""Counts over the organisation tree, grouped by unit, in a fixed number of queries."""

import operator
import os
from functools import reduce

from django.db import connection
from django.db.models import Count, F, Q

import core.lookups  # noqa: F401 - registers any_of
from core.scoping import granted_paths, is_global
from org.models import Organization


def dashboard_units(user) -> list[Organization]:
    """The units a user's dashboard is broken down by: the visible wards, else the outermost visible units."""
    visible = Organization.objects.for_user(user, "org.view")
    wards = list(visible.wards())
    if wards:
        return wards
    if is_global(user):
        return list(visible.filter(depth=1))
    return list(Organization.objects.filter(path__in=granted_paths(user, "org.view")))


def shared_prefix(paths, step: int = 4) -> str:
    """The longest path every one of `paths` lies under (whole steps of the tree), "" when none: a filter on it lets
    the index on the path narrow a count to one ward's rows before they are grouped."""
    prefix = os.path.commonprefix(list(paths))  # noqa: RUF071 - character by character is meant: tree paths
    return prefix[:len(prefix) - len(prefix) % step]


class UnitCounts:
    """Counts of records per unit (the wards of a dashboard), in one query per figure whatever the number of units.

    The records are first counted by their own organisation, taken by the index on their foreign key from the
    organisations under the units that the user may see (a subquery: the scope goes through `for_user` on the
    organisations, as everywhere); only those few thousand subtotals are then joined to their organisation's path and
    added up per unit, in the same statement. Counting by the path instead (a join and a substring for every record)
    costs three times as much on SQLite at a province's scale. Units are expected not to nest (wards, or the
    outermost units a user holds)."""

    def __init__(self, units: list[Organization], user=None):
        self.units, self.user = list(units), user
        self.index = WardIndex(self.units)  # the unit an organisation lies in
        self.by_path = self.index.units
        self.prefix = shared_prefix(self.by_path)

    def organizations(self, perm: str | None):
        """The organisations under the units whose records count: those the user may see with `perm` (all of
        them without a permission: the caller scoped the records)."""
        organizations = Organization.objects.filter(path__startswith=self.prefix)
        return organizations.for_user(self.user, perm) if perm else organizations

    def count(self, queryset, perm: str | None, *, via: str | None = None, group: str | None = None,
              dense: bool = False) -> dict:
        """{unit pk: n} of the rows of `queryset` under each unit, or {unit pk: {value of `group`: n}}. `via` names
        the record's organisation (by default the one the model is scoped by: "organization", "lead_unit", or the
        organisation itself). `dense`: the rows are most of the records under the units (a whole population, not a
        few picked by a date or a state), best read through the index on their organisation (core.lookups.AnyOf)."""
        grouped = group is not None
        result = {unit.pk: {} if grouped else 0 for unit in self.units}
        for unit, *values in self._subtotals(queryset, perm, via, dense, {"n": Count("*")}, group):
            if grouped:
                result[unit.pk][values[0]] = values[1]
            else:
                result[unit.pk] = values[0]
        return result

    def counts(self, queryset, perm: str | None, parts: dict[str, Q], *, via: str | None = None) -> dict[str, dict]:
        """Several counts of the rows of one queryset in one statement, each of the rows `parts[key]` picks:
        {key: {unit pk: n}} (COUNT … FILTER (WHERE …): the table is read once)."""
        result = {key: {unit.pk: 0 for unit in self.units} for key in parts}
        aggregates = {key: Count("pk", filter=condition) for key, condition in parts.items()}
        for unit, *values in self._subtotals(queryset.filter(reduce(operator.or_, parts.values())), perm, via, False,
                                              aggregates, None):
            for key, value in zip(parts, values, strict=True):
                result[key][unit.pk] = value
        return result

    def _subtotals(self, queryset, perm, via, dense, aggregates: dict, group: str | None):
        """(unit, [group value,] one sum per aggregate) rows: the aggregates per record's organisation (and group),
        added up per unit."""
        via = via or organization_field(queryset.model)
        columns = {"unit_org": F(via), **({"unit_group": F(group)} if group else {})}
        lookup = "any_of" if dense else "in"
        subtotals = (queryset.filter(**{f"{via}__{lookup}": self.organizations(perm).order_by().values("pk")})
                     .values(**columns).annotate(**{f"unit_n{i}": aggregate
                                                    for i, aggregate in enumerate(aggregates.values())}).order_by())
        inner, params = subtotals.query.sql_with_params()
        quote = connection.ops.quote_name
        sums = ", ".join(f"SUM(g.{quote(f'unit_n{i}')})" for i in range(len(aggregates)))
        group_column = f", g.{quote('unit_group')}" if group else ""
        for length in sorted({len(path) for path in self.by_path}):
            sql = (f"SELECT SUBSTR(o.{quote('path')}, 1, {length}){group_column}, {sums} "
                   f"FROM ({inner}) g JOIN {quote(Organization._meta.db_table)} o ON o.{quote('id')} = "
                   f"g.{quote('unit_org')} GROUP BY 1{', 2' if group else ''}")
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                for path, *values in cursor.fetchall():
                    unit = self.by_path.get(path)
                    if unit is None or len(path) != length:  # a shorter path is an organisation above this depth
                        continue
                    yield unit, *(values[:1] if group else []), *(int(value) for value in values[1 if group else 0:])

    def rows(self, counted: dict[str, dict]) -> list[dict]:
        """Per unit, in the units' order: {"unit": unit, key: the unit's count, …} of counts made by `count`."""
        return [{"unit": unit, **{key: by_unit[unit.pk] for key, by_unit in counted.items()}} for unit in self.units]


def organization_field(model) -> str:
    """The field naming a record's organisation, from the path its model is scoped by ("organization__" →
    "organization", "committee__organization__" → "committee__organization"; the organisation itself → "pk")."""
    return getattr(model, "scope_prefix", "organization__").removesuffix("__") or "pk"


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
