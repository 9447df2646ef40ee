"""The dashboard's figures: the caller's ward, or one entry per ward of the level above with totals."""

from uuid import UUID

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from core.api import ERRORS
from core.scoping import get_object_for_user
from dashboard.figures import MEASURES, totals, unit_rows
from org.models import Organization
from org.stats import dashboard_units

router = Router(tags=["Tổng quan"])


class Figures(Schema):
    members: int = Field(description="Đảng viên đang sinh hoạt (dự bị và chính thức).")
    overdue: int = Field(description="Hồ sơ có bước quá hạn.")
    probation_ending: int = Field(description="Hết 12 tháng dự bị trong 30 ngày tới.")
    meetings: int = Field(description="Cuộc họp trong năm.")
    cells_not_met: int = Field(description="Chi bộ chưa ghi sinh hoạt thường kỳ tháng này.")
    documents: int
    tasks_open: int
    tasks_overdue: int
    tasks_done: int = Field(description="Nhiệm vụ hoàn thành (kể cả chậm) trong năm.")
    targets: int
    targets_achieved: int
    targets_behind: int
    inspections_planned: int = Field(description="Cuộc kiểm tra, giám sát trong chương trình năm (trừ đã hủy).")
    inspections_done: int = Field(description="Cuộc kiểm tra, giám sát của năm đã kết luận.")
    follow_ups_overdue: int = Field(description="Yêu cầu khắc phục sau kiểm tra, giám sát quá hạn mà chưa xong.")
    organizations: int
    committees: int
    people: int
    positions: int


class WardFigures(Figures):
    id: UUID
    name: str
    members_by_status: dict[str, int]
    tasks_by_status: dict[str, int] = Field(description="Nhiệm vụ của năm theo tình trạng.")


class DashboardOut(Schema):
    year: int
    wards: list[WardFigures] = Field(description="Một mục cho mỗi phường, xã (một mục với cán bộ của một phường).")
    totals: Figures


@router.get("/dashboard", response={200: DashboardOut, **ERRORS})
def dashboard(request, ward: UUID | None = None):
    """The dashboard's figures for the caller's wards (one, or each ward of the level above, with totals)."""
    today = timezone.localdate()
    units = ([get_object_for_user(Organization, request.user, "org.view", pk=ward)] if ward
             else dashboard_units(request.user))
    rows = unit_rows(request.user, units, today)
    wards = [{"id": row["unit"].pk, "name": row["unit"].name, **{key: row[key] for key in MEASURES},
              "members_by_status": row["members_by_status"], "tasks_by_status": row["tasks_by_status"]}
             for row in rows]
    return {"year": today.year, "wards": wards, "totals": totals(rows)}
