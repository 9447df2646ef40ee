"""A meeting of a Party body (a committee's session, a chi bộ meeting, a conference, a working session) and what it
recorded: who attended, the guests, the agenda, the speeches, its conclusions, the key tasks it set and the
decisions it voted.

The attendance is a snapshot of the body's roster on the meeting's day, taken when the meeting is entered: the votes
are judged against it (docs/rules.md §3.4), not against the roster as it is later.
"""

import datetime
import uuid
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.scoping import ScopedQuerySet
from core.text import LONG_TEXT_MAX, NOTE_MAX
from core.versions import Versioned


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Phiên họp thường kỳ"
    EXTRAORDINARY = "extraordinary", "Phiên họp bất thường"
    CELL_MONTHLY = "cell_monthly", "Sinh hoạt chi bộ thường kỳ"
    CELL_THEMED = "cell_themed", "Sinh hoạt chuyên đề"
    HALF_YEAR_REVIEW = "half_year_review", "Hội nghị sơ kết 6 tháng"
    YEAR_REVIEW = "year_review", "Hội nghị tổng kết năm"
    PROGRAM_REVIEW = "program_review", "Hội nghị sơ kết, tổng kết đề án, chuyên đề"
    WORKING_SESSION = "working_session", "Buổi làm việc"


CELL_KINDS = {MeetingKind.CELL_MONTHLY, MeetingKind.CELL_THEMED}
# Sessions of a committee (BCH, BTV, UBKT): the committee's roster attends and votes.
SESSION_KINDS = {MeetingKind.REGULAR, MeetingKind.EXTRAORDINARY}


class Presence(models.TextChoices):
    PRESENT = "present", "Có mặt"
    EXCUSED = "excused", "Vắng có lý do"
    UNEXCUSED = "unexcused", "Vắng không lý do"
    # QĐ 24 §9.3.2–9.3.3 (docs/rules.md §3.4): not counted in the body's membership for votes.
    NOT_COUNTED = "not_counted", "Không tính vào tổng số (tạm chuyển, miễn sinh hoạt, đình chỉ, bị truy tố, tạm giam)"


class MeetingQuerySet(ScopedQuerySet):
    def listing(self, *, kind: str = "", year: int | None = None, within=None):
        meetings = self
        if within is not None:
            meetings = meetings.filter(organization__path__startswith=within.path)
        if kind:
            meetings = meetings.filter(kind=kind)
        if year:
            meetings = meetings.filter(starts_at__year=year)
        return meetings.order_by("-starts_at", "id")

    def held_between(self, first: datetime.date, last: datetime.date):
        """Meetings whose day (in Vietnam) is from `first` to `last`: a range of moments, which an index serves (a
        filter on the day would convert every row's moment)."""
        start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
        end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time()))
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def with_record(self):
        """With everything a meeting's page and its API answer read, in a fixed number of queries."""
        return self.for_papers().prefetch_related("cited_documents")

    def for_papers(self):
        """With everything its papers print (meetings.exports), in a fixed number of queries: the record less the
        documents it cites, which no paper prints."""
        return self.select_related("organization", "committee__term", "chair", "secretary").prefetch_related(
            models.Prefetch("attendance", queryset=Attendance.objects.select_related("person")),
            "guests", "agenda", "speeches",
            models.Prefetch("decisions", queryset=Decision.objects.select_related("member__person", "document",
                                                                                  "event")),
        )


class Meeting(Versioned):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "org.Organization", verbose_name="tổ chức", on_delete=models.PROTECT, related_name="meetings",
        help_text="Đảng ủy phường/xã hoặc chi bộ tổ chức cuộc họp.",
    )
    committee = models.ForeignKey(
        "org.Committee", verbose_name="ban họp", on_delete=models.PROTECT, related_name="meetings",
        null=True, blank=True, help_text="Ban Chấp hành, Ban Thường vụ hoặc UBKT: thành phần dự họp và biểu quyết.",
    )
    kind = models.CharField("loại cuộc họp", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("tên cuộc họp", max_length=300, help_text="Ví dụ: phiên họp thường kỳ tháng 6/2021")
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    chair = models.ForeignKey(
        "org.Person", verbose_name="chủ trì", on_delete=models.PROTECT, related_name="meetings_chaired",
    )
    secretary = models.ForeignKey(
        "org.Person", verbose_name="thư ký", on_delete=models.PROTECT, related_name="meetings_minuted",
        null=True, blank=True,
    )
    period_start = models.DateField("kỳ đánh giá từ ngày", null=True, blank=True)
    period_end = models.DateField("kỳ đánh giá đến ngày", null=True, blank=True)
    content = models.TextField("nội dung, kết quả", blank=True, max_length=LONG_TEXT_MAX,
                               help_text="Những nội dung chính hội nghị đã nghe, thảo luận, đánh giá.")
    conclusion = models.TextField("kết luận", blank=True, max_length=LONG_TEXT_MAX)
    cited_documents = models.ManyToManyField(
        "documents.Document", verbose_name="văn bản liên quan", related_name="meetings", blank=True,
        help_text="Văn bản cuộc họp triển khai, thảo luận hoặc thông qua.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    view_permission = "meetings.view"

    class Meta:
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"
        ordering = ["-starts_at"]
        # The second serves the list's order (newest first): a scope of a province reads it from the top, checking
        # each meeting's unit, instead of sorting all of the scope's meetings for a page of 50.
        indexes = [models.Index(fields=["organization", "kind", "starts_at"]),
                   models.Index(fields=["-starts_at", "id"], name="meeting_newest_first")]

    def __str__(self):
        return f"{self.body_name} — {self.title} ({self.day:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.pk])

    @staticmethod
    def organization_of(obj):
        return obj.organization

    @property
    def day(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def body_name(self) -> str:
        """The body that meets: "Ban Chấp hành Đảng bộ phường Sài Đồng", "Chi bộ số 1"."""
        if self.committee_id:
            return f"{self.committee.get_kind_display()} {party_body_name(self.organization)}"
        return self.organization.name


def party_body_name(organization) -> str:
    """"Đảng ủy phường Sài Đồng" → "Đảng bộ phường Sài Đồng" (the whole Party organisation, whose committee meets)."""
    name = organization.name
    for prefix in ("Đảng ủy ", "Đảng uỷ "):
        if name.startswith(prefix):
            return "Đảng bộ " + name[len(prefix):]
    return name


class Attendance(models.Model):
    """One person of the roster at one meeting: present, or absent with or without a reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("org.Person", verbose_name="người", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("tư cách", max_length=150, help_text="Ví dụ: Bí thư, Ủy viên BCH, đảng viên dự bị")
    voting = models.BooleanField("có quyền biểu quyết", default=True)
    presence = models.CharField("tình hình dự họp", max_length=12, choices=Presence.choices,
                                default=Presence.PRESENT)
    reason = models.CharField("lý do vắng", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()
    scope_prefix = "meeting__organization__"

    class Meta:
        verbose_name = "thành phần dự họp"
        verbose_name_plural = "thành phần dự họp"
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")]

    def __str__(self):
        return f"{self.person.full_name}: {self.get_presence_display()}"


class Guest(models.Model):
    """An invited guest (đại biểu), e.g. "Mai Quốc Thạnh — UVBTV, Trưởng Ban Tuyên giáo Quận ủy"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField("họ và tên", max_length=150)
    title = models.CharField("chức vụ, đơn vị", max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "đại biểu mời"
        verbose_name_plural = "đại biểu mời"
        ordering = ["meeting", "order"]

    def __str__(self):
        return f"{self.name} — {self.title}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField("nội dung", max_length=500)
    presenter = models.CharField("người trình bày", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "nội dung chương trình"
        verbose_name_plural = "chương trình"
        ordering = ["meeting", "order"]

    def __str__(self):
        return self.title


class Speech(models.Model):
    """One speech (ý kiến phát biểu): who spoke and its gist."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    speaker = models.CharField("người phát biểu", max_length=300)
    summary = models.TextField("tóm tắt ý kiến", max_length=NOTE_MAX)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "ý kiến phát biểu"
        verbose_name_plural = "ý kiến phát biểu"
        ordering = ["meeting", "order"]

    def __str__(self):
        return self.speaker


class DecisionKind(models.TextChoices):
    RESOLUTION = "resolution", "Thông qua nghị quyết, văn bản"
    ADMISSION = "admission", "Xét hồ sơ kết nạp đảng viên"
    RECOGNITION = "recognition", "Xét công nhận đảng viên chính thức"
    OTHER = "other", "Quyết định khác"


class Decision(models.Model):
    """What the body voted on one matter: one resolution or document, or one person's dossier (docs/rules.md §1.6: one
    person at a time). Recorded only when it passed the voting rule; what it acts on moved with it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField("loại", max_length=16, choices=DecisionKind.choices)
    title = models.CharField("nội dung biểu quyết", max_length=500)
    text = models.TextField("nội dung quyết nghị", blank=True, max_length=LONG_TEXT_MAX)
    member = models.ForeignKey(
        "members.PartyMember", verbose_name="đảng viên, quần chúng", on_delete=models.PROTECT,
        related_name="meeting_decisions", null=True, blank=True,
    )
    document = models.ForeignKey(
        "documents.Document", verbose_name="văn bản", on_delete=models.PROTECT, related_name="meeting_decisions",
        null=True, blank=True,
    )
    event = models.OneToOneField(
        "members.MembershipEvent", verbose_name="sự kiện đảng viên", on_delete=models.PROTECT,
        related_name="meeting_decision", null=True, blank=True,
    )
    votes_for = models.PositiveIntegerField("tán thành")
    votes_against = models.PositiveIntegerField("không tán thành", default=0)
    votes_abstained = models.PositiveIntegerField("không biểu quyết", default=0)
    members_counted = models.PositiveIntegerField(
        "tổng số thành viên tính biểu quyết",
        help_text="Toàn bộ thành viên của tổ chức, trừ người không tính vào tổng số (Quy định 24-QĐ/TW, điểm 9.3).",
    )
    passed = models.BooleanField(
        "thông qua", default=True,
        help_text="Không thông qua: số phiếu tán thành chưa đủ; không có gì thay đổi, trừ lần biểu quyết công nhận "
                  "chính thức không đủ 2/3 của chi bộ được ghi vào hồ sơ đảng viên.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết nghị"
        verbose_name_plural = "quyết nghị"
        ordering = ["meeting", "order", "created"]

    def __str__(self):
        return self.title

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.votes_for, self.members_counted) if self.members_counted else None

    @property
    def percent_label(self) -> str:
        """The share in favour as the papers and pages write it: "86,7", "80" (one decimal, a decimal comma)."""
        if self.share is None:
            return ""
        return f"{float(self.share * 100):.1f}".removesuffix(".0").replace(".", ",")


class Ballot(models.Model):
    """One person's vote on a decision, where the vote was recorded per person."""

    class Choice(models.TextChoices):
        FOR = "for", "Tán thành"
        AGAINST = "against", "Không tán thành"
        ABSTAIN = "abstain", "Không biểu quyết"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "person"], name="ballot_once_per_person")]

    def __str__(self):
        return f"{self.person.full_name}: {self.get_choice_display()}"


def attendance_warning_share() -> Fraction:
    """Below this share of the counted members present, the attendance is shown with a warning (docs/rules.md §3.5
    [U])."""
    numerator, denominator = settings.MEETING_ATTENDANCE_WARNING_SHARE
    return Fraction(numerator, denominator)
