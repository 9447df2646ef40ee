"""Counts over the organisation tree, grouped by unit, in a fixed number of queries."""

import operator
import os
from functools import reduce

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import Substr

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
        them without a permission: the caller scoped the records). Only those under the units, matched by their
        paths' prefixes in SQL: a page of a province's wards reads its own wards' records, not the province's."""
        if not self.by_path:
            return Organization.objects.none()
        by_length: dict[int, list[str]] = {}
        for path in self.by_path:
            by_length.setdefault(len(path), []).append(path)
        organizations = (Organization.objects.filter(path__startswith=self.prefix)
                         .alias(**{f"unit_path_{length}": Substr("path", 1, length) for length in by_length})
                         .filter(reduce(operator.or_, (Q(**{f"unit_path_{length}__in": paths})
                                                       for length, paths in by_length.items()))))
        return organizations.for_user(self.user, perm) if perm else organizations

    def count(self, queryset, perm: str | None, *, via: str | None = None, group: str | None = None,
              by_index: bool = False) -> dict:
        """{unit pk: n} of the rows of `queryset` under each unit, or {unit pk: {value of `group`: n}}. `via` names
        the record's organisation (by default the one the model is scoped by: "organization", "lead_unit", or the
        organisation itself). `by_index`: an index that starts with the records' organisation holds every column
        the count reads, so that on PostgreSQL the rows are best read from it, unit by unit (core.lookups.AnyOf);
        otherwise the organisations are hashed and the table read once (IN), which costs less than fetching the
        rows one unit at a time."""
        return self.counts(queryset, perm, {"n": None}, via=via, group=group, by_index=by_index)["n"]

    def counts(self, queryset, perm: str | None, parts: dict[str, Q | None], *, via: str | None = None,
               group: str | None = None, by_index: bool = False) -> dict[str, dict]:
        """Several counts of one table in one statement, which reads the rows once: {key: what `count` returns}
        for each of the rows `parts[key]` picks among `queryset`'s (None: all of them; COUNT … FILTER (WHERE …))."""
        result = {key: {unit.pk: {} if group else 0 for unit in self.units} for key in parts}
        via = via or organization_field(queryset.model)
        columns = {"unit_org": F(via), **({"unit_group": F(group)} if group else {})}
        within = self.organizations(perm).order_by().values("pk")
        conditions = list(parts.values())
        if None not in conditions:  # only the rows some part counts are read
            queryset = queryset.filter(reduce(operator.or_, conditions))
        # A filtered count counts the organisation column (never null among these rows, and in every index the
        # rows may be read from), as COUNT(*) takes no filter.
        aggregates = {f"unit_n{i}": Count(via, filter=condition) if condition is not None else Count("*")
                      for i, condition in enumerate(conditions)}
        subtotals = (queryset.filter(**{f"{via}__{'any_of' if by_index else 'in'}": within})
                     .values(**columns).annotate(**aggregates).order_by())
        try:
            inner, params = subtotals.query.sql_with_params()
        except EmptyResultSet:  # the user may see none of it (no grant of `perm`): nothing to count
            return result
        quote = connection.ops.quote_name
        group_column = f", g.{quote('unit_group')}" if group else ""
        sums = ", ".join(f"SUM(g.{quote(name)})" for name in aggregates)
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
                    if group:
                        value, values = values[0], values[1:]
                    for key, n in zip(parts, values, strict=True):
                        if group:
                            if n:
                                result[key][unit.pk][value] = int(n)
                        else:
                            result[key][unit.pk] = int(n)
        return result

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
        return self.at(organization.path)

    def at(self, path: str) -> Organization | None:
        """The unit the organisation at `path` lies in, None if none."""
        for length in self.lengths:
            unit = self.units.get(path[:length])
            if unit is not None:
                return unit
        return None

    def mark(self, rows, organization_of=lambda row: row.organization) -> None:
        """Set `row.ward` on each row (a page of a list)."""
        for row in rows:
            row.ward = self.of(organization_of(row))
