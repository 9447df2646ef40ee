"""The commendations' API: decisions with their recipients and counts."""

from uuid import UUID

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from commendations import services
from commendations.models import AwardKind, Commendation
from commendations.schemas import CommendationIn, CommendationOut
from core.api import ERRORS, WRITE_ERRORS, ApiPagination
from core.scoping import get_object_for_user
from documents.models import Document
from meetings.models import Meeting
from org.models import Organization, Person

router = Router(tags=["Khen thưởng"])


class CommendationFilters(Schema):
    organization: UUID | None = Field(None, description="Một phường, xã trong phạm vi được xem.")
    year: int | None = Field(None, ge=1990, le=2100, description="Năm của ngày quyết định.")
    kind: AwardKind | None = None


def _items(user):
    return (Commendation.objects.for_user(user, "commendations.view").select_related("ward").with_counts()
            .prefetch_related("recipients"))


@router.get("/commendations", response={200: list[CommendationOut], **ERRORS})
@paginate(ApiPagination)
def list_commendations(request, filters: Query[CommendationFilters]):
    """Decisions the caller sees, newest first, each with its `collectives` and `individuals` counted."""
    within = (get_object_for_user(Organization, request.user, "org.view", pk=filters.organization)
              if filters.organization else None)
    return _items(request.user).listing(year=filters.year, kind=filters.kind or "", within=within)


@router.post("/commendations", response={201: CommendationOut, **WRITE_ERRORS})
def create_commendation(request, payload: CommendationIn):
    """Record a decision with its recipients (all or nothing)."""
    user = request.user
    ward = get_object_for_user(Organization, user, "org.view", pk=payload.ward)
    commendation = services.record_commendation(
        ward=ward, actor=user, awarding_body=payload.awarding_body, kind=payload.kind, reason=payload.reason,
        decision_no=payload.decision_no, decided_on=payload.decided_on, presented_on=payload.presented_on,
        note=payload.note,
        document=(get_object_for_user(Document, user, "documents.view", pk=payload.document)
                  if payload.document else None),
        meeting=get_object_for_user(Meeting, user, "meetings.view", pk=payload.meeting) if payload.meeting else None,
        organizations=[get_object_for_user(Organization, user, "org.view", pk=key)
                       for key in dict.fromkeys(payload.organizations)],
        people=[get_object_for_user(Person, user, "people.view", pk=key) for key in dict.fromkeys(payload.people)],
        named_collectives=payload.named_collectives, named_individuals=payload.named_individuals)
    return Status(201, _items(user).get(pk=commendation.pk))


@router.get("/commendations/{commendation_id}", response={200: CommendationOut, **ERRORS})
def get_commendation(request, commendation_id: UUID):
    return get_object_for_user(_items(request.user), request.user, "commendations.view", pk=commendation_id)

