"""The shapes the documents API reads and writes; the rules stay in documents.services."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from documents.models import Direction, DocumentStatus
from documents.types import DocumentType, IssuingBody
from org.schemas import WARD_FIELD, OrganizationRef, ward_for


class AttachmentOut(Schema):
    id: UUID
    name: str
    content_type: str
    size: int = Field(description="Dung lượng (byte).")
    sha256: str
    created: datetime.datetime


class DocumentOut(Schema):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa); ETag của GET là số này.")
    id: UUID
    organization: OrganizationRef
    ward: OrganizationRef | None = WARD_FIELD
    direction: Direction
    doc_type: DocumentType
    doc_type_label: str
    number: int | None = Field(description="Số; văn bản đi có số khi ban hành.")
    symbol: str = Field(description="Số và ký hiệu, ví dụ 12-NQ/ĐU (rỗng khi chưa có số).")
    issuer_name: str
    issued_on: datetime.date | None
    received_on: datetime.date | None
    received_no: int | None = Field(description="Số đến: số thứ tự trong sổ văn bản đến của đơn vị trong năm.")
    signer: str
    summary: str = Field(description="Trích yếu.")
    status: DocumentStatus
    status_label: str
    note: str
    returned_reason: str = Field(description="Lý do Thường trực trả lại dự thảo gần nhất.")
    attachments: list[AttachmentOut] = Field(description="Tệp đính kèm; tải về tại …/attachments/{id}.")

    @staticmethod
    def resolve_ward(obj, context):
        return ward_for(obj.organization, context)

    @staticmethod
    def resolve_doc_type_label(obj):
        return obj.get_doc_type_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class DocumentIn(Input):
    """A new document. Incoming: `symbol` as written ("Công văn số 339-CV/QU ngày 25/6/2021 của Quận ủy"), the
    rest filled from it where left out. Outgoing: a draft of `organization`, numbered when issued."""

    model_config = ConfigDict(extra="forbid")

    organization: UUID
    direction: Direction
    doc_type: DocumentType | Literal[""] = ""
    symbol: str = Field("", max_length=200)
    issuer_name: str = Field("", max_length=200)
    issued_on: Day | None = None
    received_on: Day | None = Field(None, description="Ngày đến (văn bản đến); mặc định hôm nay.")
    signer: str = Field("", max_length=150)
    summary: LongText = Field(min_length=1, max_length=NOTE_MAX)
    note: LongText = Field("", max_length=NOTE_MAX)
    body: IssuingBody = Field(IssuingBody.COMMITTEE, description="Văn bản đi: của Đảng ủy (chi bộ) hoặc của Ủy ban "
                                                                 "Kiểm tra (số, ký hiệu riêng …/UBKTĐU).")
    allow_duplicate: bool = Field(False, description="Văn bản đến: vẫn vào sổ dù đã có văn bản cùng số, ký hiệu, "
                                                     "cơ quan ban hành và ngày.")


class IssueIn(Input):
    model_config = ConfigDict(extra="forbid")

    date: Day
    signer: str = Field("", max_length=150)


class DocumentPatch(Input):
    """A correction: of a draft (one sent back returns to the secretary's queue), or of an incoming document's
    details. Only the fields given change; a text is emptied with "", not null (a date is cleared with null)."""

    model_config = ConfigDict(extra="forbid")

    doc_type: DocumentType = None
    summary: LongText = Field(None, min_length=1, max_length=NOTE_MAX)
    signer: str = Field(None, max_length=150)
    issuer_name: str = Field(None, max_length=200)
    issued_on: Day | None = None
    received_on: Day | None = None
    note: LongText = Field(None, max_length=NOTE_MAX)


class SendBackIn(Input):
    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=1, max_length=1000, description="Lý do trả lại để Văn phòng sửa.")


class WithdrawIn(Input):
    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=1, max_length=1000)


class SequenceIn(Input):
    model_config = ConfigDict(extra="forbid")

    organization: UUID = Field(description="Tổ chức ban hành (Đảng ủy, chi bộ).")
    code: str = Field(max_length=10, description="Chữ viết tắt thể loại: NQ, QĐ, CV, …")
    last_number: int = Field(ge=0, le=9999, description="Số cuối cùng đã cấp trước khi dùng hệ thống.")
    day: Day | None = Field(None, description="Sổ của nhiệm kỳ có hiệu lực vào ngày này (mặc định hôm nay).")
    body: IssuingBody = Field(IssuingBody.COMMITTEE, description="Sổ của Đảng ủy (chi bộ) hoặc của Ủy ban Kiểm tra.")


class SequenceOut(Schema):
    organization: OrganizationRef
    term: str = Field(description="Nhiệm kỳ.")
    code: str
    issuer_code: str = Field(description="Ký hiệu cơ quan ban hành: ĐU, CB, hoặc UBKTĐU (Ủy ban Kiểm tra).")
    last_number: int
    next_number: int

    @staticmethod
    def resolve_term(obj):
        return obj.term.name
