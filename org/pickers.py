"""The units and people a form's picker chooses from (core.pickers)."""

from core.pickers import Source, register_source
from org.models import Organization, Person


def unit_labels(units) -> list[str]:
    """"Chi bộ số 1 — Đảng ủy phường Sài Đồng": each unit with its parent (many wards have a “Chi bộ số 1”)."""
    parents = {unit.path[:-Organization.steplen] for unit in units if unit.depth > 1}
    names = dict(Organization.objects.filter(path__in=parents).values_list("path", "name")) if parents else {}
    labels = []
    for unit in units:
        parent = names.get(unit.path[:-Organization.steplen])
        labels.append(f"{unit.name} — {parent}" if parent else unit.name)
    return labels


def _within(records, user, within):
    """`records` under the unit `within` (an id), if the user sees it; none if not."""
    if within is None:
        return records
    unit = Organization.objects.for_user(user, "org.view").filter(pk=within).first()
    return records.under(unit) if unit is not None else records.none()


def _units(user, perm, kinds, within):
    # Both the permission the form asks for and the right to see units at all: a permission of another kind (a ward
    # body's reporter's tasks.report) must not list the tree to someone who may not read it.
    units = Organization.objects.for_user(user, "org.view").for_user(user, perm)
    return _within(units.filter(kind__in=kinds) if kinds else units, user, within)


NOT_MEMBER = "not_member"  # a narrowing of the people picker: those without a Party dossier yet


def _people(user, perm, kinds, within):
    people = Person.objects.for_user(user, "people.view").for_user(user, perm)
    return _within(people.filter(party_member__isnull=True) if NOT_MEMBER in kinds else people, user, within)


def person_labels(people) -> list[str]:
    return [f"{person.full_name} ({person.date_of_birth:%Y})" if person.date_of_birth else person.full_name
            for person in people]


register_source("units", Source(choices=_units, search=lambda units, query: units.search(query).order_by("path"),
                                labels=unit_labels))
register_source("people", Source(
    choices=_people, search=lambda people, query: people.search(query).order_by("sort_name", "id"),
    labels=person_labels,
))
