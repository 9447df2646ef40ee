"""Changes to the document registry: register an incoming document, draft, approve and issue an outgoing one (its
number taken from its sequence under a row lock), supersede or withdraw. Each in one audited transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from audit.services import log_action, log_creation, update_audited
from core.scoping import require_perm
from core.text import clean_input
from core.versions import require_version
from documents.files import check_upload, sha256
from documents.models import (
    ADOPTABLE,
    TRANSITIONS,
    Attachment,
    Direction,
    Document,
    DocumentSequence,
    DocumentStatus,
)
from documents.symbols import parse_reference
from documents.types import CODES, INSPECTION_PREFIX, ISSUER_CODES, DocumentType, IssuingBody
from members.lifecycle import COMMITTEE_DECISIONS
from members.models import EventKind, PartyMember
from members.services import record_event
from org.models import WARD_KINDS, Organization, Term

CREATED_FIELDS = ["direction", "doc_type", "symbol", "issuer_name", "issued_on", "received_on", "signer", "summary"]
EDITABLE_FIELDS = ["doc_type", "issuer_name", "issued_on", "received_on", "signer", "summary", "note"]


def _save_new(document: Document, *, actor, action: str) -> Document:
    document.full_clean()
    document.refresh_search_text()
    document.save(force_insert=True)
    log_creation(action, actor=actor, obj=document, fields=CREATED_FIELDS, organization=document.organization)
    return document


@transaction.atomic
def register_incoming(*, organization: Organization, symbol: str, doc_type: str = "", issuer_name: str = "",
                      issued_on: datetime.date | None = None, received_on: datetime.date | None = None,
                      signer: str = "", summary: str, note: str = "", allow_duplicate: bool = False,
                      actor) -> Document:
    """Enter a document received from another body in the unit's register of incoming documents, from its number as
    written ("Công văn số 339-CV/QU", "339-CV/QU ngày 25/6/2021 của Quận ủy"): what the text says fills what the
    clerk left empty; received today unless told; the next số đến of the year. A document already entered (same
    number, type, issuer and date) is refused unless `allow_duplicate` (another copy, kept on purpose)."""
    require_perm(actor, "documents.change", organization)
    reference = read_reference(symbol)
    doc_type = doc_type or reference.doc_type or ""
    if not doc_type:
        raise ValidationError({"doc_type": f"“{reference.code}” có thể là nhiều thể loại: hãy chọn thể loại."})
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "Ngày đến không được sau hôm nay."})
    document = Document(
        organization=organization, direction=Direction.INCOMING, status=DocumentStatus.RECEIVED,
        doc_type=doc_type, number=reference.number, code=reference.code or CODES[doc_type],
        issuer_code=reference.issuer_code, issuer_name=issuer_name or reference.issuer_name,
        issued_on=issued_on or reference.issued_on, received_on=received_on, signer=signer, summary=summary,
        note=note,
    )
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one số đến at a time
    if not allow_duplicate:
        earlier = incoming_duplicate(document)
        if earlier is not None:
            raise ValidationError({"symbol": (
                f"Văn bản này đã vào sổ: {earlier}, số đến {earlier.received_no}, ngày đến "
                f"{earlier.received_on:%d/%m/%Y}. Nếu đây là một bản khác cần vào sổ, hãy đánh dấu “Vẫn vào sổ”."
            )})
    last = (Document.objects.filter(organization=organization, direction=Direction.INCOMING,
                                    received_on__year=received_on.year).aggregate(last=Max("received_no"))["last"])
    document.received_no = (last or 0) + 1
    return _save_new(document, actor=actor, action="documents.document.received")


def read_reference(symbol: str):
    """The citation a clerk typed, read (documents.symbols.parse_reference); refused naming the field."""
    try:
        return parse_reference(symbol)
    except ValueError as error:
        raise ValidationError({"symbol": str(error)}) from None


def incoming_duplicate(document: Document) -> Document | None:
    """An incoming document of the same unit already entered with the same number, type and issuer (and date, when
    both have one)."""
    same = Document.objects.filter(organization=document.organization, direction=Direction.INCOMING,
                                   number=document.number, code=document.code)
    if document.issuer_code:
        same = same.filter(issuer_code=document.issuer_code)
    else:
        same = same.filter(issuer_name__iexact=document.issuer_name)
    if document.issued_on:
        same = same.filter(Q(issued_on=document.issued_on) | Q(issued_on__isnull=True))
    return same.order_by("received_on", "created").first()


@transaction.atomic
def draft_document(*, organization: Organization, doc_type: str, summary: str, signer: str = "", note: str = "",
                   body: str = IssuingBody.COMMITTEE, actor) -> Document:
    """Start an outgoing document of `organization` (its Đảng ủy or a chi bộ), or of the ward's inspection committee
    (`body` "inspection": its own sequence and symbol, …/UBKTĐU). It gets its number when issued."""
    require_perm(actor, "documents.change", organization)
    if not doc_type:
        raise ValidationError({"doc_type": "Hãy chọn thể loại văn bản."})
    if organization.kind not in ISSUER_CODES:
        raise ValidationError({"organization": "Chỉ tổ chức đảng (Đảng ủy, chi bộ) ban hành văn bản của Đảng."})
    issuer_code, issuer_name = issuer_of(organization, body)
    document = Document(
        organization=organization, direction=Direction.OUTGOING, status=DocumentStatus.DRAFT, doc_type=doc_type,
        code=CODES.get(doc_type, ""), issuer_code=issuer_code, issuer_name=issuer_name,
        signer=signer, summary=summary, note=note,
    )
    return _save_new(document, actor=actor, action="documents.document.drafted")


@transaction.atomic
def update_document(document: Document, *, actor, version: int | None = None, **changes) -> dict:
    """Correct a draft, or the details of an incoming document; an issued outgoing document is not rewritten.
    `version`, the one the change was drawn from, is refused when stale."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_perm(actor, "documents.change", document.organization)
    require_version(document, version)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if document.is_outgoing and not document.is_editable_draft:
        raise ValidationError("Văn bản đã duyệt hoặc đã ban hành không sửa được; hãy trả về dự thảo hoặc ban "
                              "hành văn bản thay thế.")
    if "doc_type" in changes and document.is_outgoing:
        changes["code"] = CODES.get(changes["doc_type"], "")
    changed = update_audited(document, changes, actor=actor, action="documents.document.updated",
                             organization=document.organization)
    if changed:
        document.refresh_search_text()
        document.save(update_fields=["search_text"])
        if document.status == DocumentStatus.RETURNED:  # corrected: awaiting approval again
            _move(document, DocumentStatus.DRAFT, actor=actor, action="documents.document.resubmitted")
    return changed


def _move(document: Document, status: str, *, actor, action: str, extra: dict | None = None,
          fields: tuple[str, ...] = ()) -> Document:
    if status not in TRANSITIONS[document.status]:
        raise ValidationError(
            f"Văn bản đang ở tình trạng “{document.get_status_display()}”, không thể chuyển sang "
            f"“{DocumentStatus(status).label}”."
        )
    old = document.status
    document.status = status
    document.full_clean()
    document.refresh_search_text()
    document.save(update_fields=["status", "search_text", "updated", *fields])
    log_action(action, actor=actor, obj=document, organization=document.organization,
               data={"status": {"old": old, "new": status}, **(extra or {})})
    return document


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update(of=("self",)).select_related("organization").get(pk=document.pk)


@transaction.atomic
def approve_document(document: Document, *, actor) -> Document:
    """The secretary (or the standing committee's decision) approves a draft for issuing."""
    document = _locked(document)
    require_perm(actor, "decisions.approve", document.organization)
    if not document.is_outgoing:
        raise ValidationError("Văn bản đến không qua bước duyệt.")
    return _move(document, DocumentStatus.APPROVED, actor=actor, action="documents.document.approved")


@transaction.atomic
def send_back(document: Document, *, reason: str, actor) -> Document:
    """The secretary sends a draft (or an approved document not yet issued) back to the office with a reason; it
    leaves her queue until it is corrected or resubmitted."""
    document = _locked(document)
    require_perm(actor, "decisions.approve", document.organization)
    if not document.is_outgoing:
        raise ValidationError("Văn bản đến không qua bước duyệt.")
    if not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do trả lại để Văn phòng sửa."})
    document.returned_reason = reason.strip()
    return _move(document, DocumentStatus.RETURNED, actor=actor, action="documents.document.sent_back",
                 extra={"reason": reason.strip()}, fields=("returned_reason",))


@transaction.atomic
def resubmit_document(document: Document, *, actor) -> Document:
    """The office sends a returned draft for approval again (as it is, or after correcting it)."""
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    if document.status != DocumentStatus.RETURNED:  # an approval is undone only by those who approve
        raise ValidationError("Chỉ gửi lại văn bản đã bị trả lại để sửa.")
    return _move(document, DocumentStatus.DRAFT, actor=actor, action="documents.document.resubmitted")


@transaction.atomic
def return_to_draft(document: Document, *, actor) -> Document:
    document = _locked(document)
    require_perm(actor, "decisions.approve", document.organization)
    return _move(document, DocumentStatus.DRAFT, actor=actor, action="documents.document.returned")


def term_on(organization: Organization, day: datetime.date) -> Term:
    """The organisation's term (nhiệm kỳ) on `day`, through which its documents are numbered."""
    term = organization.term_on(day)
    if term is None:
        raise ValidationError(
            f"{organization.name} không có nhiệm kỳ nào đang có hiệu lực vào ngày {day:%d/%m/%Y}: số văn bản chạy "
            f"theo nhiệm kỳ (Hướng dẫn 36-HD/VPTW), hãy mở nhiệm kỳ mới (trang của tổ chức → Thêm nhiệm kỳ) trước "
            f"khi ban hành."
        )
    return term


def locked_sequence(organization: Organization, term: Term, code: str, issuer_code: str) -> DocumentSequence:
    """A sequence's row (the organisation's documents of `code` issued by the body `issuer_code` through the term),
    created if missing (a conflict with a concurrent creator is ignored), then locked until the transaction ends."""
    key = {"organization": organization, "term": term, "code": code, "issuer_code": issuer_code}
    DocumentSequence.objects.bulk_create([DocumentSequence(**key)], ignore_conflicts=True)
    return DocumentSequence.objects.select_for_update().get(**key)


def take_number(organization: Organization, term: Term, code: str, issuer_code: str) -> int:
    """The next number of a sequence, its row locked so that two issuers never get the same number."""
    sequence = locked_sequence(organization, term, code, issuer_code)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


@transaction.atomic
def issue_document(document: Document, *, day: datetime.date, signer: str = "", actor) -> Document:
    """Issue an approved outgoing document on `day`: it takes the next number of its type in the issuing
    organisation's current term (HD 36 §II.1.3: from 01 through the term, not restarting each year)."""
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    if not document.is_outgoing:
        raise ValidationError("Văn bản đến đã có số của cơ quan ban hành.")
    if document.status != DocumentStatus.APPROVED:
        raise ValidationError("Chỉ ban hành văn bản đã được duyệt.")
    if not (signer or document.signer):
        raise ValidationError({"signer": "Hãy ghi người ký văn bản."})
    term = term_on(document.organization, day)
    document.term = term
    document.number = take_number(document.organization, term, document.code, document.issuer_code)
    document.issued_on = day
    document.signer = signer or document.signer
    return _move(document, DocumentStatus.ISSUED, actor=actor, action="documents.document.issued",
                 extra={"symbol": document.symbol}, fields=("term", "number", "issued_on", "signer"))


def issuer_of(organization: Organization, body: str = IssuingBody.COMMITTEE) -> tuple[str, str]:
    """(the issuer's abbreviation, its name) of a document `organization` issues through `body`: "ĐU", "Đảng ủy
    phường Sài Đồng"; for its inspection committee "UBKTĐU", "Ủy ban Kiểm tra Đảng ủy phường Sài Đồng"."""
    if body not in IssuingBody.values:
        raise ValidationError({"body": "Hãy chọn Đảng ủy (chi bộ) hoặc Ủy ban Kiểm tra."})
    if organization.kind not in ISSUER_CODES:
        raise ValidationError({"organization": "Chỉ tổ chức đảng (Đảng ủy, chi bộ) có sổ văn bản của Đảng."})
    code = ISSUER_CODES[organization.kind]
    if body == IssuingBody.COMMITTEE:
        return code, organization.name
    if organization.kind not in WARD_KINDS:
        raise ValidationError({"body": "Chỉ Đảng ủy phường, xã có Ủy ban Kiểm tra ban hành văn bản ở đây."})
    return INSPECTION_PREFIX + code, f"Ủy ban Kiểm tra {organization.name}"


@transaction.atomic
def set_sequence_start(*, organization: Organization, code: str, last_number: int, actor, term: Term | None = None,
                       day: datetime.date | None = None, body: str = IssuingBody.COMMITTEE) -> DocumentSequence:
    """Give a sequence the last number the ward issued before it used this system (a ward that adopts it mid-term),
    so that the next document takes the number after it. Refused once the system has numbered in the sequence.
    `term`: the sequence's term; by default the term in force on `day` (today)."""
    require_perm(actor, "documents.change", organization)
    if term is None:
        term = term_on(organization, day or timezone.localdate())
    if term.organization_id != organization.pk:
        raise ValidationError({"term": "Nhiệm kỳ phải là nhiệm kỳ của chính tổ chức ban hành."})
    if code not in set(CODES.values()):
        raise ValidationError({"code": f"Chữ viết tắt “{code}” không phải thể loại văn bản đảng (NQ, QĐ, CV, …)."})
    if last_number < 0 or last_number > 9999:
        raise ValidationError({"last_number": "Số đã dùng phải từ 0 đến 9999."})
    issuer_code, _name = issuer_of(organization, body)
    sequence = locked_sequence(organization, term, code, issuer_code)
    numbered = Document.objects.filter(organization=organization, term=term, code=code, issuer_code=issuer_code,
                                       direction=Direction.OUTGOING, number__isnull=False).count()
    if numbered:
        raise ValidationError({"last_number": (
            f"Sổ {code}/{issuer_code} nhiệm kỳ {term.name} đã cấp {numbered} số trong hệ thống (số cuối "
            f"{sequence.last_number:02d}): không đặt lại số bắt đầu được."
        )})
    old = sequence.last_number
    sequence.last_number = last_number
    sequence.save(update_fields=["last_number"])
    log_action("documents.sequence.started", actor=actor, obj=term, organization=organization, data={
        "code": code, "issuer_code": issuer_code, "term": term.name, "last_number": {"old": old, "new": last_number},
        "summary": f"Sổ {code}/{issuer_code} nhiệm kỳ {term.name}: số tiếp theo {last_number + 1:02d}",
    })
    return sequence


@transaction.atomic
def adopt_document(document: Document, *, day: datetime.date, signer: str, by: str, actor) -> Document:
    """A collective body passed the draft at a meeting (`by` names the meeting): it is approved by that vote and
    issued the same day with its number. The clerk records it; the secretaries' own approval is not needed."""
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    if not document.is_outgoing or document.status not in ADOPTABLE:
        raise ValidationError({"document": f"Văn bản {document} không phải dự thảo đang chờ thông qua."})
    if document.status == DocumentStatus.DRAFT:
        _move(document, DocumentStatus.APPROVED, actor=actor, action="documents.document.approved",
              extra={"by": by})
    return issue_document(document, day=day, signer=signer, actor=actor)


@transaction.atomic
def withdraw_document(document: Document, *, reason: str, actor) -> Document:
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    if not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do thu hồi, hủy văn bản."})
    return _move(document, DocumentStatus.WITHDRAWN, actor=actor, action="documents.document.withdrawn",
                 extra={"reason": reason.strip()})


@transaction.atomic
def supersede_document(document: Document, *, by: Document, actor) -> Document:
    """Mark an issued document as replaced by another one of the same registry."""
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    if by.pk == document.pk or by.organization_id != document.organization_id:
        raise ValidationError({"by": "Văn bản thay thế phải là một văn bản khác của cùng đơn vị."})
    if by.status not in (DocumentStatus.ISSUED, DocumentStatus.RECEIVED):
        raise ValidationError({"by": "Văn bản thay thế phải đã ban hành (văn bản đến: đã vào sổ)."})
    document.superseded_by = by
    return _move(document, DocumentStatus.SUPERSEDED, actor=actor, action="documents.document.superseded",
                 extra={"by": str(by)}, fields=("superseded_by",))


@transaction.atomic
def attach_file(document: Document, *, file, actor) -> Attachment:
    """Keep a file with a document (the signed scan, the draft in Word), once its content is checked. The stored
    file is removed again if the record cannot be saved."""
    document = _locked(document)
    require_perm(actor, "documents.change", document.organization)
    kind = check_upload(file)
    attachment = Attachment(document=document, name=clean_input(file.name)[-255:], content_type=kind.content_type,
                            size=file.size, sha256=sha256(file), uploaded_by=actor)
    attachment.file.save(attachment.name, file, save=False)
    try:
        attachment.save(force_insert=True)
        log_action("documents.attachment.added", actor=actor, obj=document, organization=document.organization,
                   data={"file": attachment.name, "size": attachment.size, "sha256": attachment.sha256})
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def issue_member_decision(member: PartyMember, *, kind: str, day: datetime.date, signer: str, actor,
                          summary: str = "", **fields) -> Document:
    """A decision of the ward on one of its members (admission, official recognition, removal: docs/rules.md §1.7, §2.8,
    from 01/7/2025): a Quyết định of the ward's register, issued on `day` with the next number of the QĐ sequence of
    its term in force, and the member's event recorded with that number (members.services.record_event, which
    asks the membership rules). All or nothing: a refusal keeps neither the number nor the event."""
    ward = member.organization.home_unit()
    require_perm(actor, "documents.change", ward)
    if kind not in COMMITTEE_DECISIONS:
        raise ValidationError({"kind": f"“{EventKind(kind).label}” không phải quyết định của Đảng ủy về đảng viên."})
    if not signer.strip():
        raise ValidationError({"signer": "Hãy ghi người ký quyết định."})
    term = term_on(ward, day)
    code = CODES[DocumentType.DECISION]
    document = Document(
        organization=ward, direction=Direction.OUTGOING, status=DocumentStatus.ISSUED,
        doc_type=DocumentType.DECISION, code=code, issuer_code=ISSUER_CODES[ward.kind], issuer_name=ward.name,
        issued_on=day, signer=signer.strip(), term=term,
        summary=summary.strip() or f"{DECISION_SUBJECTS[kind]} đối với {member.person.full_name}",
    )
    document.number = take_number(ward, term, code, document.issuer_code)
    document.member_event = record_event(
        member, kind=kind, day=day, actor=actor, by_registry=True, decision_no=document.symbol,
        issuer=ward.name, signer=signer.strip(), **fields,
    )
    _save_new(document, actor=actor, action="documents.document.issued")
    return document


# The subject line of a ward decision on a member (the forms 9-KNĐ, 16-KNĐ of HD 12-HD/BTCTW).
DECISION_SUBJECTS = {
    EventKind.ADMISSION_DECISION: "Về việc kết nạp đảng viên",
    EventKind.READMISSION_DECISION: "Về việc kết nạp lại đảng viên",
    EventKind.RECOGNITION_DECISION: "Về việc công nhận đảng viên chính thức",
    EventKind.REMOVAL: "Về việc xóa tên đảng viên",
    EventKind.PROBATION_REMOVAL: "Về việc xóa tên trong danh sách đảng viên dự bị",
}


def sequences(organizations, *, on: datetime.date):
    """The numbering sequences of `organizations` in their terms in force on `on`, with what the next number is."""
    terms = Term.objects.filter(organization__in=organizations).holding(on)
    return (DocumentSequence.objects.filter(term__in=terms).select_related("organization", "term")
            .order_by("organization__path", "code"))
