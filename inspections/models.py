"""The inspection and supervision programs of a ward (kiểm tra, giám sát; QĐ 296-QĐ/TW): the Đảng ủy's and its
Ủy ban Kiểm tra's, year by year, each item planned for a quarter, with its subject (a Party organisation or a member),
its team, its conclusion (kết luận, which may be issued through the registry as "…-KL/UBKTĐU") and what the subject
must then fix, by when (follow-ups)."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core.scoping import ScopedQuerySet
from core.text import NOTE_MAX
from core.versions import Versioned
from org.models import Organization

QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class InspectionProgram(models.TextChoices):
    """Whose program an item is on. The values are the registry's issuing bodies (documents.types.IssuingBody), so
    that a conclusion is numbered in its program's own register."""

    COMMITTEE = "committee", "Đảng ủy"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"


# Who may write each program (accounts.permissions): the office writes both; the UBKT its own.
CHANGE_PERMISSION = {InspectionProgram.COMMITTEE: "inspections.change",
                     InspectionProgram.INSPECTION: "inspections.committee"}


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class InspectionMode(models.TextChoices):
    REGULAR = "regular", "Thường xuyên"
    THEMATIC = "thematic", "Chuyên đề"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    CONCLUDED = "concluded", "Đã kết luận"
    CANCELLED = "cancelled", "Hủy"


# The moves a status may make (a conclusion is recorded by conclude_inspection, from either of the first two).
TRANSITIONS: dict[str, set[str]] = {
    InspectionStatus.PLANNED: {InspectionStatus.IN_PROGRESS, InspectionStatus.CANCELLED},
    InspectionStatus.IN_PROGRESS: {InspectionStatus.PLANNED, InspectionStatus.CANCELLED},
    InspectionStatus.CONCLUDED: set(),
    InspectionStatus.CANCELLED: {InspectionStatus.PLANNED},
}
CONCLUDABLE = {InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS}


def quarter_label(quarter: int, year: int | None = None) -> str:
    return f"Quý {ROMAN[quarter]}" + (f"/{year}" if year else "")


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> datetime.date:
    following = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, quarter * 3 + 1, 1)
    return following - datetime.timedelta(days=1)


def planned_q() -> Q:
    """What a program counts as planned: every item not cancelled."""
    return ~Q(status=InspectionStatus.CANCELLED)


def done_q() -> Q:
    """What a program counts as done: the items concluded."""
    return Q(status=InspectionStatus.CONCLUDED)


def overdue_follow_up_q(today: datetime.date) -> Q:
    """A follow-up not done and past the date the subject was to fix it by."""
    return Q(done_on__isnull=True, due_on__lt=today)


class InspectionQuerySet(ScopedQuerySet):
    def planned(self):
        return self.filter(planned_q())

    def listing(self, *, year: int | None = None, quarter: int | None = None, status: str = "",
                program: str = "", within: Organization | None = None):
        items = self
        if within is not None:
            items = items.filter(ward__path__startswith=within.path)
        if year:
            items = items.filter(year=year)
        if quarter:
            items = items.filter(quarter=quarter)
        if status:
            items = items.filter(status=status)
        if program:
            items = items.filter(program=program)
        return items.order_by("ward__path", "year", "quarter", "program", "order", "created", "id")

    def concerning(self, member):
        return self.filter(subject_member=member)

    def quarter_summary(self) -> list["QuarterFigures"]:
        """Planned versus done per quarter of the rows (one year of one or more programs), and the year's total:
        one grouped query."""
        counted = {row["quarter"]: row for row in self.order_by().values("quarter").annotate(
            planned=Count("pk", filter=planned_q()),
            done=Count("pk", filter=done_q()),
            in_progress=Count("pk", filter=Q(status=InspectionStatus.IN_PROGRESS)),
            cancelled=Count("pk", filter=Q(status=InspectionStatus.CANCELLED)))}
        rows = [QuarterFigures(quarter, *(counted.get(quarter, {}).get(key, 0)
                                          for key in ("planned", "done", "in_progress", "cancelled")))
                for quarter in QUARTERS]
        return [*rows, QuarterFigures(None, *(sum(getattr(row, key) for row in rows)
                                              for key in ("planned", "done", "in_progress", "cancelled")))]


@dataclass(frozen=True)
class QuarterFigures:
    """Planned versus done in one quarter (None: the whole year)."""

    quarter: int | None
    planned: int
    done: int
    in_progress: int
    cancelled: int

    @property
    def label(self) -> str:
        return quarter_label(self.quarter) if self.quarter else "Cả năm"

    @property
    def not_started(self) -> int:
        return self.planned - self.done - self.in_progress

    @property
    def all_done(self) -> bool:
        return self.planned > 0 and self.done == self.planned

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.planned) if self.planned else 0

    def as_dict(self) -> dict:
        return {"quarter": self.quarter, "planned": self.planned, "done": self.done,
                "in_progress": self.in_progress, "not_started": self.not_started, "cancelled": self.cancelled}


class Inspection(Versioned):
    """One inspection or supervision of a program: its subject, content, team, quarter, and what it concluded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="đảng bộ phường, xã", on_delete=models.PROTECT,
                             related_name="inspections")
    program = models.CharField("chương trình của", max_length=12, choices=InspectionProgram.choices,
                               default=InspectionProgram.INSPECTION)
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý", choices=[(q, quarter_label(q)) for q in QUARTERS])
    kind = models.CharField("hình thức", max_length=12, choices=InspectionKind.choices,
                            default=InspectionKind.INSPECTION)
    mode = models.CharField("loại", max_length=10, choices=InspectionMode.choices, default=InspectionMode.THEMATIC)
    subject_organization = models.ForeignKey(
        Organization, verbose_name="tổ chức đảng được kiểm tra, giám sát", on_delete=models.PROTECT, null=True,
        blank=True, related_name="inspections_received")
    subject_member = models.ForeignKey(
        "members.PartyMember", verbose_name="đảng viên được kiểm tra, giám sát", on_delete=models.PROTECT,
        null=True, blank=True, related_name="inspections")
    content = models.TextField("nội dung", max_length=NOTE_MAX)
    period_covered = models.CharField("thời kỳ kiểm tra, giám sát", max_length=200, blank=True,
                                      help_text="Ví dụ: từ năm 2020 đến 6 tháng đầu năm 2021.")
    team_lead = models.ForeignKey("org.Person", verbose_name="trưởng đoàn", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+")
    team = models.ManyToManyField("org.Person", verbose_name="thành viên đoàn", blank=True, related_name="+")
    status = models.CharField("tình trạng", max_length=12, choices=InspectionStatus.choices,
                              default=InspectionStatus.PLANNED)
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True)
    conclusion = models.TextField("kết luận", max_length=NOTE_MAX, blank=True)
    concluded_on = models.DateField("ngày kết luận", null=True, blank=True)
    conclusion_document = models.ForeignKey(
        "documents.Document", verbose_name="văn bản kết luận", on_delete=models.PROTECT, null=True, blank=True,
        related_name="inspections")
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = InspectionQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "inspections.view"

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "kiểm tra, giám sát"
        ordering = ["year", "quarter", "order", "created"]
        indexes = [models.Index(fields=["ward", "year", "quarter"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_organization__isnull=False, subject_member__isnull=True)
                           | Q(subject_organization__isnull=True, subject_member__isnull=False)),
                name="inspection_one_subject"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="inspection_quarter"),
            models.CheckConstraint(condition=Q(status=InspectionStatus.CONCLUDED, concluded_on__isnull=False)
                                   | (~Q(status=InspectionStatus.CONCLUDED) & Q(concluded_on__isnull=True)),
                                   name="inspection_concluded_on_when_concluded"),
        ]

    def __str__(self):
        text = f"{self.get_kind_display()} {self.subject_name}"
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self):
        return reverse("inspection_detail", args=[self.pk])

    @staticmethod
    def organization_of(inspection: "Inspection") -> Organization:
        return inspection.ward

    @property
    def change_permission(self) -> str:
        return CHANGE_PERMISSION[self.program]

    @property
    def subject_name(self) -> str:
        if self.subject_member_id:
            return f"đảng viên {self.subject_member.person.full_name}"
        return self.subject_organization.name if self.subject_organization_id else ""

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter, self.year)

    @property
    def title(self) -> str:
        """"Kiểm tra chuyên đề", "Giám sát thường xuyên"."""
        return f"{self.get_kind_display()} {self.get_mode_display().lower()}"

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Not concluded (nor cancelled) after its quarter ended."""
        return self.status in CONCLUDABLE and quarter_end(self.year, self.quarter) < (today or timezone.localdate())

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "Ngày kết thúc không được trước ngày bắt đầu."})
        if self.ward_id and self.subject_organization_id and not self.ward.contains(self.subject_organization):
            raise ValidationError({"subject_organization": f"Tổ chức được kiểm tra không thuộc {self.ward.name}."})
        if self.ward_id and self.subject_member_id and not self.ward.contains(self.subject_member.organization):
            raise ValidationError({"subject_member": f"Đảng viên được kiểm tra không sinh hoạt ở {self.ward.name}."})


class FollowUpQuerySet(ScopedQuerySet):
    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_follow_up_q(today or timezone.localdate()))


class FollowUp(models.Model):
    """What a conclusion requires of its subject (khắc phục, sửa chữa), by when, and when it was done."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inspection = models.ForeignKey(Inspection, verbose_name="cuộc kiểm tra, giám sát", on_delete=models.CASCADE,
                                   related_name="follow_ups")
    text = models.TextField("yêu cầu khắc phục", max_length=NOTE_MAX)
    due_on = models.DateField("thời hạn")
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    result = models.TextField("kết quả khắc phục", max_length=NOTE_MAX, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()
    scope_prefix = "inspection__ward__"
    view_permission = "inspections.view"

    class Meta:
        verbose_name = "yêu cầu khắc phục"
        verbose_name_plural = "yêu cầu khắc phục"
        ordering = ["due_on", "created"]
        indexes = [models.Index(fields=["inspection", "due_on"])]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    @staticmethod
    def organization_of(follow_up: "FollowUp") -> Organization:
        return follow_up.inspection.ward

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.done_on is None and self.due_on < (today or timezone.localdate())
