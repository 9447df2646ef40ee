"""The annual quality grading (đánh giá, xếp loại chất lượng): each year each member and each chi bộ of a ward is
assessed by itself, proposed by its chi bộ (a member) and graded by the Đảng ủy: a score out of 100 where the rules
of the day use one, and a grade (gradings.rules)."""

import uuid

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from core.scoping import ScopedQuerySet
from core.text import NOTE_MAX
from core.versions import Versioned
from org.models import Organization


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "completed", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "not_completed", "Không hoàn thành nhiệm vụ"


GRADES = [grade.value for grade in Grade]  # best first


class GradingStage(models.TextChoices):
    SELF = "self", "Tự đánh giá"
    PROPOSED = "proposed", "Chi bộ đề xuất"
    DECIDED = "decided", "Đảng ủy quyết định"


class GradingQuerySet(ScopedQuerySet):
    def of_period(self, year: int, term=None):
        """A year's gradings (none of a term's), or a term's."""
        return self.filter(term=term) if term is not None else self.filter(year=year, term__isnull=True)

    def of_members(self):
        return self.filter(member__isnull=False)

    def of_cells(self):
        return self.filter(cell__isnull=False)

    def decided(self):
        return self.exclude(grade="")

    def by_grade(self) -> dict[str, int]:
        """{grade: n} of the decided rows (one query)."""
        return dict(self.decided().order_by().values_list("grade").annotate(n=Count("pk")))

    def by_cell(self) -> dict:
        """{chi bộ id: {grade: n}} of the members' decided grades (one grouped query)."""
        result: dict = {}
        for cell, grade, n in (self.of_members().decided().order_by().values_list("member__organization", "grade")
                               .annotate(n=Count("pk"))):
            result.setdefault(cell, {})[grade] = n
        return result


class Grading(Versioned):
    """One member's or one chi bộ's grading for a year: its self-assessment, its chi bộ's proposal (a member), the
    Đảng ủy's decision; and the facts the grade's conditions read."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="đảng bộ phường, xã", on_delete=models.PROTECT,
                             related_name="gradings")
    year = models.PositiveSmallIntegerField("năm", help_text="Năm được đánh giá; của một nhiệm kỳ: năm quyết định.")
    term = models.ForeignKey("org.Term", verbose_name="nhiệm kỳ", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="gradings", help_text="Khi đánh giá, xếp loại cả nhiệm kỳ.")
    member = models.ForeignKey("members.PartyMember", verbose_name="đảng viên", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="gradings")
    cell = models.ForeignKey(Organization, verbose_name="chi bộ", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="gradings_received")
    unit = models.ForeignKey(Organization, verbose_name="chi bộ của", on_delete=models.PROTECT, related_name="+",
                             editable=False, help_text="The member's chi bộ (or the chi bộ graded): the row's scope.")
    self_score = models.DecimalField("điểm tự đánh giá", max_digits=5, decimal_places=2, null=True, blank=True)
    self_grade = models.CharField("tự xếp loại", max_length=16, choices=Grade.choices, blank=True)
    proposed_score = models.DecimalField("điểm chi bộ đề xuất", max_digits=5, decimal_places=2, null=True, blank=True)
    proposed_grade = models.CharField("chi bộ đề xuất xếp loại", max_length=16, choices=Grade.choices, blank=True)
    score = models.DecimalField("điểm Đảng ủy quyết định", max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField("Đảng ủy xếp loại", max_length=16, choices=Grade.choices, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    # The conditions (QĐ 366-QĐ/TW, Điều 11), as the Đảng ủy finds them.
    all_on_time = models.BooleanField("100% nhiệm vụ đúng tiến độ", default=True)
    exceeded_share = models.PositiveSmallIntegerField("tỷ lệ nhiệm vụ vượt mức (%)", default=0)
    late_share = models.PositiveSmallIntegerField("tỷ lệ nhiệm vụ chậm (%, tập thể)", default=0)
    disciplined = models.BooleanField("có tập thể, cá nhân lãnh đạo bị kỷ luật (tập thể)", default=False)
    breach = models.BooleanField("vi phạm đến mức không hoàn thành nhiệm vụ", default=False)
    note = models.TextField("ghi chú", max_length=NOTE_MAX, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = GradingQuerySet.as_manager()
    scope_prefix = "unit__"  # a chi bộ's secretary reads her chi bộ's; the ward's roles, all
    view_permission = "gradings.view"

    class Meta:
        verbose_name = "đánh giá, xếp loại chất lượng"
        verbose_name_plural = "đánh giá, xếp loại chất lượng"
        ordering = ["year"]
        indexes = [models.Index(fields=["ward", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(member__isnull=False, cell__isnull=True)
                                   | Q(member__isnull=True, cell__isnull=False), name="grading_one_subject"),
            models.UniqueConstraint(fields=["member", "year"], condition=Q(term__isnull=True),
                                    name="grading_member_once_a_year"),
            models.UniqueConstraint(fields=["cell", "year"], condition=Q(term__isnull=True),
                                    name="grading_cell_once_a_year"),
            models.UniqueConstraint(fields=["member", "term"], name="grading_member_once_a_term"),
            models.UniqueConstraint(fields=["cell", "term"], name="grading_cell_once_a_term"),
        ]

    def __str__(self):
        period = f"nhiệm kỳ {self.term.name}" if self.term_id else f"năm {self.year}"
        return f"Xếp loại {period}: {self.subject_name}"

    def get_absolute_url(self):
        return f"{reverse('grading_list')}?ward={self.ward_id}&year={self.year}"

    @staticmethod
    def organization_of(grading: "Grading") -> Organization:
        return grading.unit

    @property
    def collective(self) -> bool:
        return self.cell_id is not None

    @property
    def subject_name(self) -> str:
        return self.cell.name if self.cell_id else self.member.person.full_name
