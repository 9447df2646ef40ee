"""What is due soon, delivered to the people who must act: one reminder per user and per record in a given state,
kept while the record still calls for it, in the user's inbox and the day's e-mail digest."""

import uuid

from django.db import models


class Kind(models.TextChoices):
    TASK_DUE = "task_due", "Nhiệm vụ sắp đến hạn"
    TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
    PROBATION_ENDING = "probation_ending", "Sắp hết 12 tháng dự bị: chuẩn bị hồ sơ công nhận chính thức"
    STEP_OVERDUE = "step_overdue", "Bước hồ sơ quá hạn"
    CELL_NO_MEETING = "cell_no_meeting", "Chi bộ chưa sinh hoạt thường kỳ trong tháng"
    FEES_UNPAID = "fees_unpaid", "Chưa đóng đảng phí từ 3 tháng"


class ReminderQuerySet(models.QuerySet):
    def current(self):
        """Those whose record still calls for them."""
        return self.filter(resolved_at__isnull=True)

    def unread(self):
        return self.current().filter(read_at__isnull=True)


class Reminder(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    key = models.CharField(max_length=200, help_text="The record and the state it is reminded in.")
    title = models.CharField("nội dung", max_length=500)
    url = models.CharField(max_length=300)
    organization = models.ForeignKey("org.Organization", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("hạn", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = "nhắc việc"
        verbose_name_plural = "nhắc việc"
        ordering = ["due_on", "created"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_user_and_key")]
        indexes = [models.Index(fields=["user", "resolved_at", "read_at"])]

    def __str__(self):
        return self.title


class Digest(models.Model):
    """The day's e-mail digest sent to a user: at most one a day."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    reminders = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day")]

    def __str__(self):
        return f"Thư nhắc việc ngày {self.day:%d/%m/%Y}"
