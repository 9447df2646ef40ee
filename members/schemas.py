"""The shapes the members API reads and writes. They hold no rules: the derived dates are the member's cached
columns, which members.services writes from the Lifecycle."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from members.models import (
    DossierDocument,
    EventKind,
    FeeCategory,
    FeeMethod,
    IntroducerKind,
    ReliefKind,
    ReliefReason,
    Status,
)
from org.schemas import WARD_FIELD, OrganizationRef, ward_for


class MemberOut(Schema):
    id: UUID
    person: UUID = Field(description="Người (hồ sơ nhân sự) của đảng viên.")
    full_name: str
    status: Status
    status_label: str
    status_since: datetime.date
    organization: OrganizationRef
    ward: OrganizationRef | None = WARD_FIELD
    membership_no: str
    card_no: str
    temporarily_away: bool
    admitted_on: datetime.date | None = Field(description="Ngày quyết định kết nạp (đầu tiên): tuổi đảng tính từ đây.")
    ceremony_on: datetime.date | None
    probation_ends_on: datetime.date | None = Field(description="Ngày hết 12 tháng dự bị.")
    official_on: datetime.date | None = Field(description="Ngày trở thành đảng viên chính thức.")

    @staticmethod
    def resolve_ward(obj, context):
        return ward_for(obj.organization, context)

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_full_name(obj):
        return obj.person.full_name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    next_due_on: datetime.date | None = Field(description="Hạn của bước đang chờ (ngày làm việc).")
    next_due_label: str
    unpaid_months: int | None = Field(
        None, description="Với danh sách `fees_unpaid`: số tháng chưa đóng đảng phí trong 12 tháng qua."
    )

    @staticmethod
    def resolve_unpaid_months(obj):
        # Annotated by the unpaid-fees list only. Without the resolver, every other list's row would miss it through
        # django-ninja's lookup by template variable, a parse and a dir() per row (8 % of the list's time).
        return getattr(obj, "unpaid_months", None)


class EventOut(Schema):
    id: UUID
    kind: EventKind
    kind_label: str
    date: datetime.date
    decision_no: str
    issuer: str
    signer: str
    document: str
    votes_for: int | None
    voters_total: int | None
    counterpart: str
    introduced_on: datetime.date | None
    ends_on: datetime.date | None = Field(description="Gián đoạn sinh hoạt đảng: đến ngày (trừ vào tuổi đảng).")
    superior_consent: str = Field(description="Văn bản đồng ý của cấp ủy cấp trên (lễ kết nạp quá hạn).")
    note: str

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_date(obj):
        return obj.effective_date


class DeadlineOut(Schema):
    label: str
    due: datetime.date
    done_on: datetime.date | None
    working_days_left: int | None = Field(description="Âm khi đã quá hạn; null khi đã làm.")


class IntroducerOut(Schema):
    id: UUID
    kind: IntroducerKind
    member: UUID | None = Field(description="Hồ sơ đảng viên giới thiệu, khi ở trong phường.")
    name: str
    worked_with_since: datetime.date | None
    introduced_on: datetime.date

    @staticmethod
    def resolve_member(obj):
        return obj.member_id


class IntroducerIn(Input):
    model_config = ConfigDict(extra="forbid")

    kind: IntroducerKind = IntroducerKind.MEMBER
    member: UUID | None = Field(None, description="Đảng viên chính thức của phường giới thiệu.")
    name: str = Field("", max_length=200, description="Người ở nơi khác, hoặc tên tổ chức Đoàn, Công đoàn.")
    worked_with_since: Day | None = Field(None, description="Cùng công tác với người vào Đảng từ ngày.")
    introduced_on: Day


class ConditionOut(Schema):
    label: str
    ok: bool | None = Field(description="Đạt, chưa đạt, hoặc null: hệ thống không biết, cần kiểm tra.")
    detail: str


class MemberDetailOut(MemberOut):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa); ETag của GET là số này.")
    fee_category: FeeCategory | Literal[""] = Field(description="Đối tượng đóng đảng phí (Quy định 01-QĐ/TW).")
    fee_base: int | None = Field(description="Căn cứ tính đảng phí (đồng): lương, lương hưu, hoặc mức đóng.")
    events: list[EventOut]
    deadlines: list[DeadlineOut]
    party_age_years: int
    party_age_months: int
    introducers: list[IntroducerOut] = Field(description="Người giới thiệu của đợt xét kết nạp hiện tại.")
    conditions: list[ConditionOut] = Field(description="Điều kiện kết nạp (khi đang làm hồ sơ kết nạp).")

    # Read from the member's dossier (members.dossier.Dossier, attached by the handler).

    @staticmethod
    def resolve_deadlines(obj):
        return obj.dossier.deadlines

    @staticmethod
    def resolve_party_age_years(obj):
        return obj.dossier.party_age[0]

    @staticmethod
    def resolve_party_age_months(obj):
        return obj.dossier.party_age[1]

    @staticmethod
    def resolve_introducers(obj):
        return obj.dossier.introducers

    @staticmethod
    def resolve_conditions(obj):
        return obj.dossier.conditions


class MemberIn(Input):
    model_config = ConfigDict(extra="forbid")

    person: UUID
    organization: UUID = Field(description="Chi bộ.")
    date: Day = Field(description="Ngày chi bộ giới thiệu quần chúng ưu tú.")
    note: LongText = Field("", max_length=NOTE_MAX)


class MemberPatch(Input):
    model_config = ConfigDict(extra="forbid")

    membership_no: str | None = Field(None, max_length=32)
    card_no: str | None = Field(None, max_length=32)
    organization: UUID | None = None
    note: LongText | None = Field(None, max_length=NOTE_MAX)
    fee_category: FeeCategory | Literal[""] | None = None
    fee_base: int | None = Field(None, ge=0, le=10**12)


class EventIn(Input):
    model_config = ConfigDict(extra="forbid")

    kind: EventKind
    date: Day
    decision_no: str = Field("", max_length=64)
    issuer: str = Field("", max_length=150)
    signer: str = Field("", max_length=150)
    document: DossierDocument | None = None
    votes_for: int | None = Field(None, ge=0)
    voters_total: int | None = Field(None, ge=1)
    counterpart: str = Field("", max_length=200)
    introduced_on: Day | None = Field(None, description="Ngày giấy giới thiệu sinh hoạt đảng (tiếp nhận).")
    ends_on: Day | None = Field(
        None, description="Gián đoạn sinh hoạt đảng (interruption): ngày trở lại sinh hoạt; `date` là ngày bắt đầu.")
    superior_consent: str = Field("", max_length=200, description="Số, ngày văn bản đồng ý của cấp ủy cấp trên "
                                                                  "khi lễ kết nạp quá 30 ngày làm việc.")
    note: LongText = Field("", max_length=NOTE_MAX)


class ImportOut(Schema):
    imported: int = Field(description="Số đảng viên đã nhập.")
    people_reused: int = Field(description="Trong đó, số người đã có hồ sơ nhân sự (cùng số CCCD), được gắn hồ sơ "
                                           "đảng viên.")


class ExportJobOut(Schema):
    id: UUID
    title: str
    status: Literal["queued", "running", "ready", "failed"] = Field(
        description="queued, running: chưa xong; ready: đã xuất, tải tệp ở `file_url` (trong `kept_until`); failed: "
                    "không xuất được (xem `error`).")
    status_label: str
    rows_done: int
    rows_total: int | None
    error: str
    file_url: str | None = Field(description="GET để tải tệp .xlsx, khi đã xuất xong và chưa hết hạn.")
    kept_until: datetime.datetime | None = Field(description="Tệp bị xóa sau thời điểm này.")
    created: datetime.datetime
    finished: datetime.datetime | None

    @staticmethod
    def resolve_status_label(obj):
        return "Đã dừng giữa chừng, chưa xuất được" if obj.is_stalled else obj.get_status_display()

    @staticmethod
    def resolve_file_url(obj):
        return f"/api/v1/members/exports/{obj.pk}/file" if obj.downloadable else None

    @staticmethod
    def resolve_kept_until(obj):
        return obj.finished + obj.KEPT_FOR if obj.status == "ready" and obj.finished else None


class ImportJobOut(Schema):
    id: UUID
    filename: str
    status: Literal["queued", "running", "imported", "refused", "failed"] = Field(
        description="queued, running: chưa xong; imported: đã nhập; refused: tệp có lỗi (xem errors), không nhập "
                    "dòng nào; failed: lỗi hệ thống, không nhập dòng nào.")
    status_label: str
    stage: str = Field(description="Bước đang làm: đọc tệp, kiểm tra từng dòng, ghi.")
    rows_done: int
    rows_total: int | None
    imported: int | None
    people_reused: int | None
    errors: list[str]
    created: datetime.datetime
    finished: datetime.datetime | None

    @staticmethod
    def resolve_status_label(obj):
        return "Đã dừng giữa chừng, không nhập dòng nào" if obj.is_stalled else obj.get_status_display()


class ImportRefusedOut(Schema):
    detail: str
    errors: list[str] = Field(description="Mỗi lỗi một dòng: “dòng N, cột X: lý do”.")


class FeePaymentOut(Schema):
    month: str = Field(description="Tháng đóng, dạng YYYY-MM.")
    amount: int
    paid_on: datetime.date
    method: FeeMethod
    note: str

    @staticmethod
    def resolve_month(obj):
        return f"{obj.month:%Y-%m}"


class FeeMonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    due: int | None = Field(description="Mức phải đóng theo quy định đang có hiệu lực; null khi chưa đủ căn cứ.")
    owed: bool = Field(description="Tháng đảng viên phải đóng tại chi bộ.")
    payment: FeePaymentOut | None

    @staticmethod
    def resolve_month(obj):
        return f"{obj.month:%Y-%m}"


class FeeReliefOut(Schema):
    id: UUID
    kind: ReliefKind
    reason: ReliefReason
    percent: int | None
    start_month: str = Field(description="YYYY-MM")
    end_month: str = Field(description="YYYY-MM")
    decided_on: datetime.date
    note: str

    @staticmethod
    def resolve_start_month(obj):
        return f"{obj.start_month:%Y-%m}"

    @staticmethod
    def resolve_end_month(obj):
        return f"{obj.end_month:%Y-%m}"


class FeeReliefIn(Input):
    model_config = ConfigDict(extra="forbid")

    kind: ReliefKind
    reason: ReliefReason
    percent: int | None = Field(None, description="Mức giảm 30, 50 hoặc 70 (khi giảm).")
    start_month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    end_month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    decided_on: Day
    note: str = Field("", max_length=300)


class FeesOut(Schema):
    fee_category: FeeCategory | Literal[""]
    fee_base: int | None
    monthly_fee: int | None = Field(description="Mức phải đóng của tháng hiện tại (0 khi được miễn; đã trừ mức giảm).")
    exempt_by_party_age: bool = Field(description="Miễn đảng phí vì đủ 50 năm tuổi đảng (Quy định 01-QĐ/TW, Điều 5).")
    reliefs: list[FeeReliefOut] = Field(description="Các lần miễn, giảm, hoãn đảng phí chi bộ đã quyết định.")
    owed_from: str | None = Field(description="Tháng bắt đầu đóng tại chi bộ (YYYY-MM).")
    unpaid_months: int = Field(description="Số tháng chưa đóng trong 12 tháng trước tháng hiện tại.")
    months: list[FeeMonthOut] = Field(description="Tháng hiện tại và 12 tháng trước, mới nhất trước.")


class FeePaymentIn(Input):
    model_config = ConfigDict(extra="forbid")

    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="Tháng đóng, dạng YYYY-MM.")
    amount: int = Field(ge=1, le=10**10)
    paid_on: Day
    method: FeeMethod = FeeMethod.CASH
    note: str = Field("", max_length=200)


class Interruption(Input):
    model_config = ConfigDict(extra="forbid")

    start: datetime.date = Field(description="Ngày bắt đầu gián đoạn sinh hoạt đảng.")
    end: datetime.date = Field(description="Ngày trở lại sinh hoạt.")


class TransferIn(Input):
    model_config = ConfigDict(extra="forbid")

    person: UUID
    organization: UUID = Field(description="Chi bộ sinh hoạt.")
    date: Day = Field(description="Ngày tiếp nhận.")
    counterpart: str = Field(min_length=1, max_length=200, description="Chuyển đến từ (đảng bộ, chi bộ cũ).")
    introduced_on: Day | None = Field(None, description="Ngày giấy giới thiệu sinh hoạt đảng.")
    decision_no: str = Field("", max_length=64, description="Số giấy giới thiệu.")
    issuer: str = Field("", max_length=150)
    admitted_on: Day
    ceremony_on: Day | None = None
    official_on: Day | None = Field(None, description="Bỏ trống nếu còn dự bị.")
    membership_no: str = Field("", max_length=32)
    card_no: str = Field("", max_length=32)
    note: LongText = Field("", max_length=NOTE_MAX)
    interruptions: list[Interruption] = Field(
        [], max_length=20, description="Các thời gian gián đoạn sinh hoạt đảng theo hồ sơ (trừ vào tuổi đảng).")
