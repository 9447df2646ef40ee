"""The shapes the org API reads and writes. They only describe data; the rules live in models and services."""

import datetime
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from org.models import Person

# Organisations ------------------------------------------------------------------------------------------------


class OrganizationRef(Schema):
    id: UUID
    name: str


def ward_for(organization, context):
    """The ward (or other dashboard unit) a row's organisation lies in, for the `ward` of the API's lists: one
    org.stats.WardIndex per request, so no query per row."""
    from org.stats import WardIndex, dashboard_units

    request = context["request"]
    index = getattr(request, "_dangvu_ward_index", None)
    if index is None:
        index = request._dangvu_ward_index = WardIndex(dashboard_units(request.user))
    return index.of(organization)


WARD_FIELD = Field(description="Phường, xã (hoặc đơn vị) của bản ghi, để cấp trên phân biệt các phường, xã.")


class OrganizationChild(Schema):
    id: UUID
    name: str
    kind: str


class OrganizationOut(Schema):
    id: UUID
    name: str
    kind: str
    kind_label: str
    parent: UUID | None = Field(None, description="Tổ chức cấp trên (null với tổ chức gốc).")
    depth: int
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    is_open: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_pk  # annotated by the handler's queryset

    @staticmethod
    def resolve_is_open(obj) -> bool:
        return obj.is_open()


class PersonRef(Schema):
    id: UUID
    full_name: str


class CommitteeMemberOut(Schema):
    id: UUID
    person: PersonRef
    start_date: datetime.date
    end_date: datetime.date | None


class CommitteeOut(Schema):
    id: UUID
    kind: str
    kind_label: str
    term: str
    members: list[CommitteeMemberOut]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_term(obj) -> str:
        return obj.term.name

    @staticmethod
    def resolve_members(obj):
        return obj.memberships.all()


class PositionOut(Schema):
    id: UUID
    person: PersonRef
    title: str
    title_label: str
    label: str
    start_date: datetime.date
    end_date: datetime.date | None

    @staticmethod
    def resolve_title_label(obj) -> str:
        return obj.get_title_display()


class OrganizationDetailOut(OrganizationOut):
    committees: list[CommitteeOut]
    positions: list[PositionOut] = Field(description="Chức danh đang giữ (hôm nay).")
    children: list[OrganizationChild]

    @staticmethod
    def resolve_committees(obj):
        return obj.committees.all()

    @staticmethod
    def resolve_positions(obj):
        return obj.current_positions  # prefetched by the handler

    @staticmethod
    def resolve_children(obj):
        return obj.child_list  # fetched by the handler


# People -------------------------------------------------------------------------------------------------------


class PersonOut(Schema):
    version: int = Field(description="Phiên bản của bản ghi (tăng mỗi lần sửa); ETag của GET là số này.")
    id: UUID
    full_name: str
    gender: str
    date_of_birth: datetime.date | None
    organization: OrganizationRef
    ward: OrganizationRef | None = WARD_FIELD
    residence: OrganizationRef | None
    ethnicity: str
    religion: str
    education: str
    political_theory: str
    address: str
    note: str
    cccd: str | None = Field(None, description="Chỉ trả về khi có quyền xem thông tin nhạy cảm.")
    phone: str | None = Field(None, description="Chỉ trả về khi có quyền xem thông tin nhạy cảm.")

    @staticmethod
    def resolve_ward(obj, context):
        return ward_for(obj.organization, context)

    @staticmethod
    def resolve_cccd(obj, context):
        return obj.cccd if _sees_sensitive(obj, context) else None

    @staticmethod
    def resolve_phone(obj, context):
        return obj.phone if _sees_sensitive(obj, context) else None


def _sees_sensitive(person, context) -> bool:
    return person.shows_sensitive_to(context["request"].user)


def _model_default(field: str):
    return Person._meta.get_field(field).default


class PersonIn(Input):
    """A new person. Fields left out take the model's defaults."""

    model_config = ConfigDict(extra="forbid")

    organization: UUID = Field(description="Đơn vị quản lý hồ sơ")
    full_name: str
    gender: str = Field("", description="male | female | (trống)")
    date_of_birth: Day | None = Field(None, description="YYYY-MM-DD")
    cccd: str | None = Field(None, description="12 chữ số")
    ethnicity: str = _model_default("ethnicity")
    religion: str = _model_default("religion")
    residence: UUID | None = Field(None, description="Tổ dân phố nơi cư trú")
    address: str = ""
    education: str = ""
    political_theory: str = Field("", description="elementary | intermediate | advanced | bachelor | (trống)")
    phone: str = ""
    note: LongText = Field("", max_length=NOTE_MAX)


class PersonPatch(Input):
    """A partial change: only the fields sent are changed; null clears a field that may be empty."""

    model_config = ConfigDict(extra="forbid")

    organization: UUID = Field(None, description="Chuyển sang đơn vị quản lý khác")
    full_name: str = None
    gender: str = None
    date_of_birth: Day | None = None
    cccd: str | None = None
    ethnicity: str = None
    religion: str = None
    residence: UUID | None = None
    address: str = None
    education: str = None
    political_theory: str = None
    phone: str = None
    note: LongText = Field(None, max_length=NOTE_MAX)


# Audit --------------------------------------------------------------------------------------------------------


class LogEntryOut(Schema):
    id: int
    created: datetime.datetime
    actor: str | None
    action: str
    action_label: str
    changes: dict[str, Any]

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_repr or None


class MergerIn(Input):
    model_config = ConfigDict(extra="forbid")

    wards: list[UUID] = Field(min_length=2, description="Các Đảng ủy phường, xã hợp nhất.")
    name: str = Field(min_length=1, max_length=200, description="Tên của phường, xã mới.")
    code: str = Field("", max_length=64)
    kind: Literal["ward_committee", "commune_committee"] = "ward_committee"
    parent: UUID = Field(description="Tổ chức cấp trên của phường, xã mới.")
    merger_date: Day = Field(description="Ngày hợp nhất: phường, xã cũ kết thúc vào ngày hôm trước.")
    dry_run: bool = Field(True, description="Chỉ xem trước, không thay đổi gì (mặc định).")


class MergerOut(Schema):
    dry_run: bool
    new_ward: OrganizationRef | None = Field(description="Phường, xã mới (khi đã hợp nhất).")
    problems: list[str] = Field(description="Lý do không hợp nhất được như yêu cầu (xem trước).")
    summary: dict = Field(description="Số đơn vị, người, đảng viên, chức danh… sẽ chuyển hoặc kết thúc.")
    positions_ended: list[str] = Field(description="Chức danh kết thúc, cần giao lại ở phường, xã mới.")
