"""The shapes the inspection programs' API reads and writes; the rules stay in inspections.services."""

import datetime
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from inspections.models import InspectionKind, InspectionMode, InspectionProgram, InspectionStatus
from org.schemas import OrganizationRef, PersonRef


class FollowUpOut(Schema):
    id: UUID
    text: str
    due_on: datetime.date
    done_on: datetime.date | None
    result: str
    overdue: bool = Field(description="Quá thời hạn mà chưa hoàn thành.")

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class InspectionOut(Schema):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa); ETag của GET.")
    id: UUID
    ward: OrganizationRef = Field(description="Đảng bộ phường, xã có chương trình.")
    program: InspectionProgram = Field(description="Chương trình của Đảng ủy (committee) hay của Ủy ban Kiểm tra "
                                                   "(inspection).")
    year: int
    quarter: int = Field(ge=1, le=4)
    quarter_label: str = Field(description="Ví dụ “Quý III/2021”.")
    kind: InspectionKind
    mode: InspectionMode
    title: str = Field(description="Ví dụ “Kiểm tra chuyên đề”.")
    subject_organization: OrganizationRef | None
    subject_member: UUID | None = Field(validation_alias="subject_member_id")
    subject_name: str
    content: str
    period_covered: str
    team_lead: PersonRef | None
    team: list[PersonRef]
    status: InspectionStatus
    status_label: str
    late: bool = Field(description="Đã hết quý mà chưa kết luận.")
    started_on: datetime.date | None
    ended_on: datetime.date | None
    conclusion: str
    concluded_on: datetime.date | None
    conclusion_document: UUID | None = Field(validation_alias="conclusion_document_id")
    conclusion_symbol: str = Field(description="Số, ký hiệu của văn bản kết luận khi đã ban hành, ví dụ "
                                               "“01-KL/UBKTĐU”.")
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_late(obj):
        return obj.is_late()

    @staticmethod
    def resolve_team(obj):
        return list(obj.team.all())

    @staticmethod
    def resolve_follow_ups(obj):
        return list(obj.follow_ups.all())

    @staticmethod
    def resolve_conclusion_symbol(obj):
        return obj.conclusion_document.symbol if obj.conclusion_document_id else ""


class _Subject(Input):
    subject_organization: UUID | None = Field(None, description="Tổ chức đảng được kiểm tra, giám sát.")
    subject_member: UUID | None = Field(None, description="Hoặc đảng viên được kiểm tra, giám sát.")


class InspectionIn(_Subject):
    model_config = ConfigDict(extra="forbid")

    ward: UUID = Field(description="Đảng ủy phường, xã.")
    program: InspectionProgram = InspectionProgram.INSPECTION
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    kind: InspectionKind = InspectionKind.INSPECTION
    mode: InspectionMode = InspectionMode.THEMATIC
    content: LongText = Field(min_length=1, max_length=NOTE_MAX)
    period_covered: str = Field("", max_length=200)
    team_lead: UUID | None = None
    team: list[UUID] = Field(default_factory=list, max_length=50)
    started_on: Day | None = None
    ended_on: Day | None = None


class InspectionPatch(_Subject):
    """Only the fields sent change. `status` moves the item (in_progress, planned, cancelled); concluded with
    `conclusion` and `concluded_on` records its conclusion."""

    model_config = ConfigDict(extra="forbid")

    quarter: int | None = Field(None, ge=1, le=4)
    kind: InspectionKind | None = None
    mode: InspectionMode | None = None
    content: LongText | None = Field(None, min_length=1, max_length=NOTE_MAX)
    period_covered: str | None = Field(None, max_length=200)
    team_lead: UUID | None = None
    team: list[UUID] | None = Field(None, max_length=50)
    started_on: Day | None = None
    ended_on: Day | None = None
    status: InspectionStatus | None = None
    conclusion: LongText | None = Field(None, max_length=NOTE_MAX)
    concluded_on: Day | None = None
    conclusion_document: UUID | None = Field(None, description="Văn bản kết luận đã có trong sổ văn bản đi.")


class FollowUpIn(Input):
    model_config = ConfigDict(extra="forbid")

    text: LongText = Field(min_length=1, max_length=NOTE_MAX)
    due_on: Day


class FollowUpDoneIn(Input):
    model_config = ConfigDict(extra="forbid")

    done_on: Day
    result: LongText = Field("", max_length=NOTE_MAX)


class QuarterOut(Schema):
    quarter: int | None = Field(description="1–4; null: cả năm.")
    planned: int
    done: int
    in_progress: int
    not_started: int
    cancelled: int
