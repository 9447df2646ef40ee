"""The ward's work program: the key tasks (nhiệm vụ trọng tâm) the Đảng ủy hands to its bodies, each with dated
progress notes. A task is led by a unit of the ward's tree (the ward itself for the Đảng ủy's own organs: its Ban
Thường vụ, its Ủy ban Kiểm tra, its office), and is scoped through that unit, so a body sees the tasks it leads."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.scoping import ScopedQuerySet
from core.text import NOTE_MAX
from core.versions import Versioned
from org.models import DISTRICT_KINDS, PROVINCE_KINDS, WARD_KINDS, Organization

# Whose program a task is on: a ward's or commune's Đảng ủy; a district's or province's for the meetings they hold.
PROGRAM_KINDS = WARD_KINDS | DISTRICT_KINDS | PROVINCE_KINDS


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    DONE_LATE = "done_late", "Hoàn thành chậm"
    FAILED = "failed", "Không thực hiện được"
    CANCELLED = "cancelled", "Hủy"


OPEN = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS})
FINISHED = frozenset(set(TaskStatus) - OPEN)

# Which status a progress note may set from which. "Hoàn thành chậm" is never chosen: a task completed after its
# deadline is recorded so (Task.completion_status). A finished task may be reopened by a note saying why.
TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.NOT_STARTED: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.FAILED,
                                       TaskStatus.CANCELLED}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.CANCELLED}),
    TaskStatus.DONE: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.DONE_LATE: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.FAILED: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.CANCELLED: frozenset(),
}


class Period(models.TextChoices):
    YEAR = "year", "Cả năm"
    QUARTER = "quarter", "Quý"
    MONTH = "month", "Tháng"


class Source(models.TextChoices):
    PROGRAM = "program", "Chương trình công tác năm"
    MEETING = "meeting", "Cuộc họp"
    DOCUMENT = "document", "Văn bản"
    CARRIED = "carried", "Chuyển từ tháng trước"


class LeadBody(models.TextChoices):
    """Who leads a task the ward's Party committee keeps for itself (the lead unit is then the ward)."""

    EXECUTIVE = "executive", "Ban Chấp hành Đảng bộ"
    STANDING = "standing", "Ban Thường vụ Đảng ủy"
    INSPECTION = "inspection", "Ủy ban Kiểm tra Đảng ủy"
    OFFICE = "office", "Văn phòng Đảng ủy"


def period_start(period: str, day: datetime.date) -> datetime.date:
    """The first day of the month, quarter or year `day` falls in."""
    if period == Period.YEAR:
        return day.replace(month=1, day=1)
    if period == Period.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def period_label(period: str, start: datetime.date) -> str:
    if period == Period.YEAR:
        return f"Năm {start.year}"
    if period == Period.QUARTER:
        return f"Quý {(start.month - 1) // 3 + 1}/{start.year}"
    return f"Tháng {start.month}/{start.year}"


def not_carried_q() -> Q:
    """The tasks not carried over to a later month. NOT EXISTS rather than the reverse relation's LEFT JOIN … IS NULL,
    for which PostgreSQL expects one row and plans a count of thousands as nested loops."""
    return Q(~models.Exists(Task.objects.filter(carried_from=models.OuterRef("pk"))))


def unfinished_q() -> Q:
    """Not started or in progress (carried over or not)."""
    return Q(status__in=OPEN)


def late_q(today: datetime.date) -> Q:
    """Unfinished and past the deadline (carried over or not)."""
    return unfinished_q() & Q(due_on__lt=today)


def open_q() -> Q:
    """The tasks still to do: unfinished and not carried over."""
    return unfinished_q() & not_carried_q()


def overdue_q(today: datetime.date) -> Q:
    """Open and past the deadline."""
    return late_q(today) & not_carried_q()


def done_in_q(year: int) -> Q:
    """Done (in time or late) within `year`. A task carried over is never done (its successor is), so this holds
    among the tasks not carried over too."""
    return Q(status__in=[TaskStatus.DONE, TaskStatus.DONE_LATE], completed_on__year=year)


class TaskQuerySet(ScopedQuerySet):
    def not_carried(self):
        return self.filter(not_carried_q())

    def open(self):
        return self.filter(open_q())

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def of_month(self, month: datetime.date):
        """The month's list: its own tasks, and the year's and quarter's tasks due within it."""
        first = month.replace(day=1)
        return self.filter(Q(period=Period.MONTH, period_start=first)
                           | (~Q(period=Period.MONTH) & Q(due_on__gte=first, due_on__lt=next_month(first))))

    def within(self, organization: Organization):
        """The tasks led by `organization` or a unit under it."""
        return self.filter(lead_unit__path__startswith=organization.path)

    def listing(self, *, status: str = "", month: datetime.date | None = None, overdue: bool = False,
                within: Organization | None = None, today: datetime.date | None = None):
        """A list's filters, in the list's order (by deadline, then as given). `status` is a TaskStatus or "open"."""
        tasks = self
        if within is not None:
            tasks = tasks.within(within)
        if status == "open":
            tasks = tasks.open()
        elif status:
            tasks = tasks.filter(status=status)
        if month is not None:
            tasks = tasks.of_month(month)
        if overdue:
            tasks = tasks.overdue(today)
        return tasks.order_by(models.F("due_on").asc(nulls_last=True), "period_start", "order", "id")


class Task(Versioned):
    """A task of a ward's work program: what, who leads it, by when, where it comes from, and how far it got."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="phường, xã", on_delete=models.PROTECT,
                             related_name="tasks")
    text = models.TextField("nhiệm vụ", max_length=NOTE_MAX)
    lead_unit = models.ForeignKey(Organization, verbose_name="đơn vị chủ trì", on_delete=models.PROTECT,
                                  related_name="led_tasks")
    lead_body = models.CharField("cơ quan của Đảng ủy chủ trì", max_length=16, choices=LeadBody.choices, blank=True,
                                 help_text="Khi Đảng ủy tự chủ trì: Ban Chấp hành, Ban Thường vụ, UBKT, Văn phòng.")
    supporting_units = models.ManyToManyField(Organization, verbose_name="đơn vị phối hợp", blank=True,
                                              related_name="supported_tasks")
    period = models.CharField("kỳ", max_length=8, choices=Period.choices, default=Period.MONTH)
    period_start = models.DateField("từ ngày (đầu kỳ)")
    due_on = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=16, choices=TaskStatus.choices,
                              default=TaskStatus.NOT_STARTED)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    source = models.CharField("nguồn", max_length=16, choices=Source.choices, default=Source.PROGRAM)
    meeting = models.ForeignKey("meetings.Meeting", verbose_name="cuộc họp giao", on_delete=models.PROTECT,
                                null=True, blank=True, related_name="tasks")
    document = models.ForeignKey("documents.Document", verbose_name="văn bản giao", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="tasks")
    source_note = models.CharField("căn cứ khác", max_length=300, blank=True,
                                   help_text="Ví dụ: Công văn 339-CV/QU, khi văn bản chưa vào sổ.")
    carried_from = models.OneToOneField("self", verbose_name="chuyển từ", on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="carried_to")
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()
    scope_prefix = "lead_unit__"
    view_permission = "tasks.view"

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["period_start", "due_on", "order", "created"]
        indexes = [
            models.Index(fields=["ward", "period", "period_start"]),
            models.Index(fields=["ward", "status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(completed_on__isnull=True) | Q(status__in=FINISHED),
                                   name="task_completed_only_when_finished"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def get_absolute_url(self):
        return reverse("task_detail", args=[self.pk])

    @staticmethod
    def organization_of(task: "Task") -> Organization:
        return task.lead_unit

    @property
    def period_label(self) -> str:
        return period_label(self.period, self.period_start)

    @property
    def lead_label(self) -> str:
        """"Ban Thường vụ Đảng ủy", or the lead unit's name."""
        return self.get_lead_body_display() if self.lead_body else self.lead_unit.name

    def is_past_due(self, today: datetime.date | None = None) -> bool:
        """Open and past its deadline (whether or not carried over: see is_overdue)."""
        return self.status in OPEN and self.due_on is not None and self.due_on < (today or timezone.localdate())

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Past its deadline and still to be done here: a task carried over is pursued in the next month's list.
        (Lists select_related("carried_to"), so this reads no row.)"""
        return self.is_past_due(today) and not self.is_carried_over

    @property
    def is_carried_over(self) -> bool:
        try:
            return self.carried_to is not None
        except Task.DoesNotExist:
            return False

    def history_ids(self) -> list:
        """The ids of this task and of those it continues (carried over month by month), newest first: whose
        progress notes are its history."""
        ids, current = [self.pk], self
        while current.carried_from_id is not None and len(ids) < 120:
            ids.append(current.carried_from_id)
            current = Task.objects.only("carried_from_id").get(pk=current.carried_from_id)
        return ids

    def history_file(self, progress_id) -> "Progress | None":
        """The progress note `progress_id` of the task's history if it carries a file."""
        return Progress.objects.filter(pk=progress_id, task__in=self.history_ids()).exclude(file="").first()

    def completion_status(self, day: datetime.date) -> str:
        """What completing the task on `day` records: "hoàn thành", or "hoàn thành chậm" after its deadline."""
        return TaskStatus.DONE_LATE if self.due_on is not None and day > self.due_on else TaskStatus.DONE

    def clean(self):
        errors = {}
        ward = self.ward if self.ward_id else None
        if ward is not None and ward.kind not in PROGRAM_KINDS:
            errors["ward"] = "Chương trình công tác là của một Đảng ủy (phường, xã hoặc cấp trên)."
        if ward is not None and self.lead_unit_id and not ward.contains(self.lead_unit):
            errors["lead_unit"] = f"Đơn vị chủ trì “{self.lead_unit.name}” không thuộc {ward.name}."
        if self.lead_body and self.lead_unit_id and self.lead_unit_id != self.ward_id:
            errors["lead_body"] = "Chỉ ghi cơ quan của Đảng ủy khi đơn vị chủ trì là chính Đảng ủy phường, xã."
        if self.period_start and self.period and self.period_start != period_start(self.period, self.period_start):
            errors["period_start"] = "Đầu kỳ phải là ngày đầu tháng, đầu quý hoặc đầu năm."
        if self.due_on and self.period_start and self.due_on < self.period_start:
            errors["due_on"] = f"Thời hạn không được trước đầu kỳ ({self.period_start:%d/%m/%Y})."
        if self.source == Source.MEETING and not self.meeting_id:
            errors["source"] = "Nhiệm vụ từ cuộc họp được giao khi ghi cuộc họp (mục nhiệm vụ trọng tâm)."
        if self.source == Source.CARRIED and not self.carried_from_id:
            errors["source"] = "Chỉ nhiệm vụ chuyển từ tháng trước mới có nguồn này."
        if self.source == Source.DOCUMENT and not (self.document_id or self.source_note.strip()):
            errors["source_note"] = "Nhiệm vụ từ văn bản: hãy chọn văn bản hoặc ghi số, ký hiệu văn bản."
        if self.document_id and self.ward_id and not self.ward.contains(self.document.organization):
            errors["document"] = "Văn bản không thuộc sổ văn bản của phường, xã này."
        if errors:
            raise ValidationError(errors)


def progress_path(progress: "Progress", filename: str) -> str:
    return f"tasks/{progress.task_id}/{uuid.uuid4().hex}/{filename}"


class Progress(models.Model):
    """A dated note of how far a task got, from the office or the unit that leads it; it may set a new status and
    carry one file (a report, a photo)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="progress")
    day = models.DateField("ngày")
    note = models.TextField("nội dung", max_length=NOTE_MAX)
    status = models.CharField("tình trạng mới", max_length=16, choices=TaskStatus.choices, blank=True)
    file = models.FileField(upload_to=progress_path, max_length=200, blank=True)
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tiến độ"
        verbose_name_plural = "tiến độ"
        ordering = ["day", "created"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.note[:60]}"

    @property
    def name(self) -> str:
        """The file's name as uploaded (documents.files.open_stored names a missing file by it)."""
        return self.file_name


# Targets (chỉ tiêu) ---------------------------------------------------------------------------------------------


class Indicator(models.TextChoices):
    """The catalogue of indicators a ward is given targets on; "custom" is named by the target itself."""

    BUDGET_REVENUE = "budget_revenue", "Thu ngân sách"
    MILITARY_CALLUP = "military_callup", "Giao quân (thanh niên nhập ngũ)"
    MEMBERS_ADMITTED = "members_admitted", "Kết nạp đảng viên mới"
    MEMBERS_RECOGNISED = "members_recognised", "Công nhận đảng viên chính thức"
    MEETINGS_HELD = "meetings_held", "Cuộc họp của Đảng ủy và các chi bộ"
    POOR_HOUSEHOLDS_REDUCED = "poor_households_reduced", "Giảm hộ nghèo"
    HEALTH_INSURANCE = "health_insurance", "Tỷ lệ dân số tham gia bảo hiểm y tế"
    CUSTOM = "custom", "Chỉ tiêu khác"


# The unit each catalogue indicator is counted in (a custom one names its own).
INDICATOR_UNITS = {
    Indicator.BUDGET_REVENUE: "đồng", Indicator.MILITARY_CALLUP: "người", Indicator.MEMBERS_ADMITTED: "đảng viên",
    Indicator.MEMBERS_RECOGNISED: "đảng viên", Indicator.MEETINGS_HELD: "cuộc",
    Indicator.POOR_HOUSEHOLDS_REDUCED: "hộ", Indicator.HEALTH_INSURANCE: "%",
}
# Indicators whose actual the system already holds (work.targets.derived_actual): never typed twice.
DERIVED = frozenset({Indicator.MEMBERS_ADMITTED, Indicator.MEMBERS_RECOGNISED, Indicator.MEETINGS_HELD})


class TargetSource(models.TextChoices):
    SUPERIOR = "superior", "Cấp trên giao"
    OWN = "own", "Nghị quyết của Đảng ủy"


class TargetQuerySet(ScopedQuerySet):
    def of_year(self, year: int):
        return self.filter(year=year)

    def within(self, organization: Organization):
        return self.filter(ward__path__startswith=organization.path)


class Target(Versioned):
    """A figure the ward is to reach in a year, given by the level above or set by its own resolution, and the
    actuals reported against it (or, for what the system already holds, computed: DERIVED)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="phường, xã", on_delete=models.PROTECT,
                             related_name="targets")
    year = models.PositiveSmallIntegerField("năm")
    indicator = models.CharField("chỉ tiêu", max_length=32, choices=Indicator.choices)
    name = models.CharField("tên chỉ tiêu", max_length=300, blank=True,
                            help_text="Bắt buộc với “Chỉ tiêu khác”; các chỉ tiêu có sẵn lấy tên trong danh mục.")
    unit = models.CharField("đơn vị tính", max_length=30, blank=True,
                            help_text="đồng, người, hộ, %, … (các chỉ tiêu có sẵn đã có đơn vị).")
    target_value = models.DecimalField("chỉ tiêu giao", max_digits=20, decimal_places=2)
    more_is_better = models.BooleanField("càng cao càng tốt", default=True,
                                         help_text="Bỏ chọn khi chỉ tiêu là mức tối đa (ví dụ tỷ lệ hộ nghèo).")
    decimals = models.PositiveSmallIntegerField("số chữ số thập phân của tỷ lệ đạt", default=2,
                                                help_text="36,26% là 2 chữ số; 138,5% là 1.")
    source = models.CharField("nguồn giao", max_length=16, choices=TargetSource.choices,
                              default=TargetSource.SUPERIOR)
    basis = models.CharField("căn cứ", max_length=300, blank=True,
                             help_text="Ví dụ: Nghị quyết Đại hội Đảng bộ phường; Quyết định giao dự toán của UBND.")
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "tasks.view"

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["year", "order", "created"]
        indexes = [models.Index(fields=["ward", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(target_value__gt=0), name="target_value_positive"),
            models.CheckConstraint(condition=Q(decimals__lte=3), name="target_decimals_at_most_three"),
        ]

    def __str__(self):
        return f"{self.label} năm {self.year}"

    def get_absolute_url(self):
        return reverse("target_detail", args=[self.pk])

    @staticmethod
    def organization_of(target: "Target") -> Organization:
        return target.ward

    @property
    def label(self) -> str:
        return self.name or self.get_indicator_display()

    @property
    def unit_label(self) -> str:
        return self.unit or INDICATOR_UNITS.get(self.indicator, "")

    @property
    def is_derived(self) -> bool:
        return self.indicator in DERIVED

    def clean(self):
        errors = {}
        if self.ward_id and self.ward.kind not in WARD_KINDS:
            errors["ward"] = "Chỉ tiêu là của Đảng ủy phường, xã."
        if self.indicator == Indicator.CUSTOM and not (self.name or "").strip():
            errors["name"] = "Hãy ghi tên chỉ tiêu."
        if self.indicator == Indicator.CUSTOM and not (self.unit or "").strip():
            errors["unit"] = "Hãy ghi đơn vị tính."
        if self.target_value is not None and self.target_value <= 0:
            errors["target_value"] = "Chỉ tiêu giao phải lớn hơn 0."
        if self.decimals is not None and self.decimals > 3:
            errors["decimals"] = "Tỷ lệ đạt ghi tối đa 3 chữ số thập phân."
        if self.year is not None and not 1990 <= self.year <= 2100:
            errors["year"] = "Năm phải từ 1990 đến 2100."
        if errors:
            raise ValidationError(errors)


class Actual(models.Model):
    """The figure a target reached by a day, as reported (cumulative for the year: the latest one counts)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="actuals")
    day = models.DateField("đến ngày")
    value = models.DecimalField("đạt được", max_digits=20, decimal_places=2)
    source = models.CharField("nguồn số liệu", max_length=300,
                              help_text="Ví dụ: Báo cáo kết quả 6 tháng đầu năm của UBND phường.")
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kết quả thực hiện"
        verbose_name_plural = "kết quả thực hiện"
        ordering = ["day", "created"]
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="actual_value_not_negative")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.value}"
