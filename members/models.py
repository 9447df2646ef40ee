"""A Party member's dossier (hung on a person) and the dated events of its lifecycle.

Two histories answer two questions (STYLE.md): `MembershipEvent` holds the real-world facts with their legal
dates, and the member's `status` is only a cache of what they add up to; the audit log holds who clicked what.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.pagination import CountableQuerySet
from core.scoping import ScopedQuerySet, UnitPathField, scope_q
from core.search import is_number, prefix_q, search_words, word_prefix_q
from core.text import NOTE_MAX
from core.versions import Versioned
from core.walk import NameWordRow
from members.rules import add_months
from org.models import Person


class Status(models.TextChoices):
    CANDIDATE = "candidate", "Quần chúng ưu tú (đang làm hồ sơ kết nạp)"
    ADMITTED = "admitted", "Đã có quyết định kết nạp, chờ lễ kết nạp"
    PROBATIONARY = "probationary", "Đảng viên dự bị"
    OFFICIAL = "official", "Đảng viên chính thức"
    NOT_ADMITTED = "not_admitted", "Không được kết nạp"
    REMOVED = "removed", "Đã xóa tên"
    EXPELLED = "expelled", "Đã khai trừ"
    RESIGNED = "resigned", "Đã ra khỏi Đảng"
    TRANSFERRED_OUT = "transferred_out", "Đã chuyển sinh hoạt đi"
    DECEASED = "deceased", "Đã từ trần"


ON_ROLL = {Status.PROBATIONARY, Status.OFFICIAL}  # counted in the chi bộ's đảng số
IN_ADMISSION = {Status.CANDIDATE, Status.ADMITTED}
LEFT_PARTY = {Status.REMOVED, Status.EXPELLED, Status.RESIGNED}


class EventKind(models.TextChoices):
    CANDIDATE = "candidate", "Giới thiệu quần chúng ưu tú"
    AWARENESS_COURSE = "awareness_course", "Học lớp bồi dưỡng nhận thức về Đảng"
    DOSSIER_DOCUMENT = "dossier_document", "Nhận giấy tờ hồ sơ kết nạp"
    CELL_ADMISSION_RESOLUTION = "cell_admission_resolution", "Nghị quyết chi bộ đề nghị kết nạp"
    WARD_ADMISSION_RESOLUTION = "ward_admission_resolution", "Nghị quyết Đảng ủy đề nghị kết nạp"
    ADMISSION_DECISION = "admission_decision", "Quyết định kết nạp"
    NOT_ADMITTED = "not_admitted", "Dừng xem xét kết nạp"
    CEREMONY = "ceremony", "Lễ kết nạp"
    CELL_RECOGNITION_RESOLUTION = "cell_recognition_resolution", "Nghị quyết chi bộ đề nghị công nhận chính thức"
    WARD_RECOGNITION_RESOLUTION = "ward_recognition_resolution", "Nghị quyết Đảng ủy đề nghị công nhận chính thức"
    RECOGNITION_DECISION = "recognition_decision", "Quyết định công nhận đảng viên chính thức"
    PROBATION_REMOVAL = "probation_removal", "Xóa tên khỏi danh sách đảng viên dự bị"
    TRANSFER_OUT = "transfer_out", "Chuyển sinh hoạt chính thức đi"
    TRANSFER_IN = "transfer_in", "Tiếp nhận sinh hoạt chính thức"
    TEMPORARY_OUT = "temporary_out", "Chuyển sinh hoạt tạm thời đi"
    TEMPORARY_RETURN = "temporary_return", "Trở lại sau sinh hoạt tạm thời"
    REMOVAL = "removal", "Xóa tên"
    EXPULSION = "expulsion", "Khai trừ"
    RESIGNATION = "resignation", "Xin ra khỏi Đảng"
    DEATH = "death", "Từ trần"
    READMISSION_DECISION = "readmission_decision", "Quyết định kết nạp lại"
    INTERRUPTION = "interruption", "Gián đoạn sinh hoạt đảng (trừ vào tuổi đảng)"
    DECISION_RECEIVED = "decision_received", "Chi bộ nhận quyết định kết nạp"
    DEADLINE_EXTENSION = "deadline_extension", "Gia hạn thời hạn xem xét (thêm tối đa 30 ngày làm việc)"
    RECOGNITION_VOTE_SHORT = "recognition_vote_short", "Chi bộ biểu quyết công nhận chính thức không đủ 2/3"


class DossierDocument(models.TextChoices):
    """The admission dossier of HD 12-HD/BTCTW §II.1.1, with its form numbers."""

    AWARENESS_CERTIFICATE = "awareness_certificate", "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"
    APPLICATION = "application", "Đơn xin vào Đảng (mẫu 1-KNĐ)"
    PERSONAL_HISTORY = "personal_history", "Lý lịch người xin vào Đảng (mẫu 2-KNĐ)"
    INTRODUCTION = "introduction", "Giấy giới thiệu người vào Đảng (mẫu 3-KNĐ)"
    UNION_RESOLUTION = "union_resolution", "Nghị quyết giới thiệu đoàn viên ưu tú (mẫu 4-KNĐ)"
    COMMENTS_SUMMARY = "comments_summary", "Tổng hợp ý kiến nhận xét (mẫu 5-KNĐ)"


class FeeCategory(models.TextChoices):
    """What a member's monthly Party fee is reckoned from (Quy định 01-QĐ/TW)."""

    INSURED_WAGE = "insured_wage", "Có lương đóng BHXH bắt buộc: 1% tiền lương tháng trước"
    PENSION = "pension", "Hưởng lương hưu: 0,5% lương hưu"
    STUDENT = "student", "Học sinh, sinh viên: 5.000 đ/tháng"
    OTHER = "other", "Đối tượng khác: mức chi bộ quy định"


class FeeMethod(models.TextChoices):
    CASH = "cash", "Tiền mặt nộp chi bộ"
    PORTAL = "portal", "Cổng Dịch vụ công quốc gia"
    ELSEWHERE = "elsewhere", "Đã đóng tại nơi sinh hoạt khác"
    # A month settled without a payment by a relief (FeeRelief): not unpaid (docs/rules.md §6.5).
    EXEMPT = "exempt", "Miễn đảng phí"
    DEFERRED = "deferred", "Hoãn đóng đảng phí"


PAYMENT_METHODS = [FeeMethod.CASH, FeeMethod.PORTAL, FeeMethod.ELSEWHERE]  # a payment's; the rest settle by relief


class ReliefKind(models.TextChoices):
    """Quy định 01-QĐ/TW, Điều 5."""

    EXEMPT = "exempt", "Miễn đóng"
    REDUCED = "reduced", "Giảm mức đóng"
    DEFERRED = "deferred", "Hoãn đóng"


class ReliefReason(models.TextChoices):
    SOCIAL_PENSION = "social_pension", "Hưởng trợ cấp hưu trí xã hội"
    POOR_HOUSEHOLD = "poor_household", "Thuộc hộ nghèo"
    NEAR_POOR_HOUSEHOLD = "near_poor_household", "Thuộc hộ cận nghèo"
    SERIOUS_ILLNESS = "serious_illness", "Ốm đau nặng"
    OTHER_HARDSHIP = "other_hardship", "Hoàn cảnh khó khăn khác"
    ACTIVITY_EXEMPT = "activity_exempt", "Được miễn sinh hoạt (đi làm ăn xa, nơi chưa có tổ chức đảng)"


# Which reasons each relief may have (Điều 5, docs/rules.md §6.5): exemption for the social pension or special hardship,
# reduction or exemption for other hardship, deferral for members exempt from activity.
RELIEF_REASONS = {
    ReliefKind.EXEMPT: {ReliefReason.SOCIAL_PENSION, ReliefReason.POOR_HOUSEHOLD, ReliefReason.NEAR_POOR_HOUSEHOLD,
                        ReliefReason.SERIOUS_ILLNESS, ReliefReason.OTHER_HARDSHIP},
    ReliefKind.REDUCED: {ReliefReason.OTHER_HARDSHIP},
    ReliefKind.DEFERRED: {ReliefReason.ACTIVITY_EXEMPT},
}


def badge_window(years: int, since: datetime.date, until: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Party-age bases (exclusive, inclusive) of those who reach `years` of Party age in (since, until] (§5)."""
    return add_months(since, -12 * years), add_months(until, -12 * years)


def number_starts_q(field: str, word: str) -> Q:
    """A member's number `field` (membership_no, card_no) is given and starts with `word`: how a search matches it
    (PartyMemberQuerySet.search) and orders by it (members.search.matched_number). The `<> ''` restates the partial
    unique indexes' condition, without which SQLite does not use them."""
    return prefix_q(field, word) & ~Q(**{field: ""})


class PartyMemberQuerySet(CountableQuerySet, ScopedQuerySet):
    def on_roll(self):
        return self.filter(status__in=ON_ROLL)

    def probation_ending(self, start: datetime.date, end: datetime.date):
        """Probationary members whose 12 months end between `start` and `end` (inclusive)."""
        return self.filter(status=Status.PROBATIONARY, probation_ends_on__range=(start, end))

    def overdue(self, on: datetime.date):
        """Members with a step past its working-day deadline on `on` (docs/rules.md §1.8)."""
        return self.filter(next_due_on__lt=on)

    def badge_candidates(self, since: datetime.date, until: datetime.date, milestones):
        """Members on the roll whose Party age reaches one of `milestones` years in (since, until] (§5)."""
        reached = Q(pk__in=[])
        for years in milestones:
            window = badge_window(years, since, until)
            reached |= Q(age_base_on__gt=window[0], age_base_on__lte=window[1])
        return self.on_roll().filter(reached)

    def away(self):
        return self.filter(temporarily_away=True)

    def transferring(self, since: datetime.date):
        """Members who transferred out or were received on or after `since`."""
        return self.filter(last_transfer_on__gte=since)

    def fees_unpaid(self, today: datetime.date):
        """Members on the roll here with at least 3 months' fees unpaid in the past year (docs/rules.md §6.6), with
        `unpaid_months` annotated."""
        from members.fees import annotate_unpaid
        from members.rules import fee_rules_for

        rules = fee_rules_for(today)
        least = rules.unpaid_months_for_removal if rules else 3
        members = self.on_roll().filter(temporarily_away=False)
        return annotate_unpaid(members, today).filter(unpaid_months__gte=least)

    def locked(self):
        """Locked for a change: the member rows only, not the people and units read beside them. A change of a person
        locks the person and then, in its trigger, each of its members (members migration 0021); a member locked
        with its person would take the two in the other order, and the two changes could deadlock."""
        return self.select_for_update(of=("self",))

    def search(self, query: str, *, reader):
        """Accent-insensitive, by word prefix: each word of the query starts a word of the name ("nguyen van
        hung", "ngu hu"); a word with a digit starts the membership number, the card number or, only where `reader`
        may see it (people.view_sensitive), the CCCD: a search must not reveal, digit by digit, what its caller may
        not read.

        Each condition is answered by an index (bench/member_search.py): the name words together by the GIN index
        of the folded name's word prefixes (PostgreSQL; core.search.word_prefix_q, migration org 0003); a number
        word as `id IN (three prefix lookups UNION ALL)`, each lookup on its own index (an OR across the two tables
        could use none of them). The `<> ''` restates the partial unique indexes' condition, without which SQLite
        does not use them."""
        condition = Q()
        names = []
        for word in search_words(query):
            if is_number(word):
                by_number = [
                    PartyMember.objects.filter(number_starts_q(field, word)).values("pk")
                    for field in ("membership_no", "card_no")
                ]
                by_cccd = PartyMember.objects.filter(
                    person__in=Person.objects.filter(
                        prefix_q("cccd", word), scope_q(reader, "people.view_sensitive", field="unit_path"),
                    ).values("pk")
                ).values("pk")
                condition &= Q(pk__in=by_number[0].union(by_number[1], by_cccd, all=True))
            else:
                names.append(word)
        return self.filter(condition & word_prefix_q("person__search_name", names))


class PartyMember(Versioned):
    """A person's Party dossier: where they are active, their numbers, and the status their events add up to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.OneToOneField(
        "org.Person", verbose_name="người", on_delete=models.PROTECT, related_name="party_member"
    )
    organization = models.ForeignKey(
        "org.Organization", verbose_name="chi bộ sinh hoạt", on_delete=models.PROTECT, related_name="members"
    )
    unit_path = UnitPathField()  # the chi bộ's place in the tree: the scope of every list (org.unit_paths)
    membership_no = models.CharField("số lý lịch đảng viên", max_length=32, blank=True)
    card_no = models.CharField("số thẻ đảng viên", max_length=32, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices, editable=False)
    status_since = models.DateField("từ ngày", editable=False)
    temporarily_away = models.BooleanField("đang sinh hoạt tạm thời nơi khác", default=False, editable=False)
    # Dates derived from the events (members/lifecycle.py), cached like `status` so that the clerk's lists are
    # plain indexed queries. Only record_event writes them.
    admitted_on = models.DateField("ngày quyết định kết nạp", null=True, editable=False)
    ceremony_on = models.DateField("ngày lễ kết nạp", null=True, editable=False)
    probation_ends_on = models.DateField("ngày hết 12 tháng dự bị", null=True, editable=False, db_index=True)
    official_on = models.DateField("ngày chính thức", null=True, editable=False)
    next_due_on = models.DateField("hạn của bước đang chờ", null=True, editable=False, db_index=True)
    next_due_label = models.CharField("bước đang chờ", max_length=150, blank=True, editable=False)
    age_base_on = models.DateField(
        "ngày gốc tính tuổi đảng", null=True, editable=False, db_index=True,
        help_text="Ngày kết nạp lùi lại bằng số ngày gián đoạn: tuổi đảng N năm đủ vào ngày này cộng N năm.",
    )
    fee_category = models.CharField("đối tượng đóng đảng phí", max_length=20, choices=FeeCategory.choices,
                                    blank=True)
    fee_base = models.PositiveBigIntegerField(
        "căn cứ tính đảng phí (đồng)", null=True, blank=True,
        help_text="Tiền lương đóng BHXH của tháng trước, hoặc lương hưu; với đối tượng khác: mức đóng hằng tháng.",
    )
    last_transfer_on = models.DateField(
        "ngày chuyển sinh hoạt gần nhất", null=True, editable=False, db_index=True,
        help_text="Chuyển đi hoặc tiếp nhận chính thức.",
    )
    fees_owed_from = models.DateField(
        "đóng đảng phí tại chi bộ từ tháng", null=True, editable=False,
        help_text="Ngày đầu tháng (members/fees.py).",
    )
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PartyMemberQuerySet.as_manager()
    view_permission = "members.view"

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        constraints = [
            models.UniqueConstraint(
                fields=["membership_no"], condition=~Q(membership_no=""), name="member_unique_membership_no",
                violation_error_message="Số lý lịch đảng viên này đã có trong hệ thống.",
            ),
            models.UniqueConstraint(
                fields=["card_no"], condition=~Q(card_no=""), name="member_unique_card_no",
                violation_error_message="Số thẻ đảng viên này đã có trong hệ thống.",
            ),
        ]
        # Each starts with the member's unit, so that a scope (the units a user sees) is the first condition the
        # database answers; the dashboard counts by status, by probation's end and by overdue step from them alone.
        # The lists find a scope's members by their unit's path (LIKE 'path%': a pattern index on PostgreSQL).
        indexes = [models.Index(fields=["organization", "status", "probation_ends_on"]),
                   models.Index(fields=["organization", "next_due_on"]),
                   models.Index(fields=["unit_path"], opclasses=["varchar_pattern_ops"], name="member_unit_path")]

    def __str__(self):
        return self.person.full_name

    def get_absolute_url(self):
        return reverse("member_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj.organization

    def owes_fee_for(self, month: datetime.date) -> bool:
        """Whether the member owes this chi bộ the Party fee of `month` (from `fees_owed_from`, members/fees.py), not
        being exempt by Party age."""
        return (self.fees_owed_from is not None and month >= self.fees_owed_from
                and not self.fee_exempt_by_party_age(month))

    def fee_exempt_by_party_age(self, month: datetime.date) -> bool:
        """Exempt from the fee of `month` by Party age (Quy định 01-QĐ/TW, Điều 5: 50 years; from the first month
        beginning once they are reached). The unpaid list reckons the same in SQL (members/fees.py)."""
        exempt_from = fee_exempt_from(self.age_base_on, month)
        return exempt_from is not None and month >= exempt_from

    def badge_reached(self, since: datetime.date, until: datetime.date, milestones) -> int | None:
        """The badge milestone (years of Party age) this member reaches in (since, until], as badge_candidates picks
        them; None if none."""
        for years in milestones:
            low, high = badge_window(years, since, until)
            if self.age_base_on is not None and low < self.age_base_on <= high:
                return years
        return None

    def clean(self):
        super().clean()
        if self.fee_category == FeeCategory.STUDENT:
            self.fee_base = None
        elif self.fee_category and not self.fee_base:
            raise ValidationError({"fee_base": "Cần ghi tiền lương, lương hưu hoặc mức đóng để tính đảng phí."})


class NameWord(NameWordRow):
    """A word of a member's folded name (migration 0018), read by the national search (members.search)."""

    pk = models.CompositePrimaryKey("member", "start")
    member = models.ForeignKey(PartyMember, on_delete=models.DO_NOTHING, related_name="name_words")

    class Meta:
        managed = False
        db_table = "members_nameword"


class NumberKind(models.IntegerChoices):
    """Which of a member's numbers a MemberNumber row holds (of two equal numbers that match, the lower kind is the one
    a member is listed at)."""

    MEMBERSHIP = 1, "số lý lịch đảng viên"
    CARD = 2, "số thẻ đảng viên"
    CCCD = 3, "số CCCD"


class MemberNumber(models.Model):
    """One of a member's numbers (migration 0020), read by a number search over a large scope (members.search):
    PostgreSQL only, kept by triggers, never written by the application."""

    pk = models.CompositePrimaryKey("member", "kind")
    member = models.ForeignKey(PartyMember, on_delete=models.DO_NOTHING, related_name="numbers")
    kind = models.SmallIntegerField(choices=NumberKind.choices)
    number = models.CharField(max_length=32)
    unit_path = models.CharField(max_length=255)  # the member's, copied: the members' scope
    person_path = models.CharField(max_length=255)  # the person's, copied: the CCCD's scope
    # The member's numbers, copied ("" for none): which of them it is listed at.
    membership_no = models.CharField(max_length=32)
    card_no = models.CharField(max_length=32)
    cccd = models.CharField(max_length=12)
    # Whether that number comes before this row's own (byte by byte; of two equal, the lower kind).
    membership_before = models.BooleanField()
    card_before = models.BooleanField()
    cccd_before = models.BooleanField()

    class Meta:
        managed = False
        db_table = "members_membernumber"

    def __str__(self):
        return self.number


class MembershipEvent(models.Model):
    """One dated fact of a member's life in the Party, with the decision that made it where there is one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("sự kiện", max_length=32, choices=EventKind.choices)
    effective_date = models.DateField("ngày")
    # Where it happened: the member's chi bộ when the event is recorded, kept when the member moves on (an admission
    # counts for the ward that decided it); empty for the history a member brings from outside the system by
    # transfer (it happened elsewhere). What the targets count (work/targets.py) is grouped by it.
    organization = models.ForeignKey("org.Organization", verbose_name="nơi diễn ra", null=True, blank=True,
                                     editable=False, on_delete=models.PROTECT, related_name="+")
    decision_no = models.CharField("số quyết định/nghị quyết", max_length=64, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=150, blank=True)
    signer = models.CharField("người ký", max_length=150, blank=True)
    document = models.CharField(
        "giấy tờ", max_length=32, choices=DossierDocument.choices, blank=True,
        help_text="Với “Nhận giấy tờ hồ sơ kết nạp”.",
    )
    votes_for = models.PositiveIntegerField("số phiếu tán thành", null=True, blank=True)
    voters_total = models.PositiveIntegerField(
        "tổng số đảng viên chính thức/ủy viên", null=True, blank=True,
        help_text="Mẫu số của tỷ lệ biểu quyết: đảng viên chính thức của chi bộ, hoặc ủy viên của cấp ủy.",
    )
    counterpart = models.CharField(
        "nơi chuyển đến/chuyển từ", max_length=200, blank=True, help_text="Với chuyển sinh hoạt."
    )
    introduced_on = models.DateField(
        "ngày giấy giới thiệu sinh hoạt đảng", null=True, blank=True,
        help_text="Với tiếp nhận: phải nộp cho chi ủy nơi đến trong 30 ngày làm việc (Quy định 294-QĐ/TW, điểm 6.3.1).",
    )
    ends_on = models.DateField(
        "đến ngày", null=True, blank=True,
        help_text="Với gián đoạn sinh hoạt đảng: ngày trở lại sinh hoạt (thời gian gián đoạn không tính tuổi đảng).",
    )
    superior_consent = models.CharField(
        "văn bản đồng ý của cấp ủy cấp trên", max_length=200, blank=True,
        help_text="Với lễ kết nạp quá 30 ngày làm việc kể từ khi nhận quyết định: số, ngày văn bản đồng ý.",
    )
    with_provincial_consent = models.BooleanField(
        "có ý kiến đồng ý của Ban Thường vụ Tỉnh/Thành ủy", default=False,
        help_text="Người trên 60 tuổi: Tỉnh ủy, Thành ủy quyết định kết nạp; ghi quyết định đó với số của nó.",
    )
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    created = models.DateTimeField(auto_now_add=True)

    view_permission = "members.view"

    class Meta:
        verbose_name = "sự kiện đảng viên"
        verbose_name_plural = "sự kiện đảng viên"
        ordering = ["effective_date", "created"]
        indexes = [models.Index(fields=["member", "effective_date"]), models.Index(fields=["kind", "effective_date"]),
                   models.Index(fields=["organization", "kind", "effective_date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"

    @staticmethod
    def organization_of(obj):
        return obj.member.organization

    @property
    def vote_share(self):
        if self.votes_for is None or not self.voters_total:
            return None
        return self.votes_for / self.voters_total



def fee_exempt_from(age_base_on: datetime.date | None, month: datetime.date) -> datetime.date | None:
    """The first day from which a member with `age_base_on` is exempt by Party age under the fee rules of `month`
    (None: no such exemption, or no Party age)."""
    from members.rules import fee_rules_for

    rules = fee_rules_for(month)
    if rules is None or rules.exempt_party_age_years is None or age_base_on is None:
        return None
    return add_months(age_base_on, 12 * rules.exempt_party_age_years)


class IntroducerKind(models.TextChoices):
    """Who introduces an applicant (Điều lệ Đảng, Điều 4)."""

    MEMBER = "member", "Đảng viên chính thức"
    UNION = "union", "Ban Chấp hành Đoàn cơ sở, Công đoàn cơ sở (thay một đảng viên)"


class Introducer(models.Model):
    """One introducer of an applicant in the current admission round (Điều lệ Đảng, Điều 4): an official member who
    has worked with the applicant for at least 12 months, or, for a Youth Union or trade union member, the union's
    base committee in place of one of the two (members.services.add_introducer)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(PartyMember, verbose_name="người vào Đảng", on_delete=models.PROTECT,
                                  related_name="introducers")
    kind = models.CharField("người giới thiệu là", max_length=8, choices=IntroducerKind.choices,
                            default=IntroducerKind.MEMBER)
    member = models.ForeignKey(
        PartyMember, verbose_name="đảng viên giới thiệu", on_delete=models.PROTECT, related_name="introduced",
        null=True, blank=True, help_text="Đảng viên trong phường; người ở nơi khác: chỉ ghi họ tên.",
    )
    name = models.CharField("họ tên người giới thiệu, tên tổ chức", max_length=200, blank=True)
    worked_with_since = models.DateField("cùng công tác, sinh hoạt với người vào Đảng từ ngày", null=True,
                                         blank=True)
    introduced_on = models.DateField("ngày giới thiệu")
    created = models.DateTimeField(auto_now_add=True)

    view_permission = "members.view_dossier"

    class Meta:
        verbose_name = "người giới thiệu vào Đảng"
        verbose_name_plural = "người giới thiệu vào Đảng"
        ordering = ["candidate", "introduced_on", "created"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @staticmethod
    def organization_of(obj):
        return obj.candidate.organization


class FeeRelief(models.Model):
    """An exemption, reduction or deferral of a member's Party fee for a period of months, decided by the chi bộ on
    application (Quy định 01-QĐ/TW, Điều 5; members.services.record_fee_relief)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="fee_reliefs")
    kind = models.CharField("miễn, giảm, hoãn", max_length=10, choices=ReliefKind.choices)
    reason = models.CharField("lý do", max_length=24, choices=ReliefReason.choices)
    percent = models.PositiveSmallIntegerField("mức giảm (%)", null=True, blank=True)
    start_month = models.DateField("từ tháng", help_text="Ngày đầu tháng.")
    end_month = models.DateField("đến tháng", help_text="Ngày đầu tháng.")
    decided_on = models.DateField("ngày chi bộ quyết định")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    view_permission = "members.view_dossier"

    class Meta:
        verbose_name = "miễn, giảm, hoãn đảng phí"
        verbose_name_plural = "miễn, giảm, hoãn đảng phí"
        ordering = ["-start_month"]
        indexes = [models.Index(fields=["member", "start_month"])]

    def __str__(self):
        what = f"{self.get_kind_display()} {self.percent}%" if self.percent else self.get_kind_display()
        return f"{what} đảng phí {self.start_month:%m/%Y}–{self.end_month:%m/%Y}: {self.get_reason_display()}"

    @staticmethod
    def organization_of(obj):
        return obj.member.organization

    def covers(self, month: datetime.date) -> bool:
        return self.start_month <= month <= self.end_month


class FeePayment(models.Model):
    """One month's Party fee paid by a member (docs/rules.md §6.3: monthly, in cash to the chi bộ or on the Portal)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="fee_payments")
    month = models.DateField("tháng", help_text="Ngày đầu tháng của tháng đóng.")
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    paid_on = models.DateField("ngày đóng")
    method = models.CharField("hình thức", max_length=16, choices=FeeMethod.choices, default=FeeMethod.CASH)
    note = models.CharField("ghi chú", max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    view_permission = "members.view_dossier"

    class Meta:
        verbose_name = "đảng phí"
        verbose_name_plural = "đảng phí"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="fee_one_payment_per_month",
                                    violation_error_message="Tháng này đã ghi đảng phí của đảng viên."),
            models.CheckConstraint(condition=Q(month__day=1), name="fee_month_is_first_day"),
        ]

    def __str__(self):
        return f"Đảng phí tháng {self.month:%m/%Y}: {self.amount:,} đ".replace(",", ".")

    @property
    def settled_by_relief(self) -> bool:
        """The month was settled by an exemption or deferral (FeeRelief), not paid."""
        return self.method not in PAYMENT_METHODS

    @staticmethod
    def organization_of(obj):
        return obj.member.organization


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ nhập"
    RUNNING = "running", "Đang nhập"
    IMPORTED = "imported", "Đã nhập"
    REFUSED = "refused", "Tệp có lỗi, không nhập dòng nào"
    FAILED = "failed", "Lỗi hệ thống, không nhập dòng nào"


class BackgroundJob(models.Model):
    """A member list handled by the worker (members.tasks): how far it has gone, reported as it goes; read only by the
    user who sent it."""

    FINISHED: tuple = ()
    # A job not finished that has not reported for this long was stopped (no worker, or the worker ended).
    STALLED_AFTER = datetime.timedelta(minutes=10)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rows_total = models.PositiveIntegerField("số dòng", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_stalled(self) -> bool:
        return not self.is_finished and timezone.now() - self.updated > self.STALLED_AFTER

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_done / self.rows_total))

    def report(self, **fields) -> None:
        """Write what the job says now, outside the transaction of its work, so that its page sees it at once."""
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(updated=timezone.now(), **fields)


class MemberImport(BackgroundJob):
    """A member list too large to import within the request (members.imports.runs_in_background): kept until the
    worker (members.tasks) has read it, then its file is removed. Only the clerk who sent it reads it."""

    FINISHED = (ImportStatus.IMPORTED, ImportStatus.REFUSED, ImportStatus.FAILED)

    created_by = models.ForeignKey("accounts.User", verbose_name="người gửi", on_delete=models.PROTECT,
                                   related_name="member_imports")
    file = models.FileField("tệp", upload_to="imports/", blank=True)
    filename = models.CharField("tên tệp", max_length=255)
    status = models.CharField("tình trạng", max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    stage = models.CharField("bước", max_length=100, blank=True)
    rows_done = models.PositiveIntegerField("số dòng đã đọc", default=0)
    imported = models.PositiveIntegerField("số đảng viên đã nhập", null=True, blank=True)
    people_reused = models.PositiveIntegerField(null=True, blank=True)
    errors = models.JSONField("các lỗi", default=list, blank=True)

    class Meta:
        verbose_name = "lượt nhập danh sách đảng viên"
        verbose_name_plural = "lượt nhập danh sách đảng viên"
        ordering = ["-created"]

    def __str__(self):
        return f"Nhập {self.filename} ({self.created:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("member_import_status", args=[self.pk])


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xuất"
    RUNNING = "running", "Đang xuất"
    READY = "ready", "Đã xuất xong"
    FAILED = "failed", "Không xuất được"


class MemberExport(BackgroundJob):
    """A member list too long to export within the request (members.export_jobs): the worker writes it to a file, which
    the user who asked for it downloads within KEPT_FOR. Only that user reads it; the list is read with their rights
    as they stand when the worker runs."""

    FINISHED = (ExportStatus.READY, ExportStatus.FAILED)
    # A file holds personal data: it is downloadable this long after it was written, then deleted.
    KEPT_FOR = datetime.timedelta(days=1)

    created_by = models.ForeignKey("accounts.User", verbose_name="người xuất", on_delete=models.PROTECT,
                                   related_name="member_exports")
    title = models.CharField("tiêu đề", max_length=500)
    asked = models.JSONField("bộ lọc", default=dict, help_text="The list's filters as asked (members.export_jobs).")
    status = models.CharField("tình trạng", max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_done = models.PositiveIntegerField("số dòng đã ghi", default=0)
    file = models.FileField("tệp", upload_to="exports/", blank=True)
    error = models.CharField("lỗi", max_length=500, blank=True)

    class Meta:
        verbose_name = "lượt xuất danh sách đảng viên"
        verbose_name_plural = "lượt xuất danh sách đảng viên"
        ordering = ["-created"]

    def __str__(self):
        return f"Xuất {self.title} ({self.created:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("member_export_status", args=[self.pk])

    @property
    def is_expired(self) -> bool:
        return self.finished is not None and timezone.now() - self.finished > self.KEPT_FOR

    @property
    def downloadable(self) -> bool:
        return self.status == ExportStatus.READY and bool(self.file) and not self.is_expired
