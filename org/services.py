"""Changes to the organisation tree, committees, positions, people and users. Each is atomic and audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from audit.services import log_creation, update_audited
from core.scoping import require_perm
from core.versions import require_version
from org.models import (
    ALLOWED_PARENTS,
    Committee,
    CommitteeMember,
    Organization,
    Person,
    Position,
    Term,
)

ORGANIZATION_FIELDS = ["name", "kind", "cell_category", "code", "valid_from", "valid_until", "address", "note"]
TERM_FIELDS = ["name", "start_date", "end_date"]
COMMITTEE_FIELDS = ["kind", "term", "note"]
COMMITTEE_MEMBER_FIELDS = ["person", "start_date", "end_date", "note"]
POSITION_FIELDS = ["person", "title", "title_detail", "start_date", "end_date", "note"]
PERSON_FIELDS = [
    "full_name", "gender", "date_of_birth", "cccd", "ethnicity", "religion", "residence", "address",
    "education", "political_theory", "phone", "note", "organization",
]


def _only(fields: dict, allowed: list[str]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    return fields


def _require_home(organization: Organization, related: Organization | None, field: str, label: str):
    """`related` must lie within `organization`'s ward (or, above ward level, its Party committee)."""
    if related is not None and not organization.home_unit().contains(related):
        raise ValidationError({field: f"{label} phải thuộc cùng phường/xã (cùng cấp ủy) với {organization.name}."})


def _save_new(obj):
    """Validate and insert `obj`, turning a lost uniqueness race into a clear validation error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save(force_insert=True)
    except IntegrityError as exc:
        raise ValidationError("Bản ghi trùng với một bản ghi đã có.") from exc


# Organisations ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_organization(*, parent: Organization | None, actor, **fields) -> Organization:
    _only(fields, ORGANIZATION_FIELDS)
    if parent is not None:
        require_perm(actor, "org.change", parent)
    elif not getattr(actor, "is_superuser", False):
        raise ValidationError({"parent": "Hãy chọn tổ chức cấp trên."})
    organization = Organization(**fields)
    organization.check_parent(parent)
    organization.full_clean(exclude=["path", "depth", "numchild"])
    if parent is not None:
        organization = Organization.objects.add_child(parent, instance=organization)
    else:
        organization = Organization.objects.add_root(instance=organization)
    log_creation(
        "org.organization.created", actor=actor, obj=organization, fields=ORGANIZATION_FIELDS,
        organization=organization,
    )
    return organization


@transaction.atomic
def update_organization(organization: Organization, *, actor, **changes) -> dict:
    _only(changes, ORGANIZATION_FIELDS)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require_perm(actor, "org.change", organization)
    if "kind" in changes and changes["kind"] != organization.kind:
        probe = Organization(kind=changes["kind"])
        probe.check_parent(Organization.objects.get_parent(organization))
        for child in Organization.objects.get_children(organization):
            if changes["kind"] not in ALLOWED_PARENTS.get(child.kind, set()):
                raise ValidationError(
                    {"kind": f"Không đổi được loại tổ chức: {child.name} ({child.get_kind_display()}) "
                             f"không thể trực thuộc {probe.get_kind_display()}."}
                )
    return update_audited(
        organization, changes, actor=actor, action="org.organization.updated", organization=organization
    )


# Terms and committees -----------------------------------------------------------------------------------------


@transaction.atomic
def create_term(*, organization: Organization, actor, **fields) -> Term:
    """Open a term (nhiệm kỳ). The term before it, if its end was not entered, ends on the eve of the new one's
    start, and so do its committees' seats: the congress that opens a term closes the last (HD 36: a term runs to
    the close of the next congress)."""
    require_perm(actor, "org.change", organization)
    term = Term(organization=organization, **_only(fields, TERM_FIELDS))
    start = fields.get("start_date")
    if start is not None:
        previous = (Term.objects.select_for_update().filter(organization=organization, end_date__isnull=True,
                                                            start_date__lt=start).order_by("-start_date").first())
        if previous is not None:
            eve = start - datetime.timedelta(days=1)
            update_audited(previous, {"end_date": eve}, actor=actor, action="org.term.updated",
                           organization=organization)
            seats = (CommitteeMember.objects.select_for_update().filter(committee__term=previous)
                     .filter(Q(end_date__isnull=True) | Q(end_date__gt=eve)))
            for seat in seats:  # the seats of the term's committees end with it
                update_audited(seat, {"end_date": eve}, actor=actor, action="org.committee_member.updated",
                               organization=organization)
    _save_new(term)
    log_creation("org.term.created", actor=actor, obj=term, fields=TERM_FIELDS, organization=organization)
    return term


@transaction.atomic
def update_term(term: Term, *, actor, **changes) -> dict:
    term = Term.objects.select_for_update().get(pk=term.pk)
    require_perm(actor, "org.change", term.organization)
    return update_audited(
        term, _only(changes, TERM_FIELDS), actor=actor, action="org.term.updated", organization=term.organization
    )


@transaction.atomic
def create_committee(*, organization: Organization, actor, **fields) -> Committee:
    require_perm(actor, "org.change", organization)
    committee = Committee(organization=organization, **_only(fields, COMMITTEE_FIELDS))
    _save_new(committee)
    log_creation(
        "org.committee.created", actor=actor, obj=committee, fields=COMMITTEE_FIELDS, organization=organization
    )
    return committee


@transaction.atomic
def update_committee(committee: Committee, *, actor, **changes) -> dict:
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    require_perm(actor, "org.change", committee.organization)
    return update_audited(
        committee, _only(changes, COMMITTEE_FIELDS), actor=actor, action="org.committee.updated",
        organization=committee.organization,
    )


@transaction.atomic
def add_committee_member(*, committee: Committee, actor, **fields) -> CommitteeMember:
    require_perm(actor, "org.change", committee.organization)
    membership = CommitteeMember(committee=committee, **_only(fields, COMMITTEE_MEMBER_FIELDS))
    _require_person_eligible(actor, membership.person, committee.organization)
    _save_new(membership)
    log_creation(
        "org.committee_member.added", actor=actor, obj=membership, fields=COMMITTEE_MEMBER_FIELDS,
        organization=committee.organization,
    )
    return membership


@transaction.atomic
def update_committee_member(membership: CommitteeMember, *, actor, **changes) -> dict:
    membership = CommitteeMember.objects.select_for_update().select_related("committee").get(pk=membership.pk)
    organization = membership.committee.organization
    require_perm(actor, "org.change", organization)
    return update_audited(
        membership, _only(changes, ["start_date", "end_date", "note"]), actor=actor,
        action="org.committee_member.updated", organization=organization,
    )


# Positions ----------------------------------------------------------------------------------------------------


def _require_person_eligible(actor, person: Person | None, organization: Organization) -> None:
    """A position or seat goes to someone the actor can see, of the unit's own ward (or Party committee)."""
    if person is None:
        return
    if not Person.objects.for_user(actor, "people.view").filter(pk=person.pk).exists():
        raise ValidationError({"person": "Không tìm thấy người này trong phạm vi được giao."})
    _require_home(organization, person.organization, "person", "Người được giao")


@transaction.atomic
def create_position(*, organization: Organization, actor, **fields) -> Position:
    require_perm(actor, "org.change", organization)
    position = Position(organization=organization, **_only(fields, POSITION_FIELDS))
    _require_person_eligible(actor, position.person, organization)
    _save_new(position)
    log_creation(
        "org.position.created", actor=actor, obj=position, fields=POSITION_FIELDS, organization=organization
    )
    return position


@transaction.atomic
def update_position(position: Position, *, actor, **changes) -> dict:
    position = Position.objects.select_for_update().get(pk=position.pk)
    require_perm(actor, "org.change", position.organization)
    changes = _only(changes, ["title", "title_detail", "start_date", "end_date", "note"])
    return update_audited(
        position, changes, actor=actor, action="org.position.updated", organization=position.organization
    )


def end_position(position: Position, *, end_date: datetime.date, actor) -> dict:
    return update_position(position, actor=actor, end_date=end_date)


# People -------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_person(*, organization: Organization, actor, **fields) -> Person:
    require_perm(actor, "people.change", organization)
    fields = _only(fields, PERSON_FIELDS)
    person = Person(organization=organization, **fields)
    _require_home(organization, person.residence, "residence", "Tổ dân phố")
    _save_new(person)
    log_creation("org.person.created", actor=actor, obj=person, fields=PERSON_FIELDS, organization=organization)
    return person


@transaction.atomic
def update_person(person: Person, *, actor, version: int | None = None, **changes) -> dict:
    """Change a person's details; `version`, the one the change was drawn from, is refused when stale."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    require_perm(actor, "people.change", person.organization)
    require_version(person, version)
    changes = _only(changes, PERSON_FIELDS)
    new_organization = changes.get("organization", person.organization)
    if new_organization != person.organization:
        require_perm(actor, "people.change", new_organization)
    _require_home(new_organization, changes.get("residence", person.residence), "residence", "Tổ dân phố")
    try:
        with transaction.atomic():
            return update_audited(
                person, changes, actor=actor, action="org.person.updated", organization=new_organization,
                extra_update_fields=["search_name", "sort_name", "updated"],
            )
    except IntegrityError as exc:
        raise ValidationError("Bản ghi trùng với một bản ghi đã có.") from exc
