"""Counts over the organisation tree, grouped by unit, in a fixed number of queries."""

import datetime

from django.db.models import Count
from django.db.models.functions import Substr

from org.models import Committee, Organization, Person, Position
from org.permissions import granted_paths, is_global


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
    """Per unit: organisations in its subtree, committees, people, positions held on `on`.

    One query per measure and per distinct tree depth among the units (at most a handful).
    """
    rows = {unit.path: {"unit": unit, "organizations": 0, "committees": 0, "people": 0, "positions": 0}
            for unit in units}
    measures = [
        ("organizations", Organization.objects.for_user(user, "org.view"), "path"),
        ("committees", Committee.objects.for_user(user, "org.view"), "organization__path"),
        ("people", Person.objects.for_user(user, "people.view"), "organization__path"),
        ("positions", Position.objects.for_user(user, "org.view").held_on(on), "organization__path"),
    ]
    for length in sorted({len(path) for path in rows}):
        prefixes = [path for path in rows if len(path) == length]
        for key, queryset, field in measures:
            counts = (
                queryset.annotate(_unit_path=Substr(field, 1, length))
                .filter(_unit_path__in=prefixes)
                .values("_unit_path")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in counts:
                rows[row["_unit_path"]][key] = row["n"]
    return list(rows.values())
