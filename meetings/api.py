"""/api/v1/meetings: meetings, their attendance and decisions, and their minutes, resolution and conclusion notice
as DOCX or PDF, by the same services and scoping as the pages."""

from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from documents.models import Document
from meetings import exports, services
from meetings.models import Decision, Meeting, MeetingKind
from meetings.schemas import DecisionIn, DecisionOut, MeetingCorrectionIn, MeetingDetailOut, MeetingIn, MeetingOut
from members.models import PartyMember
from org.models import Committee, Organization, Person

router = Router(tags=["Cuộc họp"])


def _meetings(user):
    return Meeting.objects.for_user(user, "meetings.view").select_related(
        "organization", "committee", "chair", "secretary")


def _detail(user):
    return Meeting.objects.for_user(user, "meetings.view").with_record()


@router.get("/meetings", response={200: list[MeetingOut], **ERRORS})
@paginate(ApiPagination)
def list_meetings(request, organization: UUID | None = None, kind: MeetingKind | None = None,
                  year: int | None = Query(None, ge=1900, le=2100)):
    """Meetings visible to the caller, newest first; `organization`: that unit's subtree."""
    within = get_object_for_user(Organization, request.user, "org.view", pk=organization) if organization else None
    return _meetings(request.user).listing(kind=kind.value if kind else "", year=year, within=within)


@router.patch("/meetings/{meeting_id}", response={200: MeetingDetailOut, **VERSIONED_WRITE_ERRORS})
def correct_meeting(request, meeting_id: UUID, payload: MeetingCorrectionIn, response: HttpResponse,
                    if_match: str | None = if_match_header()):
    """Correct a meeting's record with a reason (audited); its day, body and decisions stand."""
    user = request.user
    meeting = get_object_for_user(Meeting, user, "meetings.change", pk=meeting_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason", "attendance", "guests", "agenda", "speeches",
                                                              "key_tasks", "chair", "secretary"})
    for field in ("chair", "secretary"):
        if field in payload.model_fields_set:
            value = getattr(payload, field)
            changes[field] = get_object_for_user(Person, user, "people.view", pk=value) if value else None
    rows = {name: [row.model_dump() for row in getattr(payload, name)]
            for name in ("guests", "agenda", "speeches") if getattr(payload, name) is not None}
    if payload.key_tasks is not None:
        rows["key_tasks"] = [
            {**task.model_dump(exclude={"assignee"}), "assignee": get_object_for_user(
                Organization, user, "org.view", pk=task.assignee) if task.assignee else None}
            for task in payload.key_tasks
        ]
    attendance = ({row.person: (row.presence, row.reason) for row in payload.attendance}
                  if payload.attendance is not None else None)
    services.correct_meeting(meeting, reason=payload.reason, attendance=attendance, actor=user,
                             version=if_match_version(if_match), **rows, **changes)
    return get_meeting(request, meeting_id, response)


@router.post("/meetings", response={201: MeetingDetailOut, **WRITE_ERRORS})
def create_meeting(request, payload: MeetingIn):
    """Enter a meeting: the attendance is the body's roster on the day (everyone present unless listed)."""
    user = request.user
    organization = get_object_for_user(Organization, user, "meetings.change", pk=payload.organization)
    committee = get_object_for_user(Committee, user, "org.view", pk=payload.committee) if payload.committee else None
    people = {
        field: get_object_for_user(Person, user, "people.view", pk=value) if value else None
        for field, value in (("chair", payload.chair), ("secretary", payload.secretary))
    }
    key_tasks = [
        {**task.model_dump(exclude={"assignee"}),
         "assignee": get_object_for_user(Organization, user, "org.view", pk=task.assignee) if task.assignee else None}
        for task in payload.key_tasks
    ]
    documents = [get_object_for_user(Document, user, "documents.view", pk=pk) for pk in payload.documents]
    record = services.MeetingRecord(
        organization=organization, committee=committee, **people,
        **payload.model_dump(include={"kind", "title", "starts_at", "ends_at", "place", "period_start", "period_end",
                                      "content", "conclusion"}),
        attendance={row.person: (row.presence, row.reason) for row in payload.attendance},
        guests=[g.model_dump() for g in payload.guests], agenda=[a.model_dump() for a in payload.agenda],
        speeches=[s.model_dump() for s in payload.speeches], key_tasks=key_tasks, documents=documents,
    )
    try:
        meeting, _decisions = services.enter_meeting(
            record, [_decision_fields(user, decision) for decision in payload.decisions], actor=user)
    except services.DecisionRefused as refused:
        raise ValidationError({f"decisions.{refused.index}": refused.error.messages}) from refused
    return Status(201, _detail(user).get(pk=meeting.pk))


def _decision_fields(user, payload: DecisionIn) -> dict:
    """record_decision's keyword arguments for one decision of the API, its member and document read in scope."""
    member = get_object_for_user(PartyMember, user, "members.view", pk=payload.member) if payload.member else None
    document = get_object_for_user(Document, user, "documents.view", pk=payload.document) if payload.document else None
    return {"member": member, "document": document, **payload.model_dump(exclude={"member", "document"})}


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS})
def get_meeting(request, meeting_id: UUID, response: HttpResponse):
    """A meeting with its attendance, guests, agenda, speeches, key tasks and decisions."""
    meeting = get_object_for_user(_detail(request.user), request.user, "meetings.view", pk=meeting_id)
    response["ETag"] = etag(meeting)
    return meeting


@router.post("/meetings/{meeting_id}/decisions", response={201: DecisionOut, **WRITE_ERRORS})
def record_decision(request, meeting_id: UUID, payload: DecisionIn):
    """Record one decision if the vote carries it (Điều lệ Đảng, Điều 4 and Điều 10); what it acts on moves with it.
    Refused with 400 and the rule when it does not, and nothing changes; `passed: false` records a vote that fell
    short."""
    user = request.user
    meeting = get_object_for_user(Meeting, user, "meetings.change", pk=meeting_id)
    decision = services.record_decision(meeting, **_decision_fields(user, payload), actor=user)
    return Status(201, Decision.objects.select_related("member__person", "document", "event").get(pk=decision.pk))


def _export(request, meeting_id: UUID, which: str, fmt: str):
    meeting = get_object_for_user(Meeting.objects.for_papers(), request.user, "meetings.view", pk=meeting_id)
    filename, content_type, content = exports.render_export(meeting, which, fmt, actor=request.user)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\""
    return response


Format = Literal["docx", "pdf"]


@router.get("/meetings/{meeting_id}/minutes", response={200: None, **ERRORS})
def minutes(request, meeting_id: UUID, format: Format = "docx"):
    """The minutes (biên bản) in the official layout (HD 36-HD/VPTW), as DOCX or PDF."""
    return _export(request, meeting_id, "minutes", format)


@router.get("/meetings/{meeting_id}/resolution", response={200: None, **ERRORS})
def resolution(request, meeting_id: UUID, format: Format = "docx"):
    """The resolution (nghị quyết) the meeting passed; 404 when it passed none."""
    return _export(request, meeting_id, "resolution", format)


@router.get("/meetings/{meeting_id}/conclusion", response={200: None, **ERRORS})
def conclusion(request, meeting_id: UUID, format: Format = "docx", signed_by: Literal["chair", "office"] = "chair"):
    """The conclusion notice (thông báo kết luận), signed by the chair on behalf of the body, or (`signed_by=office`)
    by the head of the ward's office by order of it ("T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG")."""
    return _export(request, meeting_id, "conclusion_office" if signed_by == "office" else "conclusion", format)
