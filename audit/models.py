"""The append-only audit log: who changed which record of which organisation, and how."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.actions import action_label
from core.scoping import ScopedQuerySet


class AuditLogImmutableError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class LogEntryQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutableError("Nhật ký thay đổi không được sửa.")

    def delete(self):
        raise AuditLogImmutableError("Nhật ký thay đổi không được xóa.")

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def for_objects(self, objects):
        """The rows of any of `objects` (of one or several models), in one query."""
        by_type: dict[int, list[str]] = {}
        for obj in objects:
            by_type.setdefault(ContentType.objects.get_for_model(obj).pk, []).append(str(obj.pk))
        condition = models.Q(pk__in=[])
        for content_type_id, ids in by_type.items():
            condition |= models.Q(content_type_id=content_type_id, object_id__in=ids)
        return self.filter(condition)


class LogEntry(models.Model):
    created = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_repr = models.CharField("người thực hiện (tên)", max_length=150, blank=True)
    action = models.CharField("hành động", max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("đối tượng", max_length=255)
    organization = models.ForeignKey(
        "org.Organization", verbose_name="tổ chức", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    data = models.JSONField("nội dung", default=dict, blank=True)

    objects = LogEntryQuerySet.as_manager()
    scope_prefix = "organization__"

    class Meta:
        verbose_name = "dòng nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created"]),
            models.Index(fields=["organization", "-created"]),
        ]

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogImmutableError("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutableError("Nhật ký thay đổi không được xóa.")

    @classmethod
    def organizations_for(cls, user):
        """The organisations whose log `user` may read (the model the log files entries under, unimported)."""
        return cls._meta.get_field("organization").related_model.objects.for_user(user, "audit.view")

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def changes(self) -> dict:
        return self.data.get("changes", {})
