"""The shapes the meetings API reads and writes; the rules stay in meetings.services and meetings.rules."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText, Moment
from core.text import LONG_TEXT_MAX, NOTE_MAX
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import DecisionKind, MeetingKind, Presence
from meetings.services import attendance_summary
from org.schemas import WARD_FIELD, OrganizationRef, PersonRef, ward_for


class AttendanceOut(Schema):
    person: PersonRef
    role: str
    voting: bool = Field(description="Có quyền biểu quyết (đảng viên dự bị: không).")
    presence: Presence
    presence_label: str
    reason: str

    @staticmethod
    def resolve_presence_label(obj):
        return obj.get_presence_display()


class AttendanceSummaryOut(Schema):
    called: int = Field(description="Số người được triệu tập (theo danh sách của ban, chi bộ vào ngày họp).")
    counted: int = Field(description="Tổng số tính biểu quyết: có quyền biểu quyết, trừ người không tính.")
    present: int
    excused: int
    unexcused: int
    not_counted: int
    low: bool = Field(description="Số có mặt dưới ngưỡng cảnh báo (2/3 tổng số).")


class GuestIO(Input):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=150)
    title: str = Field(max_length=300, description="Chức vụ, đơn vị.")


class AgendaItemIO(Input):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=500)
    presenter: str = Field("", max_length=300)


class SpeechIO(Input):
    model_config = ConfigDict(extra="forbid")

    speaker: str = Field(max_length=300)
    summary: LongText = Field(max_length=NOTE_MAX)


class KeyTaskIn(Input):
    model_config = ConfigDict(extra="forbid")

    text: LongText = Field(max_length=NOTE_MAX)
    assignee: UUID | None = Field(None, description="Đơn vị thực hiện (UBND, MTTQ, chi bộ …).")
    due_on: Day | None = None


class KeyTaskOut(Schema):
    id: UUID = Field(description="Nhiệm vụ trong chương trình công tác (/api/v1/tasks/{id}).")
    text: str
    assignee: OrganizationRef | None = Field(description="Đơn vị chủ trì; trống khi chính cấp ủy họp chủ trì.")
    due_on: datetime.date | None
    status: str = Field(description="Tình trạng hôm nay: not_started, in_progress, done, done_late, failed, "
                                    "cancelled.")
    status_label: str
    overdue: bool


class DecisionOut(Schema):
    id: UUID
    kind: DecisionKind
    kind_label: str
    title: str
    text: str
    member: UUID | None = Field(description="Đảng viên, quần chúng được xét (mã hồ sơ).")
    member_name: str | None
    document: UUID | None
    document_symbol: str | None
    event_kind: str | None = Field(description="Bước của hồ sơ đảng viên mà quyết nghị đã ghi.")
    votes_for: int
    votes_against: int
    votes_abstained: int
    members_counted: int
    passed: bool = Field(description="false: biểu quyết không đủ phiếu, không thông qua.")

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_member(obj):
        return obj.member_id

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.person.full_name if obj.member_id else None

    @staticmethod
    def resolve_document(obj):
        return obj.document_id

    @staticmethod
    def resolve_document_symbol(obj):
        return obj.document.symbol if obj.document_id else None

    @staticmethod
    def resolve_event_kind(obj):
        return obj.event.kind if obj.event_id else None


class DocumentRef(Schema):
    id: UUID
    symbol: str
    summary: str


class MeetingOut(Schema):
    id: UUID
    organization: OrganizationRef
    ward: OrganizationRef | None = WARD_FIELD
    committee: UUID | None
    body_name: str = Field(description="Ban họp: “Ban Chấp hành Đảng bộ phường Sài Đồng”, “Chi bộ số 1”.")
    kind: MeetingKind
    kind_label: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    chair: PersonRef
    secretary: PersonRef | None
    period_start: datetime.date | None
    period_end: datetime.date | None

    @staticmethod
    def resolve_ward(obj, context):
        return ward_for(obj.organization, context)

    @staticmethod
    def resolve_committee(obj):
        return obj.committee_id

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()


class MeetingDetailOut(MeetingOut):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa); ETag của GET là số này.")
    content: str
    conclusion: str
    attendance: list[AttendanceOut]
    attendance_summary: AttendanceSummaryOut
    guests: list[GuestIO]
    agenda: list[AgendaItemIO]
    speeches: list[SpeechIO]
    key_tasks: list[KeyTaskOut]
    decisions: list[DecisionOut]
    cited_documents: list[DocumentRef]

    @staticmethod
    def resolve_key_tasks(obj):
        return key_task_keeper().tasks_of(obj)

    @staticmethod
    def resolve_attendance_summary(obj):
        return attendance_summary(obj, obj.attendance.all()).as_dict()


class AttendanceIn(Input):
    model_config = ConfigDict(extra="forbid")

    person: UUID
    presence: Presence
    reason: str = Field("", max_length=255)


class MeetingCorrectionIn(Input):
    """A correction of a meeting's record: only the fields given change (not its day, body or decisions); a text is
    emptied with "", not null."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500, description="Lý do sửa (ghi vào nhật ký).")
    title: str = Field(None, max_length=300)
    starts_at: Moment | None = Field(None, description="Giờ bắt đầu, cùng ngày họp.")
    ends_at: Moment | None = None
    place: str = Field(None, min_length=1, max_length=255)
    chair: UUID | None = None
    secretary: UUID | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    content: LongText = Field(None, max_length=LONG_TEXT_MAX)
    conclusion: LongText = Field(None, max_length=LONG_TEXT_MAX)
    attendance: list[AttendanceIn] | None = None
    guests: list[GuestIO] | None = None
    agenda: list[AgendaItemIO] | None = None
    speeches: list[SpeechIO] | None = None
    key_tasks: list[KeyTaskIn] | None = None


class DecisionIn(Input):
    """One matter voted. An admission or recognition names one `member` (one person at a time);
    a resolution may name the draft `document` it passes, which is then issued with its number."""

    model_config = ConfigDict(extra="forbid")

    kind: DecisionKind
    title: str = Field("", max_length=500)
    text: LongText = Field("", max_length=LONG_TEXT_MAX)
    member: UUID | None = None
    document: UUID | None = None
    votes_for: int | None = Field(None, ge=0, le=100000)
    votes_against: int = Field(0, ge=0, le=100000)
    votes_abstained: int = Field(0, ge=0, le=100000)
    ballots: dict[UUID, Literal["for", "against", "abstain"]] | None = Field(
        None, description="Phiếu từng người: {mã người: for|against|abstain}; thay cho số phiếu."
    )
    decision_no: str = Field("", max_length=64, description="Số quyết định (khi Đảng ủy quyết định, từ 01/7/2025).")
    passed: bool = Field(True, description="false: ghi một lần biểu quyết không đủ phiếu (không có gì thay đổi, trừ "
                                           "lần chi bộ biểu quyết công nhận chính thức không đủ 2/3).")


class MeetingIn(Input):
    """A meeting entered in one go, with what it decided, all or nothing. The attendance is the body's roster on the
    day, everyone present except those listed in `attendance`; each of `decisions` is recorded as POST
    …/meetings/{id}/decisions would, and the first refused one refuses the whole meeting (400 naming it:
    "decisions.N")."""

    model_config = ConfigDict(extra="forbid")

    organization: UUID = Field(description="Đảng ủy phường/xã hoặc chi bộ.")
    committee: UUID | None = Field(None, description="Ban họp của Đảng ủy (BCH, BTV, UBKT); bỏ trống với chi bộ.")
    kind: MeetingKind
    title: str = Field("", max_length=300)
    starts_at: Moment
    ends_at: Moment | None = None
    place: str = Field(min_length=1, max_length=255)
    chair: UUID
    secretary: UUID | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    content: LongText = Field("", max_length=LONG_TEXT_MAX)
    conclusion: LongText = Field("", max_length=LONG_TEXT_MAX)
    attendance: list[AttendanceIn] = []
    guests: list[GuestIO] = []
    agenda: list[AgendaItemIO] = []
    speeches: list[SpeechIO] = []
    key_tasks: list[KeyTaskIn] = []
    documents: list[UUID] = Field([], description="Văn bản liên quan (trong sổ văn bản của phường/xã).")
    decisions: list[DecisionIn] = Field([], description="Các nội dung cuộc họp biểu quyết, theo thứ tự.")
