"""Pages of the document registry: the list with search, a document, and the forms that enter and issue them."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from core.htmx import wants_fragment
from core.http import download
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, submit
from documents import services
from documents.files import open_stored
from documents.forms import (
    AttachmentForm,
    DraftEditForm,
    DraftForm,
    IncomingForm,
    IssueForm,
    SendBackForm,
    SequenceStartForm,
    WithdrawForm,
    read_back,
)
from documents.models import Direction, Document, DocumentStatus
from documents.papers import render_document_paper
from documents.types import ISSUER_CODES
from org.models import Organization
from org.views.common import ward_scope


@login_required
def document_list(request):
    query = request.GET.get("q", "").strip()
    direction = request.GET.get("direction", "")
    direction = direction if direction in Direction.values else ""
    status = request.GET.get("status", "")
    status = status if status in DocumentStatus.values else ""
    wards, ward = ward_scope(request)
    documents = (Document.objects.for_user(request.user, "documents.view").select_related("organization")
                 .listing(q=query, direction=direction, status=status, within=ward))
    page = paginate(request, documents)
    wards.mark(page)
    context = {
        "page": page,
        "wards": wards,
        "ward": ward,
        "query": query,
        "direction": direction,
        "directions": Direction.choices,
        "status": status,
        "statuses": DocumentStatus.choices,
        "can_change": has_any_perm(request.user, "documents.change"),
    }
    if wants_fragment(request):
        return render(request, "documents/document_list.html#results", context)
    return render(request, "documents/document_list.html", context)


def _entry_form(request, form_class, service, title: str, organizations, **context):
    form = form_class(request.POST or None, organizations=organizations)
    saved, document = submit(request, form, service, actor=request.user)
    if saved:
        return redirect(document)
    return render(request, "org/form.html", {"form": form, "title": title, "back_url": "document_list", **context})


READ_BUTTON = ("read", "Đọc số, ký hiệu")


@login_required
@require_http_methods(["GET", "POST"])
def document_receive(request):
    """Enter an incoming document in the register of incoming documents (văn bản đến). "Đọc số, ký hiệu" fills the
    fields left empty from the number as written, and saves nothing."""
    organizations = Organization.objects.for_user(request.user, "documents.change").filter(kind__in=ISSUER_CODES)
    title = "Vào sổ văn bản đến"
    if request.method == "POST" and READ_BUTTON[0] in request.POST:
        values, read = read_back(request.POST)
        form = IncomingForm(initial=values, organizations=organizations)
        return render(request, "org/form.html", {"form": form, "title": title, "back_url": "document_list",
                                                 "read": read, "extra_button": READ_BUTTON})
    return _entry_form(request, IncomingForm, services.register_incoming, title, organizations,
                       extra_button=READ_BUTTON)


@login_required
@require_http_methods(["GET", "POST"])
def document_draft(request):
    """Start an outgoing document (văn bản đi); it is numbered when issued."""
    organizations = Organization.objects.for_user(request.user, "documents.change").filter(kind__in=ISSUER_CODES)
    return _entry_form(request, DraftForm, services.draft_document, "Soạn văn bản đi", organizations)


@login_required
@require_http_methods(["GET", "POST"])
def sequence_list(request):
    """The numbering sequences of the terms in force today, and, for the clerk, the form that gives one its starting
    number (a ward adopting the system mid-term)."""
    today = timezone.localdate()
    issuers = Organization.objects.for_user(request.user, "documents.view").filter(kind__in=ISSUER_CODES)
    changeable = Organization.objects.for_user(request.user, "documents.change").filter(kind__in=ISSUER_CODES)
    form = SequenceStartForm(request.POST or None, organizations=changeable) if changeable.exists() else None
    if form is not None:
        saved, sequence = submit(request, form, services.set_sequence_start, actor=request.user)
        if saved:
            messages.success(request, f"Sổ {sequence.code} nhiệm kỳ {sequence.term.name} của "
                                      f"{sequence.organization.name}: văn bản tiếp theo mang số "
                                      f"{sequence.next_number:02d}.")
            return redirect("document_sequences")
    context = {"page": paginate(request, services.sequences(issuers, on=today)), "form": form, "today": today}
    return render(request, "documents/sequence_list.html", context)


def _document(request, pk, perm="documents.view") -> Document:
    return get_object_for_user(Document.objects.select_related("organization", "term", "superseded_by"),
                               request.user, perm, pk=pk)


@login_required
def document_detail(request, pk):
    document = _document(request, pk)
    organization = document.organization
    can_change = has_perm(request.user, "documents.change", organization)
    context = {
        "document": document,
        "can_approve": document.may_become(DocumentStatus.APPROVED)
        and has_perm(request.user, "decisions.approve", organization),
        "can_send_back": document.may_become(DocumentStatus.RETURNED)
        and has_perm(request.user, "decisions.approve", organization),
        "can_resubmit": document.status == DocumentStatus.RETURNED and can_change,
        "can_edit": document.is_editable_draft and can_change,
        "send_back_form": SendBackForm(),
        "can_issue": document.may_become(DocumentStatus.ISSUED) and can_change,
        "can_withdraw": document.may_become(DocumentStatus.WITHDRAWN) and can_change,
        "issue_form": IssueForm(initial={"day": timezone.localdate(), "signer": document.signer}),
        "withdraw_form": WithdrawForm(),
        "attachment_form": AttachmentForm() if can_change else None,
        "attachments": document.attachments.all(),
        "meetings": document.meetings.for_user(request.user, "meetings.view").select_related("organization",
                                                                                           "committee"),
        "history": history_for(request.user, [document], organization),
    }
    return render(request, "documents/document_detail.html", context)


def _act(request, document, service, done: str, form=None):
    """Run one transition from the document page; its refusal is shown there."""
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(document)
    try:
        service(document, actor=request.user, **(form.cleaned_data if form is not None else {}))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(document)


@login_required
@require_POST
def document_approve(request, pk):
    document = _document(request, pk, "decisions.approve")
    return _act(request, document, services.approve_document, "Đã duyệt văn bản.")


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    """Correct a draft (or one the secretary sent back: saved, it awaits her approval again)."""
    document = _document(request, pk, "documents.change")
    if not document.is_editable_draft:
        raise Http404("Chỉ sửa được dự thảo văn bản đi.")
    form = DraftEditForm(request.POST or None, initial={
        "doc_type": document.doc_type, "summary": document.summary, "signer": document.signer, "note": document.note,
        "version": document.version})
    saved, _changed = submit(request, form, services.update_document, document, actor=request.user)
    if saved:
        messages.success(request, "Đã sửa dự thảo." + (" Dự thảo đã được gửi lại để duyệt."
                                                      if document.status == DocumentStatus.RETURNED else ""))
        return redirect(document)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa dự thảo — {document}", "back": document})


@login_required
@require_GET
def document_paper(request, pk):
    """A ward decision on a member as its own paper (DOCX or PDF), numbered from the register."""
    document = _document(request, pk)
    filename, content_type, content = render_document_paper(document, request.GET.get("format", "docx"),
                                                            actor=request.user)
    return download(content, content_type=content_type, filename=filename)


@login_required
@require_POST
def document_send_back(request, pk):
    document = _document(request, pk, "decisions.approve")
    return _act(request, document, services.send_back, "Đã trả lại dự thảo để Văn phòng sửa.",
                form=SendBackForm(request.POST))


@login_required
@require_POST
def document_resubmit(request, pk):
    document = _document(request, pk, "documents.change")
    return _act(request, document, services.resubmit_document, "Đã gửi lại dự thảo để duyệt.")


@login_required
@require_POST
def document_issue(request, pk):
    document = _document(request, pk, "documents.change")
    return _act(request, document, services.issue_document, "Đã ban hành và cấp số văn bản.",
                form=IssueForm(request.POST))


@login_required
@require_POST
def document_withdraw(request, pk):
    document = _document(request, pk, "documents.change")
    return _act(request, document, services.withdraw_document, "Đã thu hồi, hủy văn bản.",
                form=WithdrawForm(request.POST))


@login_required
@require_POST
def document_attach(request, pk):
    document = _document(request, pk, "documents.change")
    return _act(request, document, services.attach_file, "Đã đính kèm tệp.",
                form=AttachmentForm(request.POST, request.FILES))


@login_required
def attachment_download(request, pk, attachment_pk):
    """A document's file, to whoever may read the document."""
    document = _document(request, pk)
    attachment = get_object_or_404(document.attachments, pk=attachment_pk)
    return FileResponse(open_stored(attachment), as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type)

