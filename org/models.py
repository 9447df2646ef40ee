"""The organisation tree, its committees and terms, the people who hold positions, and the users' roles."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.pagination import CountableQuerySet
from core.scoping import ScopedQuerySet, UnitPathField, has_perm
from core.search import fold, search_q, search_words, sort_key, word_prefix_q
from core.text import NOTE_MAX
from core.versions import Versioned
from core.walk import NameWordRow
from org.validators import cccd_consistency_errors, normalize_phone, validate_cccd_format, validate_phone

# docs/rules.md §0.2: QĐ 294-QĐ/TW removed the district level from 01/7/2025.
DISTRICT_LEVEL_ABOLISHED_ON = datetime.date(2025, 7, 1)


class Kind(models.TextChoices):
    CITY_COMMITTEE = "city_committee", "Thành ủy"
    PROVINCE_COMMITTEE = "province_committee", "Tỉnh ủy"
    DISTRICT_COMMITTEE = "district_committee", "Quận ủy"
    COUNTY_COMMITTEE = "county_committee", "Huyện ủy"
    WARD_COMMITTEE = "ward_committee", "Đảng ủy phường"
    COMMUNE_COMMITTEE = "commune_committee", "Đảng ủy xã"
    CELL = "cell", "Chi bộ"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    FATHERLAND_FRONT = "fatherland_front", "Ủy ban Mặt trận Tổ quốc"
    YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
    WOMENS_UNION = "womens_union", "Hội Liên hiệp Phụ nữ"
    VETERANS_ASSOCIATION = "veterans_association", "Hội Cựu chiến binh"
    FARMERS_ASSOCIATION = "farmers_association", "Hội Nông dân"
    ELDERLY_ASSOCIATION = "elderly_association", "Hội Người cao tuổi"
    TRADE_UNION = "trade_union", "Công đoàn"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"


PROVINCE_KINDS = {Kind.CITY_COMMITTEE, Kind.PROVINCE_COMMITTEE}
DISTRICT_KINDS = {Kind.DISTRICT_COMMITTEE, Kind.COUNTY_COMMITTEE}
WARD_KINDS = {Kind.WARD_COMMITTEE, Kind.COMMUNE_COMMITTEE}
PARTY_KINDS = PROVINCE_KINDS | DISTRICT_KINDS | WARD_KINDS | {Kind.CELL}
WARD_BODY_KINDS = set(Kind) - PARTY_KINDS  # UBND, HĐND, MTTQ, mass organisations, residential groups

# Which kinds may sit directly under which (None = a root of the tree).
ALLOWED_PARENTS: dict[str, set] = {
    **{kind: {None} for kind in PROVINCE_KINDS},
    **dict.fromkeys(DISTRICT_KINDS, PROVINCE_KINDS),
    **dict.fromkeys(WARD_KINDS, PROVINCE_KINDS | DISTRICT_KINDS),
    Kind.CELL: WARD_KINDS,
    # HĐND, UBND, MTTQ and the mass organisations exist at every level from the province down.
    **dict.fromkeys(WARD_BODY_KINDS, PROVINCE_KINDS | DISTRICT_KINDS | WARD_KINDS),
    Kind.RESIDENTIAL_GROUP: WARD_KINDS,
}


class CellCategory(models.TextChoices):
    RESIDENTIAL = "residential", "Chi bộ khu dân cư"
    AGENCY = "agency", "Chi bộ cơ quan, đơn vị"


class OrganizationQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    def open_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def wards(self):
        return self.filter(kind__in=WARD_KINDS)

    def search(self, query: str):
        """Units whose folded name has every word of `query` (accent-insensitive)."""
        return self.filter(search_q(query)) if query and query.strip() else self


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField("tên", max_length=200)
    search_name = models.CharField(max_length=200, editable=False, default="")  # fold(name): the tree's search
    kind = models.CharField("loại tổ chức", max_length=32, choices=Kind.choices)
    cell_category = models.CharField(
        "loại chi bộ", max_length=16, choices=CellCategory.choices, blank=True,
        help_text="Chỉ với chi bộ.",
    )
    code = models.SlugField("mã", max_length=64, unique=True, null=True, blank=True)
    valid_from = models.DateField("thành lập từ ngày", null=True, blank=True)
    valid_until = models.DateField("giải thể/hợp nhất ngày", null=True, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)

    objects = OrganizationManager()
    scope_prefix = ""
    view_permission = "org.view"
    node_order_by = None
    steplen = 4

    class Meta:
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organization_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_ward(self) -> bool:
        return self.kind in WARD_KINDS

    def is_open(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    def ward(self):
        """The ward (or commune) this organisation belongs to, itself included; None above ward level."""
        if self.is_ward:
            return self
        return Organization.objects.get_ancestors(self).filter(kind__in=WARD_KINDS).last()

    def home_unit(self) -> "Organization":
        """Whose people may hold this unit's positions and seats: its ward, or above ward level the nearest
        Thành ủy/Tỉnh ủy/Quận ủy/Huyện ủy (itself included)."""
        chain = [*Organization.objects.get_ancestors(self), self]
        for kinds in (WARD_KINDS, PROVINCE_KINDS | DISTRICT_KINDS):
            matches = [unit for unit in chain if unit.kind in kinds]
            if matches:
                return matches[-1]
        return chain[0]

    def contains(self, other: "Organization") -> bool:
        return other.path.startswith(self.path)

    # What is in force on a day: the one spelling every app uses (TermQuerySet.holding says what "in force" is).

    def term_on(self, day: datetime.date) -> "Term | None":
        """The organisation's congress term (nhiệm kỳ) in force on `day`."""
        return Term.objects.filter(organization=self).holding(day).first()

    def committee_on(self, kind: str, day: datetime.date) -> "Committee | None":
        """The organisation's committee of `kind` (Ban Chấp hành, Ban Thường vụ, UBKT) in the term in force on `day`."""
        return (Committee.objects.filter(organization=self, kind=kind,
                                         term__in=Term.objects.filter(organization=self).holding(day))
                .select_related("term").first())

    def clean(self):
        self.code = self.code or None  # unique only when given
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = "Ngày giải thể không được trước ngày thành lập."
        if self.kind == Kind.CELL and not self.cell_category:
            errors["cell_category"] = "Chi bộ phải chọn loại: khu dân cư hoặc cơ quan, đơn vị."
        if self.kind != Kind.CELL and self.cell_category:
            errors["cell_category"] = "Chỉ chi bộ mới có loại chi bộ."
        if self.kind in DISTRICT_KINDS and (
            (self.valid_from or datetime.date.min) >= DISTRICT_LEVEL_ABOLISHED_ON
            or (self.valid_until or datetime.date.max) >= DISTRICT_LEVEL_ABOLISHED_ON
        ):
            errors["kind"] = (
                "Từ 01/07/2025 không còn cấp huyện (QĐ 294-QĐ/TW): Quận ủy, Huyện ủy chỉ ghi "
                "cho thời gian trước ngày đó, với ngày giải thể muộn nhất 30/06/2025."
            )
        if errors:
            raise ValidationError(errors)

    def check_parent(self, parent) -> None:
        """Refuses a parent whose kind cannot hold this kind (e.g. a chi bộ directly under a Thành ủy)."""
        parent_kind = parent.kind if parent else None
        if parent_kind not in ALLOWED_PARENTS.get(self.kind, set()):
            if parent is None:
                raise ValidationError({"parent": f"{self.get_kind_display()} phải thuộc một tổ chức cấp trên."})
            raise ValidationError(
                {"parent": f"{self.get_kind_display()} không thể trực thuộc {parent.get_kind_display()}."}
            )


def overlapping(queryset, start: datetime.date, end: datetime.date | None):
    """Rows of `queryset` whose [start_date, end_date] (open when empty) meets [start, end]."""
    queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    return queryset.filter(start_date__lte=end) if end else queryset


def _check_dates(obj) -> None:
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        raise ValidationError({"end_date": "Ngày kết thúc không được trước ngày bắt đầu."})


# A congress term (nhiệm kỳ) lasts five years (Điều lệ Đảng) and runs to the close of the next congress (HD 36). A
# term whose end is not entered is taken to be in force at most to 31/12 of its fifth year [U]: a congress may come
# late, but a document dated 02/12/2026 is not numbered in the 2020–2025 term. One named place for that reading.
TERM_PRESUMED_YEARS = 5


class TermQuerySet(ScopedQuerySet):
    def holding(self, day: datetime.date):
        """The terms in force on `day`: begun, and not ended (by their end date, or else presumed, see
        TERM_PRESUMED_YEARS)."""
        presumed = Q(end_date__isnull=True, start_date__gte=datetime.date(day.year - TERM_PRESUMED_YEARS, 1, 1))
        return self.filter(Q(end_date__gte=day) | presumed, start_date__lte=day)


class Term(models.Model):
    """A congress term (nhiệm kỳ) of a Party organisation, e.g. 2020–2025."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", on_delete=models.PROTECT, related_name="terms"
    )
    name = models.CharField("nhiệm kỳ", max_length=50, help_text="Ví dụ: 2020–2025")
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)

    objects = TermQuerySet.as_manager()
    view_permission = "org.view"

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["organization", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="term_unique_name_per_organization")
        ]

    def __str__(self):
        return f"Nhiệm kỳ {self.name}"

    @staticmethod
    def organization_of(obj):
        return obj.organization

    @property
    def in_force_until(self) -> datetime.date:
        """The term's last day: its end date, else the presumed one (TERM_PRESUMED_YEARS)."""
        return self.end_date or datetime.date(self.start_date.year + TERM_PRESUMED_YEARS, 12, 31)

    def holds(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.in_force_until

    def clean(self):
        _check_dates(self)
        if self.organization_id and not self.organization.is_party:
            raise ValidationError({"organization": "Chỉ tổ chức đảng mới có nhiệm kỳ đại hội."})
        if self.organization_id and self.start_date:
            others = Term.objects.filter(organization_id=self.organization_id).exclude(pk=self.pk)
            if overlapping(others, self.start_date, self.end_date).exists():
                raise ValidationError({"start_date": "Nhiệm kỳ này trùng thời gian với một nhiệm kỳ khác."})


class CommitteeKind(models.TextChoices):
    EXECUTIVE = "executive", "Ban Chấp hành"
    STANDING = "standing", "Ban Thường vụ"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"


class Committee(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField("loại", max_length=16, choices=CommitteeKind.choices)
    term = models.ForeignKey(Term, verbose_name="nhiệm kỳ", on_delete=models.PROTECT, related_name="committees")
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)

    objects = ScopedQuerySet.as_manager()
    view_permission = "org.view"

    class Meta:
        verbose_name = "ban/ủy ban"
        verbose_name_plural = "ban/ủy ban"
        ordering = ["organization", "-term__start_date", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "term"], name="committee_unique_per_term")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.organization.name} nhiệm kỳ {self.term.name}"

    def get_absolute_url(self):
        return reverse("committee_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj.organization

    def clean(self):
        if self.organization_id and self.term_id and self.term.organization_id != self.organization_id:
            raise ValidationError({"term": "Nhiệm kỳ phải là nhiệm kỳ của chính tổ chức này."})
        if self.organization_id and not self.organization.is_party:
            raise ValidationError({"organization": "Chỉ tổ chức đảng mới có Ban Chấp hành, Ban Thường vụ, UBKT."})
        if self.organization_id and self.organization.kind == Kind.CELL and self.kind != CommitteeKind.EXECUTIVE:
            raise ValidationError({"kind": "Chi bộ chỉ có chi ủy (Ban Chấp hành), không có Ban Thường vụ hay UBKT."})


class DatedQuerySet(ScopedQuerySet):
    """Rows valid from `start_date` to `end_date` (inclusive; open when empty)."""

    def held_on(self, day: datetime.date):
        return overlapping(self, day, day)

    def current(self):
        return self.held_on(timezone.localdate())


class CommitteeMember(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    committee = models.ForeignKey(
        Committee, verbose_name="ban/ủy ban", on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name="người", on_delete=models.PROTECT, related_name="committee_memberships"
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()
    scope_prefix = "committee__organization__"
    view_permission = "org.view"

    class Meta:
        verbose_name = "ủy viên"
        verbose_name_plural = "ủy viên"
        ordering = ["committee", "start_date"]

    def __str__(self):
        return f"{self.person.full_name} — {self.committee}"

    @staticmethod
    def organization_of(obj):
        return obj.committee.organization

    def clean(self):
        _check_dates(self)
        if not (self.committee_id and self.start_date):
            return
        term = self.committee.term
        if self.start_date < term.start_date or (term.end_date and self.start_date > term.end_date):
            raise ValidationError({"start_date": f"Ngày bắt đầu phải nằm trong nhiệm kỳ {term.name}."})
        if term.end_date and self.end_date and self.end_date > term.end_date:
            raise ValidationError({"end_date": f"Ngày kết thúc không được sau khi hết nhiệm kỳ {term.name}."})
        if self.person_id:
            seats = CommitteeMember.objects.filter(committee_id=self.committee_id, person_id=self.person_id)
            if overlapping(seats.exclude(pk=self.pk), self.start_date, self.end_date).exists():
                raise ValidationError({"person": "Người này đã là ủy viên của ban trong thời gian đó."})


class Title(models.TextChoices):
    SECRETARY = "secretary", "Bí thư"
    STANDING_DEPUTY_SECRETARY = "standing_deputy_secretary", "Phó Bí thư Thường trực"
    DEPUTY_SECRETARY = "deputy_secretary", "Phó Bí thư"
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", "Ủy viên Ban Thường vụ"
    EXECUTIVE_COMMITTEE_MEMBER = "executive_committee_member", "Ủy viên Ban Chấp hành"
    INSPECTION_CHAIR = "inspection_chair", "Chủ nhiệm Ủy ban Kiểm tra"
    INSPECTION_DEPUTY = "inspection_deputy", "Phó Chủ nhiệm Ủy ban Kiểm tra"
    CHAIR = "chair", "Chủ tịch"
    STANDING_VICE_CHAIR = "standing_vice_chair", "Phó Chủ tịch Thường trực"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch"
    HEAD = "head", "Trưởng ban"
    DEPUTY_HEAD = "deputy_head", "Phó Trưởng ban"
    OFFICE_CHIEF = "office_chief", "Chánh Văn phòng"
    FRONT_WORK_HEAD = "front_work_head", "Trưởng ban Công tác Mặt trận"
    GROUP_LEADER = "group_leader", "Tổ trưởng"
    GROUP_DEPUTY = "group_deputy", "Tổ phó"
    MEMBER = "member", "Ủy viên"
    OTHER = "other", "Chức danh khác"


TITLE_RANK = {title: rank for rank, title in enumerate(Title.values)}
# Titles one person at a time holds in a unit (a second Bí thư over the same dates is a mistake).
SINGLE_HOLDER_TITLES = {
    Title.SECRETARY, Title.STANDING_DEPUTY_SECRETARY, Title.INSPECTION_CHAIR, Title.CHAIR,
    Title.STANDING_VICE_CHAIR, Title.OFFICE_CHIEF, Title.FRONT_WORK_HEAD, Title.GROUP_LEADER,
}


class PositionQuerySet(DatedQuerySet):
    """Positions: by date, and in order of precedence (Bí thư first)."""

    def by_precedence(self):
        rank = models.Case(
            *(models.When(title=title, then=models.Value(n)) for title, n in TITLE_RANK.items()),
            default=models.Value(len(TITLE_RANK)),
        )
        return self.alias(_rank=rank).order_by("organization__path", "_rank", "start_date")


class Position(models.Model):
    """A title held by a person in an organisation over dates. One person may hold several at once (kiêm nhiệm)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "org.Person", verbose_name="người", on_delete=models.PROTECT, related_name="positions"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField("chức danh", max_length=32, choices=Title.choices)
    title_detail = models.CharField(
        "chức danh cụ thể", max_length=150, blank=True,
        help_text="Ví dụ: Trưởng Ban Tuyên giáo. Bắt buộc với “Chức danh khác”.",
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    objects = PositionQuerySet.as_manager()
    view_permission = "org.view"

    class Meta:
        verbose_name = "chức danh"
        verbose_name_plural = "chức danh"
        ordering = ["organization", "title", "start_date"]
        indexes = [models.Index(fields=["organization", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.person.full_name} — {self.label} {self.organization.name}"

    @staticmethod
    def organization_of(obj):
        return obj.organization

    @property
    def label(self) -> str:
        return self.title_detail or self.get_title_display()

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self):
        _check_dates(self)
        if self.title == Title.OTHER and not self.title_detail:
            raise ValidationError({"title_detail": "Hãy ghi chức danh cụ thể khi chọn “Chức danh khác”."})
        if not (self.organization_id and self.start_date):
            return
        unit = self.organization
        if (unit.valid_until and self.start_date > unit.valid_until) or (
            unit.valid_from and (self.end_date or datetime.date.max) < unit.valid_from
        ):
            raise ValidationError({"start_date": f"{unit.name} không còn hoạt động vào thời gian này."})
        if unit.valid_until and (self.end_date or datetime.date.max) > unit.valid_until:
            message = f"{unit.name} giải thể ngày {unit.valid_until:%d/%m/%Y}: chức danh phải kết thúc trước đó."
            raise ValidationError({"end_date": message})
        if self.title in SINGLE_HOLDER_TITLES:
            holders = Position.objects.filter(organization_id=unit.pk, title=self.title, title_detail=self.title_detail)
            holders = holders.exclude(pk=self.pk)
            if overlapping(holders, self.start_date, self.end_date).exists():
                raise ValidationError(
                    {"title": f"{unit.name} đã có người giữ chức {self.label} trong thời gian này."}
                )


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class PoliticalTheory(models.TextChoices):
    NONE = "", "Chưa qua đào tạo"
    ELEMENTARY = "elementary", "Sơ cấp"
    INTERMEDIATE = "intermediate", "Trung cấp"
    ADVANCED = "advanced", "Cao cấp"
    BACHELOR = "bachelor", "Cử nhân"


class PersonQuerySet(CountableQuerySet, ScopedQuerySet):
    def search(self, query: str):
        """Accent-insensitive, by word prefix, as the member search: each word of the query starts a word of the
        name ("nguyen van hung", "ngu hu"), answered by the GIN index of the name's word prefixes on PostgreSQL."""
        return self.filter(word_prefix_q("search_name", search_words(query))) if query and query.strip() else self


class Person(Versioned):
    """Anyone the office records: members, guests, leaders of the ward's bodies. Not a login."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name="đơn vị quản lý", on_delete=models.PROTECT, related_name="people",
        help_text="Đơn vị quản lý hồ sơ người này (phường, chi bộ…).",
    )
    unit_path = UnitPathField()  # the unit's place in the tree: the scope of the people lists (org.unit_paths)
    full_name = models.CharField("họ và tên", max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    # The name's Vietnamese sort key (core.search.sort_key): lists and exports order people by it.
    sort_name = models.CharField(max_length=500, editable=False, db_index=True, default="")
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    cccd = models.CharField(  # noqa: DJ001 - NULL when unknown, so that uniqueness applies only to given numbers
        "số CCCD", max_length=12, null=True, blank=True, validators=[validate_cccd_format],
        help_text="12 chữ số.",
    )
    ethnicity = models.CharField("dân tộc", max_length=50, default="Kinh", blank=True)
    religion = models.CharField("tôn giáo", max_length=50, default="Không", blank=True)
    residence = models.ForeignKey(
        Organization, verbose_name="nơi cư trú (tổ dân phố)", null=True, blank=True,
        on_delete=models.PROTECT, related_name="residents",
        limit_choices_to={"kind": Kind.RESIDENTIAL_GROUP},
        error_messages={"invalid": "Nơi cư trú phải là một tổ dân phố trong phạm vi được giao."},
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    education = models.CharField("trình độ học vấn", max_length=50, blank=True, help_text="Ví dụ: 12/12, Đại học")
    political_theory = models.CharField(
        "lý luận chính trị", max_length=16, choices=PoliticalTheory.choices, blank=True
    )
    phone = models.CharField("số điện thoại", max_length=16, blank=True, validators=[validate_phone])
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()
    view_permission = "people.view"

    class Meta:
        verbose_name = "người"
        verbose_name_plural = "người"
        ordering = ["sort_name"]
        indexes = [models.Index(fields=["unit_path"], opclasses=["varchar_pattern_ops"], name="person_unit_path")]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd"], condition=Q(cccd__isnull=False), name="person_unique_cccd",
                violation_error_message="Số CCCD này đã được ghi cho một người khác.",
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # The derived name columns follow the name however the row is written (a fixture's create() included).
        self.search_name, self.sort_name = fold(self.full_name), sort_key(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name", "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj.organization

    def shows_sensitive_to(self, user) -> bool:
        """CCCD and phone are shown only to roles that need them (docs/rules.md §10.1: member data is confidential)."""
        return has_perm(user, "people.view_sensitive", self.organization)

    def clean_fields(self, exclude=None):
        # Normalise what was typed before the fields are checked: spaces in names, CCCD and phone numbers.
        self.full_name = " ".join((self.full_name or "").split())
        self.search_name = fold(self.full_name)
        self.sort_name = sort_key(self.full_name)
        self.cccd = "".join((self.cccd or "").split()) or None
        self.phone = normalize_phone(self.phone)
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = "Ngày sinh không được sau ngày hôm nay."
        if self.date_of_birth and self.date_of_birth.year < 1890:
            errors["date_of_birth"] = "Ngày sinh không hợp lệ."
        if self.cccd and len(self.cccd) == 12 and self.cccd.isdigit() and "cccd" not in errors:
            mismatch = cccd_consistency_errors(self.cccd, gender=self.gender, date_of_birth=self.date_of_birth)
            if mismatch:
                errors["cccd"] = mismatch
        if self.residence_id and self.residence.kind != Kind.RESIDENTIAL_GROUP:
            errors["residence"] = "Nơi cư trú phải là một tổ dân phố."
        if errors:
            raise ValidationError(errors)


class PersonWord(NameWordRow):
    """A word of a person's folded name (migration 0011), read by the people search (org.search)."""

    pk = models.CompositePrimaryKey("person", "start")
    person = models.ForeignKey(Person, on_delete=models.DO_NOTHING, related_name="name_words")

    class Meta:
        managed = False
        db_table = "org_personword"
