"""The inspection programs' API: the items, planned versus done per quarter, conclusions and follow-ups."""

from uuid import UUID

from django.db import transaction
from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from documents.models import Document
from inspections import services
from inspections.models import FollowUp, Inspection, InspectionProgram, InspectionStatus
from inspections.schemas import (
    FollowUpDoneIn,
    FollowUpIn,
    FollowUpOut,
    InspectionIn,
    InspectionOut,
    InspectionPatch,
    QuarterOut,
)
from members.models import PartyMember
from org.models import Organization, Person

router = Router(tags=["Kiểm tra, giám sát"])


class InspectionFilters(Schema):
    organization: UUID | None = Field(None, description="Một phường, xã (Đảng ủy) trong phạm vi được xem.")
    year: int | None = Field(None, ge=2000, le=2100)
    quarter: int | None = Field(None, ge=1, le=4)
    status: InspectionStatus | None = None
    program: InspectionProgram | None = Field(None, description="committee: của Đảng ủy; inspection: của UBKT.")


def _items(user):
    return (Inspection.objects.for_user(user, "inspections.view")
            .select_related("ward", "subject_organization", "subject_member__person", "team_lead",
                            "conclusion_document")
            .prefetch_related("team", "follow_ups"))


def _listed(user, filters: InspectionFilters):
    within = (get_object_for_user(Organization, user, "org.view", pk=filters.organization)
              if filters.organization else None)
    return _items(user).listing(within=within, year=filters.year, quarter=filters.quarter,
                                status=filters.status or "", program=filters.program or "")


@router.get("/inspections", response={200: list[InspectionOut], **ERRORS})
@paginate(ApiPagination)
def list_inspections(request, filters: Query[InspectionFilters]):
    """The items of the programs the caller sees, by ward, year, quarter."""
    return _listed(request.user, filters)


@router.get("/inspections/summary", response={200: list[QuarterOut], **ERRORS})
def inspection_summary(request, filters: Query[InspectionFilters]):
    """Planned versus done per quarter, then the whole year (quarter null), of the items the filters pick."""
    return [row.as_dict() for row in _listed(request.user, filters).quarter_summary()]


def _subjects(user, payload) -> dict:
    """The subject and team an item names, each read only if the caller may see it (404 otherwise)."""
    fields = payload.model_fields_set
    found = {}
    if "subject_organization" in fields:
        found["subject_organization"] = (get_object_for_user(Organization, user, "org.view",
                                                             pk=payload.subject_organization)
                                         if payload.subject_organization else None)
    if "subject_member" in fields:
        found["subject_member"] = (get_object_for_user(PartyMember.objects.select_related("organization"), user,
                                                       "members.view", pk=payload.subject_member)
                                   if payload.subject_member else None)
    if "team_lead" in fields:
        found["team_lead"] = (get_object_for_user(Person, user, "people.view", pk=payload.team_lead)
                              if payload.team_lead else None)
    if "team" in fields and payload.team is not None:
        found["team"] = [get_object_for_user(Person, user, "people.view", pk=key)
                         for key in dict.fromkeys(payload.team)]
    return found


@router.post("/inspections", response={201: InspectionOut, **WRITE_ERRORS})
def create_inspection(request, payload: InspectionIn):
    """Plan an inspection or supervision on a ward's program (the Đảng ủy's or its UBKT's) for a quarter."""
    user = request.user
    ward = get_object_for_user(Organization, user, "org.view", pk=payload.ward)
    found = _subjects(user, payload)
    item = services.plan_inspection(
        ward=ward, actor=user, program=payload.program, year=payload.year, quarter=payload.quarter,
        kind=payload.kind, mode=payload.mode, content=payload.content, period_covered=payload.period_covered,
        started_on=payload.started_on, ended_on=payload.ended_on,
        subject_organization=found.get("subject_organization"), subject_member=found.get("subject_member"),
        team_lead=found.get("team_lead"), team=found.get("team", []))
    return Status(201, _items(user).get(pk=item.pk))


@router.get("/inspections/{inspection_id}", response={200: InspectionOut, **ERRORS})
def get_inspection(request, inspection_id: UUID, response: HttpResponse):
    item = get_object_for_user(_items(request.user), request.user, "inspections.view", pk=inspection_id)
    response["ETag"] = etag(item)
    return item


@router.patch("/inspections/{inspection_id}", response={200: InspectionOut, **VERSIONED_WRITE_ERRORS})
def change_inspection(request, inspection_id: UUID, payload: InspectionPatch, response: HttpResponse,
                      if_match: str | None = if_match_header()):
    """Correct an item; move it (`status`: in_progress, planned, cancelled); conclude it (`status` concluded with
    `conclusion` and `concluded_on`); name its conclusion's document in the registry. All or nothing."""
    user = request.user
    item = get_object_for_user(Inspection.objects.select_related("ward"), user, "inspections.view", pk=inspection_id)
    version = if_match_version(if_match)
    changes = payload.model_dump(exclude_unset=True, exclude={"subject_organization", "subject_member", "team_lead",
                                                             "team", "status", "conclusion_document"})
    found = _subjects(user, payload)
    team = found.pop("team", None)
    changes |= found
    status = payload.status
    document = (get_object_for_user(Document, user, "documents.view", pk=payload.conclusion_document)
                if payload.conclusion_document else None)
    concluding = status == InspectionStatus.CONCLUDED and item.status != InspectionStatus.CONCLUDED
    with transaction.atomic():
        conclusion = {key: changes.pop(key) for key in ("conclusion", "concluded_on") if key in changes} \
            if concluding else {}
        if changes or team is not None:
            services.update_inspection(item, actor=user, version=version, team=team, **changes)
            version = None
        if concluding:
            services.conclude_inspection(item, actor=user, version=version, conclusion=conclusion.get("conclusion", ""),
                                         concluded_on=conclusion.get("concluded_on"))
        elif status is not None and status != item.status:
            services.move_inspection(item, status=status, actor=user, version=version)
        if document is not None:
            services.link_conclusion(item, document=document, actor=user)
    return get_inspection(request, inspection_id, response)


@router.post("/inspections/{inspection_id}/follow-ups", response={201: FollowUpOut, **WRITE_ERRORS})
def create_follow_up(request, inspection_id: UUID, payload: FollowUpIn):
    """What the conclusion requires of its subject, by when."""
    item = get_object_for_user(Inspection, request.user, "inspections.view", pk=inspection_id)
    return Status(201, services.add_follow_up(item, text=payload.text, due_on=payload.due_on, actor=request.user))


@router.post("/inspections/follow-ups/{follow_up_id}/done", response={200: FollowUpOut, **WRITE_ERRORS})
def complete_follow_up(request, follow_up_id: UUID, payload: FollowUpDoneIn):
    """The subject fixed what it was asked to."""
    follow_up = get_object_for_user(FollowUp, request.user, "inspections.view", pk=follow_up_id)
    return services.complete_follow_up(follow_up, done_on=payload.done_on, result=payload.result, actor=request.user)

