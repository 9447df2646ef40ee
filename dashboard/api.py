"""The dashboard's figures: the caller's ward, or one entry per ward of the level above (a page of them, ?page=&
page_size=, sortable by ?sort=) with the totals of all."""

from uuid import UUID

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from core.api import ERRORS, ApiPagination
from core.scoping import get_object_for_user
from dashboard.figures import COLUMNS, MEASURES, unit_rows
from dashboard.table import ward_table
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
    wards: list[WardFigures] = Field(description=(
        "Một mục cho mỗi phường, xã của trang (một mục với cán bộ của một phường), theo thứ tự trong cây tổ chức "
        "hoặc theo sort."))
    totals: Figures = Field(description="Tổng của mọi phường, xã (không chỉ của trang).")
    count: int = Field(description="Số phường, xã trong phạm vi (mọi trang).")


class DashboardQuery(ApiPagination.Input):
    sort: str = Field("", description=(
        "Sắp xếp các phường, xã theo một số liệu: tên số liệu (tăng dần) hoặc -tên (giảm dần), ví dụ -tasks_overdue. "
        "Mặc định theo thứ tự trong cây tổ chức."), pattern=r"^-?(" + "|".join(key for key, _ in COLUMNS) + r")?$")


@router.get("/dashboard", response={200: DashboardOut, **ERRORS})
def dashboard(request, ward: UUID | None = None, query: Query[DashboardQuery] = None):
    """The dashboard's figures for the caller's wards: one, or a page of the wards of the level above (page_size
    50 by default, at most 200), with the totals of every ward."""
    today = timezone.localdate()
    units = ([get_object_for_user(Organization, request.user, "org.view", pk=ward)] if ward
             else dashboard_units(request.user))
    if len(units) <= 1:  # one ward (a clerk's, or one asked for): its figures are the totals
        rows = unit_rows(request.user, units, today)
        totals = rows[0] if rows else dict.fromkeys(MEASURES, 0)
        return {"year": today.year, "wards": [_ward(row) for row in rows], "totals": totals, "count": len(rows)}
    table = ward_table(request.user, units, today, sort=query.sort, page=query.page,
                       per_page=min(query.page_size or 50, 200))
    rows = table.rows if table.page.number == query.page else []  # past the last page: none, as every list's API
    return {"year": today.year, "wards": [_ward(row) for row in rows], "totals": table.totals, "count": len(units)}

def _ward(row: dict) -> dict:
    return {"id": row["unit"].pk, "name": row["unit"].name, **{key: row[key] for key in MEASURES},
            "members_by_status": row["members_by_status"], "tasks_by_status": row["tasks_by_status"]}
