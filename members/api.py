"""The members API: the list with search, a dossier with its events and deadlines, and recording events."""

import enum
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from audit.models import LogEntry
from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, Error, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from members import export_jobs, fees, import_jobs, imports, services
from members.dossier import dossier_queryset, read_dossier
from members.exports import export_file, export_members, unit_named
from members.lists import CLERK_LISTS, DEFAULT_DAYS, list_title, select_members
from members.models import MemberExport, MemberImport, PartyMember
from members.schemas import (
    EventIn,
    EventOut,
    ExportJobOut,
    FeePaymentIn,
    FeePaymentOut,
    FeeReliefIn,
    FeeReliefOut,
    FeesOut,
    ImportJobOut,
    ImportOut,
    ImportRefusedOut,
    IntroducerIn,
    IntroducerOut,
    MemberDetailOut,
    MemberIn,
    MemberOut,
    MemberPatch,
    TransferIn,
)
from org.models import Organization, Person
from org.schemas import LogEntryOut
from org.stats import WardIndex, dashboard_units

router = Router(tags=["Đảng viên"])
ClerkListKey = enum.StrEnum("ClerkListKey", {key: key for key in CLERK_LISTS})


def _members(user, perm="members.view"):
    return PartyMember.objects.for_user(user, perm).select_related("person", "organization")


@router.get("/members", response={200: list[MemberOut], **ERRORS})
@paginate(ApiPagination)
def list_members(
    request, q: str = "", organization: UUID | None = None, status: str = "", list: ClerkListKey | None = None,
    days: int = Query(DEFAULT_DAYS, ge=1, le=3660),
):
    """Members visible to the caller. `q`: name without diacritics, membership or card number, CCCD (word
    prefixes; listed by the word of the name matched, then by name, or for numbers alone by the number matched:
    membership, else card, else CCCD); `organization`: that unit's subtree; `status`: one status; `list`: one of
    the clerk's lists (`days` ahead for `probation`)."""
    within = get_object_for_user(Organization, request.user, "org.view", pk=organization) if organization else None
    return select_members(request.user, today=timezone.localdate(), q=q, status=status, key=list.value if list else "",
                          days=days, within=within)


@router.get("/members/export", response={200: None, 202: ExportJobOut, **ERRORS})
def export_member_list(
    request, q: str = "", organization: UUID | None = None, status: str = "", list: ClerkListKey | None = None,
    days: int = Query(DEFAULT_DAYS, ge=1, le=3660),
):
    """The same list as GET /members, as an .xlsx file with Vietnamese headers (audited). A list of more than 5,000
    members is written in the background: 202 with the export's `id`; follow it at `GET /api/v1/members/exports/{id}`
    until its `status` is `ready` (then GET its `file_url`) or `failed`."""
    within = get_object_for_user(Organization, request.user, "org.view", pk=organization) if organization else None
    today = timezone.localdate()
    key = list.value if list else ""
    members = select_members(request.user, today=today, q=q, status=status, key=key, days=days, within=within)
    title = list_title(key, today, status=status, unit=unit_named(request.user, within))
    wards = WardIndex(dashboard_units(request.user))
    several = wards.several and within is None
    if export_jobs.is_long(members):
        asked = export_jobs.ListAsked(today=today.isoformat(), q=q, status=status, key=key, days=days,
                                      within=str(within.pk) if within else None, several=several)
        return Status(202, export_jobs.queue_export(asked, title=title, actor=request.user))
    return export_members(members, title=title, actor=request.user, organization=within,
                          wards=wards if several else None)


@router.get("/members/exports/{id}", response={200: ExportJobOut, **ERRORS})
def member_export_status(request, id: UUID):
    """A member list exported in the background, as far as it has gone (only the user who asked reads it)."""
    return get_object_or_404(MemberExport, pk=id, created_by=request.user)


@router.get("/members/exports/{id}/file", response={200: None, **ERRORS})
def member_export_file(request, id: UUID):
    """The .xlsx of an export that is `ready`, while it is kept (`kept_until`); 404 before and after."""
    return export_file(get_object_or_404(MemberExport, pk=id, created_by=request.user))


@router.post("/members/import", response={201: ImportOut, 202: ImportJobOut, **WRITE_ERRORS, 400: ImportRefusedOut})
def import_member_list(request, file: File[UploadedFile]):
    """Import a member list (.xlsx, multipart field `file`; the columns as on the import page and in its template):
    all rows or none. A file of up to 100 KB (about 1,500 rows) is imported at once: 201, or 400 with every problem
    in `errors`, one line each: "dòng N, cột X: lý do". A larger one is imported in the background: 202 with the
    import's `id`; follow it at `GET /api/v1/members/imports/{id}` until its `status` is `imported`, `refused` (its
    `errors`) or `failed`."""
    try:
        result = import_jobs.import_or_queue(file, actor=request.user)
    except imports.ImportRefused as refused:
        return Status(400, {"detail": imports.REFUSED, "errors": refused.lines})
    if isinstance(result, MemberImport):
        return Status(202, result)
    return Status(201, result)


@router.get("/members/imports/{id}", response={200: ImportJobOut, **ERRORS})
def member_import_status(request, id: UUID):
    """A member list imported in the background, as far as it has gone (only its sender reads it)."""
    return get_object_or_404(MemberImport, pk=id, created_by=request.user)


@router.post("/members", response={201: MemberOut, **WRITE_ERRORS})
def register_member(request, payload: MemberIn):
    """Open an admission dossier: the person becomes a candidate (quần chúng ưu tú) of a chi bộ."""
    person = get_object_for_user(Person, request.user, "people.view", pk=payload.person)
    organization = get_object_for_user(Organization, request.user, "members.change", pk=payload.organization)
    member = services.register_candidate(
        person=person, organization=organization, day=payload.date, actor=request.user, note=payload.note
    )
    return Status(201, _members(request.user).get(pk=member.pk))


@router.post("/members/transfers-in", response={201: MemberOut, **WRITE_ERRORS})
def receive_member(request, payload: TransferIn):
    """Receive a member new to the system by official transfer from elsewhere (Quy định 294-QĐ/TW): their past dates
    as history, then the transfer in; late beyond 30 working days from the introduction only with a reason in `note`."""
    person = get_object_for_user(Person, request.user, "people.view", pk=payload.person)
    organization = get_object_for_user(Organization, request.user, "members.change", pk=payload.organization)
    fields = payload.model_dump(exclude={"person", "organization", "date", "interruptions"})
    member = services.receive_transfer(person=person, organization=organization, day=payload.date,
                                       interruptions=[(gap.start, gap.end) for gap in payload.interruptions],
                                       actor=request.user, **fields)
    return Status(201, _members(request.user).get(pk=member.pk))


def _detail(request, member_id: UUID) -> PartyMember:
    """The member, carrying the dossier MemberDetailOut reads (members.dossier, as the page reads it)."""
    dossier = read_dossier(dossier_queryset(_members(request.user)), request.user, member_id)
    dossier.member.dossier = dossier
    return dossier.member


@router.delete("/members/{id}/introducers/{introducer_id}", response={204: None, **WRITE_ERRORS})
def remove_introducer(request, id: UUID, introducer_id: UUID):
    """Remove an introducer entered by mistake, while the dossier is in its admission round."""
    candidate = get_object_for_user(PartyMember, request.user, "members.change", pk=id)
    services.remove_introducer(get_object_or_404(candidate.introducers, pk=introducer_id), actor=request.user)
    return Status(204, None)


@router.post("/members/{id}/introducers", response={201: IntroducerOut, **WRITE_ERRORS})
def add_introducer(request, id: UUID, payload: IntroducerIn):
    """An introducer of the candidate's current round (Điều lệ Đảng, Điều 4): an official member of the ward (by
    `member`; refused if not official on `introduced_on`), one from elsewhere by `name`, or the union's base
    committee (kind `union`)."""
    candidate = get_object_for_user(PartyMember, request.user, "members.change", pk=id)
    fields = payload.model_dump(exclude={"member"})
    if payload.member is not None:
        fields["member"] = get_object_for_user(PartyMember, request.user, "members.view", pk=payload.member)
    return Status(201, services.add_introducer(candidate, actor=request.user, **fields))


@router.get("/members/{id}", response={200: MemberDetailOut, **ERRORS, 403: Error})
def get_member(request, id: UUID, response: HttpResponse):
    """The full dossier; each read is audited (who read whose record)."""
    member = _detail(request, id)
    services.record_dossier_view(member, actor=request.user)
    response["ETag"] = etag(member)
    return member


@router.patch("/members/{id}", response={200: MemberDetailOut, **VERSIONED_WRITE_ERRORS})
def change_member(request, id: UUID, payload: MemberPatch, response: HttpResponse,
                  if_match: str | None = if_match_header()):
    member = get_object_for_user(PartyMember, request.user, "members.change", pk=id)
    changes = {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    if "organization" in changes:
        changes["organization"] = get_object_for_user(
            Organization, request.user, "members.change", pk=changes["organization"]
        )
    services.update_member(member, actor=request.user, version=if_match_version(if_match), **changes)
    member = _detail(request, id)
    response["ETag"] = etag(member)
    return member


@router.post("/members/{id}/events", response={201: EventOut, **WRITE_ERRORS})
def add_event(request, id: UUID, payload: EventIn):
    """Record a dated event (kind, date, decision…); refused with a 400 and a Vietnamese `detail` naming the
    rule when the Party's rules forbid it."""
    member = get_object_for_user(PartyMember, request.user, "members.change", pk=id)
    fields = payload.model_dump(exclude={"kind", "date"})
    fields["document"] = fields["document"] or ""
    event = services.record_event(member, kind=payload.kind, day=payload.date, actor=request.user, **fields)
    return Status(201, event)


def _fees(member: PartyMember) -> dict:
    today = timezone.localdate()
    window = fees.unpaid_window(today)
    reliefs = list(member.fee_reliefs.all())
    months = fees.member_fee_months(member, member.fee_payments.filter(month__gte=window[0]), today, reliefs)
    return {
        "fee_category": member.fee_category, "fee_base": member.fee_base,
        "monthly_fee": fees.due_for(member, fees.month_start(today), reliefs),
        "exempt_by_party_age": member.fee_exempt_by_party_age(fees.month_start(today)), "reliefs": reliefs,
        "owed_from": f"{member.fees_owed_from:%Y-%m}" if member.fees_owed_from else None,
        "unpaid_months": fees.unpaid_count(months, today), "months": months,
    }


@router.get("/members/{id}/fees", response={200: FeesOut, **ERRORS, 403: Error})
def member_fees(request, id: UUID):
    """The member's Party fee: the basis, the monthly amount by QĐ 01-QĐ/TW, and the past 12 months paid or not."""
    return _fees(get_object_for_user(_members(request.user), request.user, "members.view_dossier", pk=id))


@router.post("/members/{id}/fees", response={201: FeePaymentOut, **WRITE_ERRORS})
def pay_fee(request, id: UUID, payload: FeePaymentIn):
    """Record one month's Party fee paid (refused with a 400 naming the reason: month already recorded, member
    not on the roll, month before they pay here)."""
    member = get_object_for_user(_members(request.user), request.user, "members.fees", pk=id)
    month = fees.parse_month(payload.month)
    if month is None:
        raise ValidationError({"month": "Tháng không hợp lệ: hãy ghi dạng YYYY-MM, ví dụ 2026-10."})
    entry = payload.model_dump(include={"amount", "paid_on", "method", "note"})
    [payment] = services.record_fee_payments(month=month, entries=[{"member": member, **entry}], actor=request.user)
    return Status(201, payment)


@router.post("/members/{id}/fee-reliefs", response={201: FeeReliefOut, **WRITE_ERRORS})
def relieve_fee(request, id: UUID, payload: FeeReliefIn):
    """The chi bộ exempts, reduces or defers the member's Party fee for up to 12 months (Quy định 01-QĐ/TW, Điều 5);
    exempt and deferred months are then never unpaid."""
    member = get_object_for_user(_members(request.user), request.user, "members.fees", pk=id)
    months = {key: fees.parse_month(getattr(payload, key)) for key in ("start_month", "end_month")}
    for key, month in months.items():
        if month is None:
            raise ValidationError({key: "Tháng không hợp lệ: hãy ghi dạng YYYY-MM, ví dụ 2026-10."})
    fields = payload.model_dump(include={"kind", "reason", "percent", "decided_on", "note"})
    return Status(201, services.record_fee_relief(member, actor=request.user, **months, **fields))


@router.get("/members/{id}/history", response={200: list[LogEntryOut], **ERRORS, 403: Error})
@paginate(ApiPagination)
def member_history(request, id: UUID):
    """The audit entries of one member, newest first (needs the right to read the audit log)."""
    member = get_object_for_user(PartyMember, request.user, "audit.view", pk=id)
    return LogEntry.objects.for_object(member)
