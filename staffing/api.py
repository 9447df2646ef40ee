"""The non-specialised staff's API: the ward's posts, holders and allowances today with the totals per level, and a
restructuring plan's before and after."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from core.api import ERRORS
from core.scoping import get_object_for_user
from org.models import Organization
from org.stats import dashboard_units
from staffing.models import Figures, StaffHolding, StaffingPlan, figures_on
from staffing.roster import staffing_of

router = Router(tags=["Người hoạt động không chuyên trách"])


class FiguresOut(Schema):
    people: int
    positions: int | None
    cost: Decimal = Field(description="Kinh phí phụ cấp mỗi tháng (đồng).")
    units: int | None = Field(None, description="Số tổ dân phố (cấp tổ).")
    text: str = Field(description="Ví dụ “07 người/9 chức danh”.")
    cost_text: str = Field(description="Ví dụ “16.183.188 đ”.")


class HolderOut(Schema):
    person: UUID = Field(validation_alias="person_id")
    full_name: str
    allowance: Decimal
    start_date: datetime.date
    concurrent: bool = Field(description="Người này giữ nhiều chức danh (kiêm nhiệm).")

    @staticmethod
    def resolve_full_name(obj):
        return obj.person.full_name


class PostOut(Schema):
    id: UUID
    level: str
    unit: UUID = Field(validation_alias="unit_id")
    unit_name: str
    title: str
    holders: list[HolderOut]

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class StaffingOut(Schema):
    ward: UUID
    day: datetime.date
    posts: list[PostOut]
    totals: dict[str, FiguresOut] = Field(description="Theo cấp: ward (phường), group (tổ dân phố).")


class PlanLineOut(Schema):
    level: str
    before: FiguresOut
    after: FiguresOut
    today: FiguresOut = Field(description="Theo danh sách người giữ chức danh hôm nay.")


class PlanOut(Schema):
    id: UUID
    ward: UUID = Field(validation_alias="ward_id")
    name: str
    basis: str
    decided_on: datetime.date
    effective_on: datetime.date | None
    lines: list[PlanLineOut]


def _figures(figures: Figures) -> dict:
    return {"people": figures.people, "positions": figures.positions, "cost": figures.cost, "units": figures.units,
            "text": figures.text, "cost_text": figures.cost_text}


@router.get("/staffing", response={200: StaffingOut, **ERRORS})
def staffing(request, organization: UUID | None = None):
    """The ward's posts and who holds them today, with the allowance, and the totals per level (the caller's ward, or
    `organization`)."""
    if organization:
        ward = get_object_for_user(Organization, request.user, "staffing.view", pk=organization)
    else:
        units = dashboard_units(request.user)
        ward = get_object_for_user(Organization, request.user, "staffing.view", pk=units[0].pk if units else None)
    day = timezone.localdate()
    posts, totals = staffing_of(ward, request.user, day)
    return {"ward": ward.pk, "day": day, "posts": posts,
            "totals": {level: _figures(figures) for level, figures in totals.items()}}


@router.get("/staffing/plans/{plan_id}", response={200: PlanOut, **ERRORS})
def staffing_plan(request, plan_id: UUID):
    """A restructuring plan: per level its figures before and after, and today's from the staff list."""
    plan = get_object_for_user(StaffingPlan, request.user, "staffing.view", pk=plan_id)
    today = figures_on(StaffHolding.objects.for_user(request.user, "staffing.view").filter(post__ward=plan.ward),
                       timezone.localdate())
    return {"id": plan.pk, "ward_id": plan.ward_id, "name": plan.name, "basis": plan.basis,
            "decided_on": plan.decided_on, "effective_on": plan.effective_on,
            "lines": [{"level": line.level, "before": _figures(line.before), "after": _figures(line.after),
                       "today": _figures(today[line.level])} for line in plan.lines.all()]}
