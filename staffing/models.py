"""The ward's non-specialised staff (người hoạt động không chuyên trách): the posts (chức danh) at ward level and in
each residential group, who holds each from when (one person may hold several: kiêm nhiệm) with the monthly
allowance, and the restructuring plans (phương án sắp xếp) that compare before and after."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.numbers import vn_number
from core.scoping import ScopedQuerySet
from core.text import NOTE_MAX
from core.versions import Versioned
from org.models import Organization


class Level(models.TextChoices):
    WARD = "ward", "Cấp phường, xã"
    GROUP = "group", "Tổ dân phố, thôn"


class StaffPost(models.Model):
    """A post of non-specialised staff: at the ward, or in one of its residential groups."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="phường, xã", on_delete=models.PROTECT,
                             related_name="staff_posts")
    unit = models.ForeignKey(Organization, verbose_name="nơi (phường hoặc tổ dân phố)", on_delete=models.PROTECT,
                             related_name="+")
    level = models.CharField("cấp", max_length=8, choices=Level.choices)
    title = models.CharField("chức danh", max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "staffing.view"

    class Meta:
        verbose_name = "chức danh không chuyên trách"
        verbose_name_plural = "chức danh không chuyên trách"
        ordering = ["level", "order", "title"]
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="staff_post_once_in_a_unit")]

    def __str__(self):
        return f"{self.title} ({self.unit.name})" if self.level == Level.GROUP else self.title

    @staticmethod
    def organization_of(post: "StaffPost") -> Organization:
        return post.ward


class HoldingQuerySet(ScopedQuerySet):
    def on(self, day: datetime.date):
        """The holdings in force on `day`."""
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class StaffHolding(models.Model):
    """A person holding a post from a day (to a day), with its monthly allowance."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    post = models.ForeignKey(StaffPost, verbose_name="chức danh", on_delete=models.PROTECT, related_name="holdings")
    person = models.ForeignKey("org.Person", verbose_name="người giữ", on_delete=models.PROTECT,
                               related_name="staff_holdings")
    allowance = models.DecimalField("phụ cấp hằng tháng (đồng)", max_digits=14, decimal_places=0)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = HoldingQuerySet.as_manager()
    scope_prefix = "post__ward__"
    view_permission = "staffing.view"

    class Meta:
        verbose_name = "người giữ chức danh không chuyên trách"
        verbose_name_plural = "người giữ chức danh không chuyên trách"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(allowance__gte=0), name="staff_allowance_not_negative"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="staff_holding_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.person.full_name}: {self.post}"

    @staticmethod
    def organization_of(holding: "StaffHolding") -> Organization:
        return holding.post.ward


@dataclass(frozen=True)
class Figures:
    """People, posts, units and the monthly cost of one level on one day (or as a plan states them)."""

    people: int
    positions: int | None  # a plan may not say
    cost: Decimal
    units: int | None = None  # residential groups, at group level

    @property
    def text(self) -> str:
        """"07 người/9 chức danh", as seed 004 writes it ("17 người" where the posts are not counted)."""
        people = f"{self.people:02d} người"
        return people if self.positions is None else f"{people}/{self.positions} chức danh"

    @property
    def cost_text(self) -> str:
        return f"{vn_number(self.cost)} đ"


def figures_on(holdings, day: datetime.date) -> dict[str, Figures]:
    """{level: Figures} of the holdings in force on `day`: people counted once however many posts they hold
    (kiêm nhiệm), posts by title at ward level and one per post in the groups, units that have a post held."""
    rows = list(holdings.on(day).values_list("post__level", "person_id", "post__title", "post__unit_id",
                                             "post_id", "allowance"))
    result = {}
    for level in Level.values:
        mine = [row for row in rows if row[0] == level]
        positions = len({row[2] for row in mine}) if level == Level.WARD else len({row[4] for row in mine})
        result[level] = Figures(people=len({row[1] for row in mine}), positions=positions,
                                cost=sum((row[5] for row in mine), Decimal(0)),
                                units=len({row[3] for row in mine}) if level == Level.GROUP else None)
    return result


class StaffingPlan(Versioned):
    """A restructuring plan (phương án sắp xếp, kiêm nhiệm) as decided: for each level the figures before and after,
    as the plan states them; the page sets the staff list's figures of today beside them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="phường, xã", on_delete=models.PROTECT,
                             related_name="staffing_plans")
    name = models.CharField("tên phương án", max_length=300)
    basis = models.CharField("căn cứ", max_length=300, blank=True,
                             help_text="Ví dụ: Đề án 21-ĐA/TU của Thành ủy; Đề án 15-ĐA/QU của Quận ủy.")
    decided_on = models.DateField("ngày quyết định")
    effective_on = models.DateField("thực hiện từ ngày", null=True, blank=True)
    note = models.TextField("ghi chú", max_length=NOTE_MAX, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "staffing.view"

    class Meta:
        verbose_name = "phương án sắp xếp người hoạt động không chuyên trách"
        verbose_name_plural = "phương án sắp xếp"
        ordering = ["-decided_on"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("staffing_plan_detail", args=[self.pk])

    @staticmethod
    def organization_of(plan: "StaffingPlan") -> Organization:
        return plan.ward


class PlanLine(models.Model):
    """One level of a plan: units (groups), people, posts and monthly cost, before and after."""

    plan = models.ForeignKey(StaffingPlan, on_delete=models.CASCADE, related_name="lines")
    level = models.CharField("cấp", max_length=8, choices=Level.choices)
    units_before = models.PositiveIntegerField("số tổ trước", null=True, blank=True)
    units_after = models.PositiveIntegerField("số tổ sau", null=True, blank=True)
    people_before = models.PositiveIntegerField("số người trước")
    people_after = models.PositiveIntegerField("số người sau")
    positions_before = models.PositiveIntegerField("số chức danh trước", null=True, blank=True)
    positions_after = models.PositiveIntegerField("số chức danh sau", null=True, blank=True)
    cost_before = models.DecimalField("kinh phí bình quân tháng trước (đồng)", max_digits=14, decimal_places=0)
    cost_after = models.DecimalField("kinh phí bình quân tháng sau (đồng)", max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["-level"]  # the ward, then the groups
        constraints = [models.UniqueConstraint(fields=["plan", "level"], name="plan_line_once_a_level")]

    def __str__(self):
        return self.get_level_display()

    @property
    def before(self) -> Figures:
        return Figures(self.people_before, self.positions_before, self.cost_before, self.units_before)

    @property
    def after(self) -> Figures:
        return Figures(self.people_after, self.positions_after, self.cost_after, self.units_after)
