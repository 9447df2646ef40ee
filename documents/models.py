"""The registry of Party documents: incoming from other bodies, outgoing from the ward's own, and their numbers."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.scoping import ScopedQuerySet
from core.search import fold, search_q
from core.text import NOTE_MAX
from core.versions import Versioned
from documents.symbols import format_symbol
from documents.types import DocumentType


class Direction(models.TextChoices):
    INCOMING = "incoming", "Văn bản đến"
    OUTGOING = "outgoing", "Văn bản đi"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã duyệt"
    ISSUED = "issued", "Đã ban hành"
    # An incoming document: entered in the register of incoming documents with its số đến.
    RECEIVED = "received", "Đã vào sổ đến"
    # A draft the secretary sent back with a reason (Document.returned_reason); corrected, it awaits approval again.
    RETURNED = "returned", "Trả lại để sửa"
    SUPERSEDED = "superseded", "Bị thay thế"
    WITHDRAWN = "withdrawn", "Thu hồi, hủy"


# An outgoing document a collective body may still pass at a meeting (documents.services.adopt_document).
ADOPTABLE = {DocumentStatus.DRAFT, DocumentStatus.APPROVED}

# An outgoing document's way: drafted, approved, issued with its number; then maybe superseded or withdrawn.
# An incoming one is entered in the register of incoming documents (received) and may later be superseded or
# withdrawn.
TRANSITIONS: dict[str, set[str]] = {
    DocumentStatus.DRAFT: {DocumentStatus.APPROVED, DocumentStatus.RETURNED, DocumentStatus.WITHDRAWN},
    DocumentStatus.APPROVED: {DocumentStatus.ISSUED, DocumentStatus.DRAFT, DocumentStatus.RETURNED,
                              DocumentStatus.WITHDRAWN},
    DocumentStatus.RETURNED: {DocumentStatus.DRAFT, DocumentStatus.WITHDRAWN},
    DocumentStatus.ISSUED: {DocumentStatus.SUPERSEDED, DocumentStatus.WITHDRAWN},
    DocumentStatus.RECEIVED: {DocumentStatus.SUPERSEDED, DocumentStatus.WITHDRAWN},
    DocumentStatus.SUPERSEDED: set(),
    DocumentStatus.WITHDRAWN: set(),
}


class DocumentQuerySet(ScopedQuerySet):
    def search(self, query: str):
        """Accent-insensitive: every word of the query appears in the symbol, the summary or the issuing body
        ("15-DA/QU", "de an sap xep", "339")."""
        return self.filter(search_q(query, "search_text"))

    def adoptable(self, organization):
        """`organization`'s outgoing drafts a meeting of its body may pass (and so issue), oldest first."""
        return self.filter(organization=organization, direction=Direction.OUTGOING,
                           status__in=ADOPTABLE).order_by("created")

    def awaiting_approval(self):
        """Outgoing drafts awaiting the secretary's approval, oldest first (the queue of her dashboard)."""
        return self.filter(direction=Direction.OUTGOING, status=DocumentStatus.DRAFT).order_by("created", "id")

    def listing(self, *, q: str = "", direction: str = "", status: str = "", within=None):
        """The registry filtered as the pages and the API filter it, newest first (`within`: a unit's subtree)."""
        documents = self
        if within is not None:
            documents = documents.filter(organization__path__startswith=within.path)
        if direction:
            documents = documents.filter(direction=direction)
        if status:
            documents = documents.filter(status=status)
        return documents.search(q).order_by("-issued_on", "-created", "id")


class Document(Versioned):
    """One Party document in a ward's registry. An outgoing one is issued by `organization` (the ward's Đảng ủy
    or a chi bộ) and numbered by it; an incoming one is kept by `organization` and numbered by its author."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "org.Organization", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="documents",
        help_text="Văn bản đi: tổ chức ban hành. Văn bản đến: đơn vị nhận, lưu.",
    )
    direction = models.CharField("loại sổ", max_length=10, choices=Direction.choices)
    doc_type = models.CharField("thể loại", max_length=20, choices=DocumentType.choices)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    code = models.CharField("chữ viết tắt thể loại", max_length=10, blank=True, help_text="Ví dụ: NQ, CV, QĐ")
    issuer_code = models.CharField("chữ viết tắt cơ quan ban hành", max_length=20, blank=True,
                                   help_text="Ví dụ: ĐU, QU, TW")
    issuer_name = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    received_on = models.DateField("ngày đến", null=True, blank=True)
    received_no = models.PositiveIntegerField(
        "số đến", null=True, blank=True, editable=False,
        help_text="Số thứ tự trong sổ văn bản đến của đơn vị, từ 1 mỗi năm.",
    )
    signer = models.CharField("người ký", max_length=150, blank=True)
    summary = models.TextField("trích yếu", max_length=NOTE_MAX)
    status = models.CharField("tình trạng", max_length=12, choices=DocumentStatus.choices, editable=False)
    term = models.ForeignKey(
        "org.Term", verbose_name="nhiệm kỳ (đánh số)", on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="documents",
    )
    superseded_by = models.ForeignKey(
        "self", verbose_name="thay thế bởi", on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="supersedes",
    )
    member_event = models.OneToOneField(
        "members.MembershipEvent", verbose_name="quyết định về đảng viên", on_delete=models.PROTECT, null=True,
        blank=True, editable=False, related_name="paper",
        help_text="Quyết định kết nạp, công nhận chính thức, xóa tên do Đảng ủy ban hành (từ 01/7/2025).",
    )
    search_text = models.TextField(editable=False, blank=True)
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    returned_reason = models.TextField("lý do trả lại", blank=True, editable=False,
                                       help_text="Lần gần nhất Thường trực trả lại dự thảo để sửa.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()
    view_permission = "documents.view"

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-created"]
        indexes = [models.Index(fields=["organization", "direction", "-issued_on"])]
        constraints = [
            # Never two outgoing documents with one number in one sequence (HD 36 §II.1.3: per type, per term).
            models.UniqueConstraint(
                fields=["organization", "term", "code", "issuer_code", "number"], condition=Q(direction="outgoing"),
                name="document_unique_outgoing_number_per_body",
                violation_error_message="Số này đã được cấp cho một văn bản khác cùng thể loại trong nhiệm kỳ.",
            ),
            models.CheckConstraint(
                condition=~Q(direction="outgoing", status__in=["issued", "superseded"], number__isnull=True),
                name="document_issued_has_number",
                violation_error_message="Văn bản đi đã ban hành phải có số.",
            ),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} {self.symbol or '(chưa có số)'}"

    def get_absolute_url(self):
        return reverse("document_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj.organization

    @property
    def symbol(self) -> str:
        """ "12-NQ/ĐU", or "" before it has a number."""
        if self.number is None:
            return ""
        if self.code and self.issuer_code:
            return format_symbol(self.number, self.code, self.issuer_code)
        return f"{self.number:02d}"

    @property
    def name(self) -> str:
        """"Kế hoạch tổ chức hội nghị …": the type and the subject line (the type not repeated when the subject
        already starts with it), as a sentence names the document."""
        kind, summary = self.get_doc_type_display(), self.summary.strip().rstrip(".")
        if summary.lower().startswith(kind.lower()):
            return kind + summary[len(kind):]
        return f"{kind} {summary[0].lower()}{summary[1:]}" if summary else kind

    @property
    def is_outgoing(self) -> bool:
        return self.direction == Direction.OUTGOING

    @property
    def is_editable_draft(self) -> bool:
        """An outgoing document the office may still correct: a draft, or one the secretary sent back."""
        return self.is_outgoing and self.status in (DocumentStatus.DRAFT, DocumentStatus.RETURNED)

    def may_become(self, status: str) -> bool:
        """Whether TRANSITIONS lead from this document's status to `status` (approval is for outgoing drafts)."""
        if status == DocumentStatus.APPROVED and not self.is_outgoing:
            return False
        return status in TRANSITIONS[self.status]

    def clean(self):
        if self.direction == Direction.INCOMING and self.number is None:
            raise ValidationError({"number": "Văn bản đến phải có số của cơ quan ban hành."})
        if self.direction == Direction.INCOMING and not self.issuer_name:
            raise ValidationError({"issuer_name": "Hãy ghi cơ quan ban hành văn bản đến."})
        if self.received_on and self.issued_on and self.received_on < self.issued_on:
            raise ValidationError({"received_on": "Ngày đến không thể trước ngày ban hành."})

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join([self.symbol, self.get_doc_type_display(), self.summary, self.issuer_name]))


class DocumentSequence(models.Model):
    """The last number given in one sequence: an issuing organisation's documents of one abbreviation through one
    term (HD 36 §II.1.3: from 01, not restarting each year). Its row is locked while a number is taken."""

    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=10)
    # The issuing body's abbreviation: "ĐU" for the Đảng ủy, "UBKTĐU" for its inspection committee (own sequence).
    issuer_code = models.CharField(max_length=20, default="")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "term", "code", "issuer_code"],
                                    name="document_sequence_unique_per_body")
        ]

    def __str__(self):
        return f"{self.code}/{self.issuer_code} {self.term}: {self.last_number}"

    @property
    def next_number(self) -> int:
        return self.last_number + 1


def attachment_path(attachment, filename: str) -> str:
    """Where a file is kept: by document, under a random name (the original name is a column, never a path)."""
    return f"documents/{attachment.document_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of a document (the signed scan, the Word draft), checked by its content when uploaded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["created"]

    def __str__(self):
        return self.name

