"""Changes to the non-specialised staff: a post added, a person given a post (kiêm nhiệm: several posts), a holding
ended, a restructuring plan recorded. Atomic and audited."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import log_action
from core.scoping import require_perm
from org.models import WARD_KINDS, Kind, Organization, Person
from staffing.models import Level, PlanLine, StaffHolding, StaffingPlan, StaffPost

GROUP_KINDS = {Kind.RESIDENTIAL_GROUP}


@transaction.atomic
def create_post(*, ward: Organization, unit: Organization, title: str, actor, order: int = 0) -> StaffPost:
    """A post at the ward (unit: the ward itself) or in one of its residential groups."""
    require_perm(actor, "staffing.change", ward)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Người hoạt động không chuyên trách được quản lý ở phường, xã."})
    if unit.pk != ward.pk and not (unit.kind in GROUP_KINDS and ward.contains(unit)):
        raise ValidationError({"unit": f"Hãy chọn {ward.name} hoặc một tổ dân phố của phường."})
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Hãy ghi tên chức danh."})
    if StaffPost.objects.filter(unit=unit, title__iexact=title).exists():
        raise ValidationError({"title": f"{unit.name} đã có chức danh “{title}”."})
    post = StaffPost.objects.create(ward=ward, unit=unit, title=title, order=order,
                                    level=Level.WARD if unit.pk == ward.pk else Level.GROUP)
    log_action("staffing.post.created", actor=actor, obj=post, organization=ward,
               data={"title": title, "unit": unit.name})
    return post


@transaction.atomic
def assign_post(post: StaffPost, *, person: Person, allowance, start_date: datetime.date, actor) -> StaffHolding:
    """`person` holds `post` from `start_date` with a monthly allowance (đồng). A person may hold several posts;
    a post is held by one person at a time."""
    post = StaffPost.objects.select_for_update().select_related("ward").get(pk=post.pk)
    require_perm(actor, "staffing.change", post.ward)
    if not post.ward.contains(person.organization):
        raise ValidationError({"person": f"{person.full_name} không thuộc {post.ward.name}."})
    allowance = Decimal(allowance)
    if allowance < 0 or allowance != allowance.to_integral_value():
        raise ValidationError({"allowance": "Phụ cấp là số đồng không âm."})
    if start_date > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"start_date": "Ngày bắt đầu quá xa."})
    held = (post.holdings.filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
            .select_related("person").first())
    if held is not None:  # one holder at a time: the new holding, open-ended, must start after any other ends
        until = f" đến ngày {held.end_date:%d/%m/%Y}" if held.end_date else ""
        raise ValidationError({"start_date": f"Chức danh do {held.person.full_name} giữ{until}: người mới nhận từ "
                                             f"sau ngày đó (ghi thôi giữ trước nếu cần)."})
    holding = StaffHolding(post=post, person=person, allowance=allowance, start_date=start_date)
    holding.full_clean()
    holding.save(force_insert=True)
    log_action("staffing.holding.created", actor=actor, obj=holding, organization=post.ward, data={
        "post": str(post), "person": person.full_name, "allowance": str(allowance), "start_date": str(start_date)})
    return holding


@transaction.atomic
def end_holding(holding: StaffHolding, *, end_date: datetime.date, actor) -> StaffHolding:
    holding = StaffHolding.objects.select_for_update().select_related("post__ward", "person").get(pk=holding.pk)
    require_perm(actor, "staffing.change", holding.post.ward)
    if holding.end_date is not None:
        raise ValidationError(f"Đã thôi giữ từ ngày {holding.end_date:%d/%m/%Y}.")
    if end_date < holding.start_date:
        raise ValidationError({"end_date": "Ngày thôi giữ không được trước ngày bắt đầu."})
    holding.end_date = end_date
    holding.save(update_fields=["end_date"])
    log_action("staffing.holding.ended", actor=actor, obj=holding, organization=holding.post.ward,
               data={"post": str(holding.post), "person": holding.person.full_name, "end_date": str(end_date)})
    return holding


LINE_FIELDS = ("units_before", "units_after", "people_before", "people_after", "positions_before", "positions_after",
               "cost_before", "cost_after")


@transaction.atomic
def record_plan(*, ward: Organization, actor, name: str, decided_on: datetime.date, lines: list[dict],
                basis: str = "", effective_on: datetime.date | None = None, note: str = "") -> StaffingPlan:
    """A restructuring plan with its figures before and after, for the ward level and the groups."""
    require_perm(actor, "staffing.change", ward)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Phương án sắp xếp được ghi ở phường, xã."})
    if effective_on is not None and effective_on < decided_on:
        raise ValidationError({"effective_on": "Ngày thực hiện không được trước ngày quyết định."})
    if not (name or "").strip():
        raise ValidationError({"name": "Hãy ghi tên phương án."})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày quyết định không được sau hôm nay."})
    levels = [line.get("level") for line in lines]
    if not lines or len(set(levels)) != len(levels) or not set(levels) <= set(Level.values):
        raise ValidationError({"lines": "Hãy ghi số liệu trước và sau cho cấp phường và (hoặc) tổ dân phố, mỗi cấp "
                                        "một lần."})
    plan = StaffingPlan.objects.create(ward=ward, name=name.strip(), basis=(basis or "").strip(),
                                       decided_on=decided_on, effective_on=effective_on, note=(note or "").strip())
    for line in lines:
        row = PlanLine(plan=plan, level=line["level"], **{key: line.get(key) for key in LINE_FIELDS})
        row.full_clean(exclude=["plan"])
        row.save()
    log_action("staffing.plan.created", actor=actor, obj=plan, organization=ward, data={
        "name": plan.name, "decided_on": str(decided_on),
        "lines": [{key: str(line.get(key)) for key in ("level", *LINE_FIELDS)} for line in lines]})
    return plan
