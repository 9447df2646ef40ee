"""The awards a ward records (khen thưởng): a decision of an awarding body (the ward's UBND, the Đảng ủy, the
district's chairman …) giving a kind of award (Giấy khen, Bằng khen, Huy hiệu Đảng …) for a campaign or a reason, to
collectives (organisations of the tree, or a named group outside it) and individuals (people, or a named person).
The counts reports quote ("6 tập thể, 22 cá nhân") are counted from the recipients, never typed."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from core.scoping import ScopedQuerySet
from core.text import NOTE_MAX
from core.versions import Versioned
from org.models import Organization


class AwardKind(models.TextChoices):
    CERTIFICATE = "certificate", "Giấy khen"
    MERIT = "merit", "Bằng khen"
    BADGE = "badge", "Huy hiệu Đảng"
    EMULATION_FLAG = "flag", "Cờ thi đua"
    TITLE = "title", "Danh hiệu thi đua"
    OTHER = "other", "Hình thức khác"


def counts_text(collectives: int, individuals: int) -> str:
    """"6 tập thể, 22 cá nhân", as a report writes it (a part with none left out)."""
    parts = ([f"{collectives} tập thể"] if collectives else []) + ([f"{individuals} cá nhân"] if individuals else [])
    return ", ".join(parts) or "chưa có tập thể, cá nhân nào"


class CommendationQuerySet(ScopedQuerySet):
    def with_counts(self):
        """Each decision with `collectives` and `individuals`: its recipients counted, in the same query."""
        return self.annotate(collectives=Count("recipients", filter=Q(recipients__collective=True)),
                             individuals=Count("recipients", filter=Q(recipients__collective=False)))

    def listing(self, *, year: int | None = None, kind: str = "", within: Organization | None = None):
        items = self
        if within is not None:
            items = items.filter(ward__path__startswith=within.path)
        if year:
            items = items.filter(decided_on__year=year)
        if kind:
            items = items.filter(kind=kind)
        return items.order_by("-decided_on", "-created", "id")


class Commendation(Versioned):
    """One decision to commend: who gives what, why, when; its recipients are `Recipient` rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="đảng bộ phường, xã", on_delete=models.PROTECT,
                             related_name="commendations")
    awarding_body = models.CharField("cấp khen", max_length=200,
                                     help_text="Ví dụ: Chủ tịch UBND quận Thanh Khê; UBND phường; Đảng ủy phường.")
    kind = models.CharField("hình thức", max_length=12, choices=AwardKind.choices, default=AwardKind.CERTIFICATE)
    reason = models.TextField("thành tích, phong trào", max_length=NOTE_MAX,
                              help_text="Ví dụ: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai "
                                        "đoạn 2016–2021.")
    decision_no = models.CharField("số quyết định", max_length=50, blank=True)
    decided_on = models.DateField("ngày quyết định")
    presented_on = models.DateField("ngày trao", null=True, blank=True)
    document = models.ForeignKey("documents.Document", verbose_name="văn bản quyết định", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="commendations")
    meeting = models.ForeignKey("meetings.Meeting", verbose_name="trao tại hội nghị", on_delete=models.PROTECT,
                                null=True, blank=True, related_name="commendations")
    note = models.TextField("ghi chú", max_length=NOTE_MAX, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = CommendationQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "commendations.view"

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-decided_on", "-created"]
        indexes = [models.Index(fields=["ward", "decided_on"])]

    def __str__(self):
        number = f" số {self.decision_no}" if self.decision_no else ""
        return f"{self.get_kind_display()} của {self.awarding_body}{number} ngày {self.decided_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("commendation_detail", args=[self.pk])

    @staticmethod
    def organization_of(commendation: "Commendation") -> Organization:
        return commendation.ward


class Recipient(models.Model):
    """A collective or an individual a decision commends: an organisation or a person of the system, or a name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    commendation = models.ForeignKey(Commendation, on_delete=models.CASCADE, related_name="recipients")
    collective = models.BooleanField("tập thể")
    organization = models.ForeignKey(Organization, verbose_name="tổ chức", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="commendations_received")
    person = models.ForeignKey("org.Person", verbose_name="người", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="commendations_received")
    name = models.CharField("tên", max_length=300, help_text="Tên tập thể, cá nhân (như ghi trong quyết định).")
    member = models.ForeignKey("members.PartyMember", verbose_name="đảng viên", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="badges",
                               help_text="Khi tặng Huy hiệu Đảng: đảng viên nhận.")
    badge_years = models.PositiveSmallIntegerField("Huy hiệu (năm tuổi Đảng)", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tập thể, cá nhân được khen"
        verbose_name_plural = "tập thể, cá nhân được khen"
        ordering = ["-collective", "order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(collective=True, person__isnull=True)
                                   | Q(collective=False, organization__isnull=True), name="recipient_kind_matches"),
            models.CheckConstraint(condition=Q(member__isnull=True) | Q(collective=False, badge_years__isnull=False),
                                   name="recipient_badge_is_a_members"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.name or "").strip():
            raise ValidationError({"name": "Hãy ghi tên tập thể, cá nhân."})


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Đã đề nghị"
    AWARDED = "awarded", "Đã có quyết định tặng"


class BadgeProposal(models.Model):
    """The members of a ward whose Party age reaches a badge milestone by an occasion (3/2, 19/5, 2/9, 7/11), as the
    office proposes them; the award decision, when it comes, is a Commendation of kind Huy hiệu Đảng."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ward = models.ForeignKey(Organization, verbose_name="đảng bộ phường, xã", on_delete=models.PROTECT,
                             related_name="badge_proposals")
    occasion = models.DateField("dịp trao")
    status = models.CharField("tình trạng", max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.PROPOSED)
    commendation = models.OneToOneField(Commendation, verbose_name="quyết định tặng", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="badge_proposal")
    created = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_prefix = "ward__"
    view_permission = "commendations.view"

    class Meta:
        verbose_name = "đề nghị tặng Huy hiệu Đảng"
        verbose_name_plural = "đề nghị tặng Huy hiệu Đảng"
        ordering = ["-occasion"]
        constraints = [models.UniqueConstraint(fields=["ward", "occasion"], name="badge_proposal_once_an_occasion")]

    def __str__(self):
        return f"Đề nghị tặng Huy hiệu Đảng dịp {self.occasion:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("badge_proposal_detail", args=[self.pk])

    @staticmethod
    def organization_of(proposal: "BadgeProposal") -> Organization:
        return proposal.ward


class ProposedBadge(models.Model):
    """One member of a proposal, and the badge (years of Party age) proposed."""

    proposal = models.ForeignKey(BadgeProposal, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey("members.PartyMember", on_delete=models.PROTECT, related_name="+")
    years = models.PositiveSmallIntegerField("Huy hiệu (năm tuổi Đảng)")

    class Meta:
        ordering = ["-years", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="proposed_badge_once")]

    def __str__(self):
        return f"Huy hiệu {self.years} năm tuổi Đảng"
