"""The org API: the organisation tree, people and their change history. Handlers only translate."""

from uuid import UUID

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from django.http import HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from audit.models import LogEntry
from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, Error, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from org import merger
from org.models import Committee, CommitteeMember, Organization, Person, Position
from org.schemas import (
    LogEntryOut,
    MergerIn,
    MergerOut,
    OrganizationDetailOut,
    OrganizationOut,
    PersonIn,
    PersonOut,
    PersonPatch,
)
from org.search import ordered_people
from org.services import create_person, update_person

router = Router(tags=["Tổ chức, người"])


# Organisations ------------------------------------------------------------------------------------------------


def _organizations(user):
    """Visible organisations in tree order, each annotated with its parent's id (`parent_pk`) in the same query."""
    parent = Organization.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
    )
    return Organization.objects.for_user(user, "org.view").annotate(parent_pk=Subquery(parent.values("pk")[:1]))


@router.get("/organizations", response={200: list[OrganizationOut], **ERRORS})
@paginate(ApiPagination)
def list_organizations(request):
    return _organizations(request.user)


@router.post("/organizations/merge", response={200: MergerOut, 201: MergerOut, **WRITE_ERRORS})
def merge_wards(request, payload: MergerIn):
    """Merge two or more wards into a new ward (the 2025 reorganisation). With `dry_run` (the default) nothing
    changes: the answer says what would move and any `problems`. Without it, the merger is done in one audited
    transaction (201), or refused with a 400 listing the problems."""
    wards = [get_object_for_user(Organization, request.user, "org.change", pk=pk) for pk in payload.wards]
    parent = get_object_for_user(Organization, request.user, "org.change", pk=payload.parent)
    fields = {"wards": wards, "name": payload.name, "code": payload.code, "kind": payload.kind, "parent": parent,
              "merger_date": payload.merger_date, "actor": request.user}
    if payload.dry_run:
        plan, new_ward = merger.plan_merger(**fields), None
    else:
        new_ward, plan = merger.merge_wards(**fields)
    answer = {
        "dry_run": payload.dry_run, "new_ward": new_ward, "problems": plan.problems, "summary": plan.summary(),
        "positions_ended": [f"{p.person.full_name}: {p.label}, {p.organization.name}" for p, _ in plan.positions_ended],
    }
    return Status(200 if payload.dry_run else 201, answer)


@router.get("/organizations/{id}", response={200: OrganizationDetailOut, **ERRORS})
def get_organization(request, id: UUID):
    members = CommitteeMember.objects.select_related("person").order_by("start_date")
    organizations = _organizations(request.user).prefetch_related(
        Prefetch(
            "committees",
            queryset=Committee.objects.select_related("term").prefetch_related(Prefetch("memberships", members)),
        ),
        Prefetch(
            "positions",
            Position.objects.current().select_related("person").by_precedence(),
            to_attr="current_positions",
        ),
    )
    organization = get_object_for_user(organizations, request.user, "org.view", pk=id)
    children = Organization.objects.for_user(request.user, "org.view").filter(
        path__startswith=organization.path, depth=organization.depth + 1
    )
    organization.child_list = list(children)
    return organization


# People -------------------------------------------------------------------------------------------------------


def _people(user):
    return Person.objects.for_user(user, "people.view").select_related("organization", "residence")


def _resolve_references(user, fields: dict) -> dict:
    """Turn the organisation ids of a person's body into organisations the user may see (and write to)."""
    if fields.get("organization") is not None:
        fields["organization"] = get_object_for_user(
            Organization, user, "people.change", pk=fields["organization"]
        )
    if fields.get("residence") is not None:
        fields["residence"] = get_object_for_user(Organization, user, "org.view", pk=fields["residence"])
    return fields


@router.get("/people", response={200: list[PersonOut], **ERRORS})
@paginate(ApiPagination)
def list_people(request, q: str = "", organization: UUID | None = None):
    """People visible to the caller; `q` matches names without diacritics; `organization` keeps its subtree."""
    people, scope = _people(request.user), None
    if organization is not None:
        scope = get_object_for_user(Organization, request.user, "org.view", pk=organization)
        people = people.under(scope)
    return ordered_people(people, q, reader=request.user, within=scope)


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS})
def add_person(request, payload: PersonIn):
    fields = _resolve_references(request.user, payload.model_dump(exclude_unset=True))
    person = create_person(actor=request.user, **fields)
    return Status(201, person)


@router.get("/people/{id}", response={200: PersonOut, **ERRORS})
def get_person(request, id: UUID, response: HttpResponse):
    person = get_object_for_user(_people(request.user), request.user, "people.view", pk=id)
    response["ETag"] = etag(person)
    return person


@router.patch("/people/{id}", response={200: PersonOut, **VERSIONED_WRITE_ERRORS})
def change_person(request, id: UUID, payload: PersonPatch, response: HttpResponse,
                  if_match: str | None = if_match_header()):
    person = get_object_for_user(Person, request.user, "people.change", pk=id)
    changes = _resolve_references(request.user, payload.model_dump(exclude_unset=True))
    update_person(person, actor=request.user, version=if_match_version(if_match), **changes)
    return get_person(request, id, response)


@router.get("/people/{id}/history", response={200: list[LogEntryOut], **ERRORS, 403: Error})
@paginate(ApiPagination)
def person_history(request, id: UUID):
    """The audit entries of one person, newest first (needs the right to read the audit log)."""
    person = get_object_for_user(Person, request.user, "audit.view", pk=id)
    return LogEntry.objects.for_object(person)
