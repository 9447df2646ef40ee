"""/api/v1/documents: the registry of documents in and out, by the same services and scoping as the pages."""

from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from core.api import ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS, ApiPagination, if_match_header
from core.scoping import get_object_for_user
from core.versions import etag, if_match_version
from documents import services
from documents.files import open_stored
from documents.models import Direction, Document, DocumentStatus
from documents.papers import render_document_paper
from documents.schemas import (
    AttachmentOut,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    IssueIn,
    SendBackIn,
    SequenceIn,
    SequenceOut,
    WithdrawIn,
)
from documents.types import IssuingBody
from org.models import Organization

router = Router(tags=["Văn bản"])


def _documents(user):
    return (Document.objects.for_user(user, "documents.view").select_related("organization")
            .prefetch_related("attachments"))


@router.get("/documents", response={200: list[DocumentOut], **ERRORS})
@paginate(ApiPagination)
def list_documents(request, q: str = "", organization: UUID | None = None, direction: Direction | None = None,
                   status: DocumentStatus | None = None):
    """Documents visible to the caller. `q`: the symbol ("339-CV/QU", "15-ĐA") or words of the summary or the
    issuing body, with or without diacritics; `organization`: that unit's subtree."""
    within = get_object_for_user(Organization, request.user, "org.view", pk=organization) if organization else None
    return _documents(request.user).listing(q=q, direction=direction.value if direction else "",
                                            status=status.value if status else "", within=within)


@router.post("/documents", response={201: DocumentOut, **WRITE_ERRORS})
def create_document(request, payload: DocumentIn):
    """Register an incoming document or start an outgoing draft."""
    organization = get_object_for_user(Organization, request.user, "documents.change", pk=payload.organization)
    fields = payload.model_dump(exclude={"organization", "direction", "body"})
    if payload.direction == Direction.INCOMING:
        if payload.body != IssuingBody.COMMITTEE:
            raise ValidationError({"body": "Văn bản đến mang số của cơ quan đã ban hành nó."})
        document = services.register_incoming(organization=organization, actor=request.user, **fields)
    else:
        if payload.allow_duplicate:
            raise ValidationError({"allow_duplicate": "Chỉ dùng khi vào sổ văn bản đến."})
        document = services.draft_document(organization=organization, doc_type=payload.doc_type,
                                           summary=payload.summary, signer=payload.signer, note=payload.note,
                                           body=payload.body, actor=request.user)
    return Status(201, document)


@router.get("/documents/sequences", response={200: list[SequenceOut], **ERRORS})
@paginate(ApiPagination)
def list_sequences(request):
    """The numbering sequences of the terms in force today, of the issuers the caller may read."""
    issuers = Organization.objects.for_user(request.user, "documents.view")
    return services.sequences(issuers, on=timezone.localdate())


@router.post("/documents/sequences", response={201: SequenceOut, **WRITE_ERRORS})
def start_sequence(request, payload: SequenceIn):
    """Give a sequence the last number issued before the ward used the system (a ward adopting it mid-term)."""
    organization = get_object_for_user(Organization, request.user, "documents.change", pk=payload.organization)
    sequence = services.set_sequence_start(organization=organization, code=payload.code,
                                           last_number=payload.last_number, day=payload.day, body=payload.body,
                                           actor=request.user)
    return Status(201, sequence)


@router.get("/documents/awaiting-approval", response={200: list[DocumentOut], **ERRORS})
@paginate(ApiPagination)
def awaiting_approval(request):
    """The drafts awaiting the caller's approval (`decisions.approve`), oldest first: the secretary's queue."""
    return (Document.objects.for_user(request.user, "decisions.approve").awaiting_approval()
            .select_related("organization").prefetch_related("attachments"))


@router.get("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def get_document(request, document_id: UUID, response: HttpResponse):
    document = get_object_for_user(_documents(request.user), request.user, "documents.view", pk=document_id)
    response["ETag"] = etag(document)
    return document


@router.get("/documents/{document_id}/paper", response={200: None, **ERRORS})
def document_paper(request, document_id: UUID, format: Literal["docx", "pdf"] = "docx"):
    """A ward decision on a member as its own paper (Quyết định, DOCX or PDF); 404 for any other document."""
    document = get_object_for_user(_documents(request.user), request.user, "documents.view", pk=document_id)
    filename, content_type, content = render_document_paper(document, format, actor=request.user)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\""
    return response


@router.patch("/documents/{document_id}", response={200: DocumentOut, **VERSIONED_WRITE_ERRORS})
def change_document(request, document_id: UUID, payload: DocumentPatch, response: HttpResponse,
                    if_match: str | None = if_match_header()):
    """Correct a draft, or an incoming document's details; an issued outgoing document is not rewritten."""
    document = get_object_for_user(Document, request.user, "documents.change", pk=document_id)
    services.update_document(document, actor=request.user, version=if_match_version(if_match),
                             **payload.model_dump(exclude_unset=True))
    return get_document(request, document_id, response)


@router.post("/documents/{document_id}/approve", response={200: DocumentOut, **WRITE_ERRORS})
def approve_document(request, document_id: UUID):
    """Approve a draft for issuing (the secretaries: `decisions.approve`)."""
    document = get_object_for_user(Document, request.user, "decisions.approve", pk=document_id)
    return services.approve_document(document, actor=request.user)


@router.post("/documents/{document_id}/send-back", response={200: DocumentOut, **WRITE_ERRORS})
def send_back(request, document_id: UUID, payload: SendBackIn):
    """Send a draft back to the office with a reason (`decisions.approve`); it leaves the queue until resubmitted."""
    document = get_object_for_user(Document, request.user, "decisions.approve", pk=document_id)
    return services.send_back(document, reason=payload.reason, actor=request.user)


@router.post("/documents/{document_id}/resubmit", response={200: DocumentOut, **WRITE_ERRORS})
def resubmit(request, document_id: UUID):
    """Send a returned draft for approval again."""
    document = get_object_for_user(Document, request.user, "documents.change", pk=document_id)
    return services.resubmit_document(document, actor=request.user)


@router.post("/documents/{document_id}/issue", response={200: DocumentOut, **WRITE_ERRORS})
def issue_document(request, document_id: UUID, payload: IssueIn):
    """Issue an approved draft on `date`: it takes the next number of its type in the term (HD 36)."""
    document = get_object_for_user(Document, request.user, "documents.change", pk=document_id)
    return services.issue_document(document, day=payload.date, signer=payload.signer, actor=request.user)


@router.post("/documents/{document_id}/withdraw", response={200: DocumentOut, **WRITE_ERRORS})
def withdraw_document(request, document_id: UUID, payload: WithdrawIn):
    document = get_object_for_user(Document, request.user, "documents.change", pk=document_id)
    return services.withdraw_document(document, reason=payload.reason, actor=request.user)


@router.post("/documents/{document_id}/attachments", response={201: AttachmentOut, **WRITE_ERRORS})
def upload_attachment(request, document_id: UUID, file: File[UploadedFile]):
    """Attach a file (multipart field `file`: PDF, .docx, .doc, .xlsx, .xls, .odt, JPEG or PNG, at most 20 MB,
    checked by its content)."""
    document = get_object_for_user(Document, request.user, "documents.change", pk=document_id)
    return Status(201, services.attach_file(document, file=file, actor=request.user))


@router.get("/documents/{document_id}/attachments/{attachment_id}", response={200: None, **ERRORS})
def download_attachment(request, document_id: UUID, attachment_id: UUID):
    """The file itself, to whoever may read the document."""
    document = get_object_for_user(Document, request.user, "documents.view", pk=document_id)
    attachment = get_object_or_404(document.attachments, pk=attachment_id)
    return FileResponse(open_stored(attachment), as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type)

