"""The shapes the work program's API reads and writes; the rules stay in work.services."""

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from org.schemas import OrganizationRef
from work.models import Indicator, LeadBody, Period, Source, TargetSource, TaskStatus


class ProgressOut(Schema):
    id: UUID
    task: UUID = Field(validation_alias="task_id", description="Nhiệm vụ ghi tiến độ (có thể là kỳ trước, khi "
                                                                "nhiệm vụ đã chuyển sang tháng sau).")
    day: datetime.date
    note: str
    status: TaskStatus | None = Field(description="Tình trạng mới mà báo cáo ghi, nếu có.")
    file_name: str
    file_url: str | None = Field(description="Tải tệp đính kèm (GET, cùng cách xác thực), nếu có.")
    author: str

    @staticmethod
    def resolve_status(obj):
        return obj.status or None

    @staticmethod
    def resolve_file_url(obj):
        return f"/api/v1/tasks/{obj.task_id}/progress/{obj.pk}/file" if obj.file else None

    @staticmethod
    def resolve_author(obj):
        return obj.author.get_full_name() or obj.author.username if obj.author else ""


class TaskOut(Schema):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa, mỗi báo cáo tiến độ); ETag của GET.")
    id: UUID
    ward: OrganizationRef = Field(description="Đảng ủy phường, xã có chương trình công tác.")
    text: str
    lead_unit: OrganizationRef = Field(description="Đơn vị chủ trì (chính Đảng ủy khi Đảng ủy tự chủ trì).")
    lead_body: LeadBody | None = Field(description="Khi Đảng ủy tự chủ trì: cơ quan nào của Đảng ủy.")
    lead_label: str
    supporting_units: list[OrganizationRef]
    period: Period
    period_start: datetime.date
    period_label: str = Field(description="Ví dụ “Tháng 7/2021”.")
    due_on: datetime.date | None
    status: TaskStatus
    status_label: str
    overdue: bool = Field(description="Quá thời hạn mà chưa hoàn thành (và chưa chuyển sang tháng sau).")
    completed_on: datetime.date | None
    source: Source
    source_label: str
    meeting: UUID | None = Field(validation_alias="meeting_id")
    document: UUID | None = Field(validation_alias="document_id")
    source_note: str
    carried_from: UUID | None = Field(validation_alias="carried_from_id")
    carried_to: UUID | None

    @staticmethod
    def resolve_lead_body(obj):
        return obj.lead_body or None

    @staticmethod
    def resolve_supporting_units(obj):
        return list(obj.supporting_units.all())

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()

    @staticmethod
    def resolve_source_label(obj):
        return obj.get_source_display()

    @staticmethod
    def resolve_carried_to(obj):
        return obj.carried_to.pk if obj.is_carried_over else None


class TaskDetailOut(TaskOut):
    progress: list[ProgressOut] = Field(description="Các báo cáo tiến độ, cả của các kỳ trước khi nhiệm vụ được "
                                                    "chuyển tiếp.")

    @staticmethod
    def resolve_progress(obj):
        return obj.progress_rows


class TaskIn(Input):
    model_config = ConfigDict(extra="forbid")

    text: LongText = Field(min_length=1, max_length=NOTE_MAX)
    ward: UUID | None = Field(None, description="Đảng ủy phường, xã; mặc định là phường, xã của đơn vị chủ trì.")
    lead_unit: UUID | None = Field(None, description="Đơn vị chủ trì; trống: Đảng ủy tự chủ trì.")
    lead_body: LeadBody | None = None
    supporting_units: list[UUID] = Field([], max_length=100)
    period: Period = Period.MONTH
    start: Day | None = Field(None, description="Một ngày trong kỳ (tháng, quý, năm); mặc định là thời hạn, hoặc "
                                                "hôm nay.")
    due_on: Day | None = None
    source: Source = Field(Source.PROGRAM, description="program hoặc document (nhiệm vụ từ cuộc họp được giao khi "
                                                       "ghi cuộc họp).")
    document: UUID | None = Field(None, description="Văn bản giao nhiệm vụ (trong sổ văn bản).")
    source_note: str = Field("", max_length=300)


class TaskPatch(Input):
    model_config = ConfigDict(extra="forbid")

    text: LongText | None = Field(None, min_length=1, max_length=NOTE_MAX)
    lead_unit: UUID | None = None
    lead_body: LeadBody | None = None
    supporting_units: list[UUID] | None = Field(None, max_length=100)
    due_on: Day | None = None
    source_note: str | None = Field(None, max_length=300)


class ProgressIn(Input):
    model_config = ConfigDict(extra="forbid")

    note: LongText = Field(min_length=1, max_length=NOTE_MAX)
    day: Day | None = Field(None, description="Mặc định hôm nay.")
    status: TaskStatus | None = Field(None, description="Tình trạng mới (done sau thời hạn được ghi là done_late).")


class ActualOut(Schema):
    day: datetime.date
    value: Decimal
    source: str


class TargetOut(Schema):
    version: int
    id: UUID
    ward: OrganizationRef
    year: int
    indicator: Indicator
    indicator_label: str
    name: str = Field(description="Tên chỉ tiêu (tên trong danh mục, hoặc tên đã ghi).")
    unit: str
    target_value: Decimal
    more_is_better: bool
    decimals: int = Field(description="Số chữ số thập phân của tỷ lệ đạt.")
    source: TargetSource
    basis: str
    derived: bool = Field(description="Số đạt được tính từ dữ liệu của hệ thống (không nhập tay).")
    actual: Decimal | None = Field(description="Số đạt được mới nhất.")
    actual_on: datetime.date | None
    actual_source: str
    percent: float | None = Field(description="Tỷ lệ đạt (%), làm tròn theo decimals, ví dụ 36.26.")
    percent_text: str = Field(description="Viết theo kiểu Việt Nam, ví dụ “36,26%”.")
    elapsed: float = Field(description="Tỷ lệ thời gian đã qua của năm (%).")
    standing: str = Field(description="achieved, on_track, behind, no_data.")
    standing_label: str
    actuals: list[ActualOut] = Field(description="Các số liệu đã ghi (chỉ tiêu không tính từ hệ thống).")

    @staticmethod
    def resolve_indicator_label(obj):
        return obj.get_indicator_display()

    @staticmethod
    def resolve_name(obj):
        return obj.label

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_label

    @staticmethod
    def resolve_derived(obj):
        return obj.is_derived

    @staticmethod
    def resolve_actual(obj):
        return obj.reached.actual

    @staticmethod
    def resolve_actual_on(obj):
        return obj.reached.as_of

    @staticmethod
    def resolve_actual_source(obj):
        return obj.reached.source

    @staticmethod
    def resolve_percent(obj):
        return float(obj.reached.percent) if obj.reached.percent is not None else None

    @staticmethod
    def resolve_percent_text(obj):
        return obj.reached.percent_text

    @staticmethod
    def resolve_elapsed(obj):
        return round(float(obj.reached.elapsed), 2)

    @staticmethod
    def resolve_standing(obj):
        return obj.reached.standing

    @staticmethod
    def resolve_standing_label(obj):
        return obj.reached.standing_label

    @staticmethod
    def resolve_actuals(obj):
        return obj.reported


class TargetIn(Input):
    model_config = ConfigDict(extra="forbid")

    ward: UUID
    year: int = Field(ge=1990, le=2100)
    indicator: Indicator
    name: str = Field("", max_length=300)
    unit: str = Field("", max_length=30)
    target_value: Decimal = Field(gt=0, max_digits=20, decimal_places=2)
    more_is_better: bool = True
    decimals: int = Field(2, ge=0, le=3)
    source: TargetSource = TargetSource.SUPERIOR
    basis: str = Field("", max_length=300)


class ActualIn(Input):
    model_config = ConfigDict(extra="forbid")

    day: Day
    value: Decimal = Field(ge=0, max_digits=20, decimal_places=2)
    source: str = Field(min_length=1, max_length=300)
