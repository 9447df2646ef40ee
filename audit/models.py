"""The append-only audit log: who changed which record of which organisation, and how."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from audit.actions import action_label
from core.pagination import KeysetPage, keyset_page
from core.scoping import ScopedQuerySet

# How far back a page of the log looks first, then further (the last: everything). On PostgreSQL each window bounded
# on both sides is read from the one or few monthly partitions it spans, newest first through the (unit, moment) or
# moment index, and the planner considers only those partitions: a page costs what its window holds, not what the log
# holds (audit.partitions). A busy unit's page comes from the first window; a quiet unit's from a wider one.
PAGE_WINDOWS = (datetime.timedelta(days=7), datetime.timedelta(days=62), datetime.timedelta(days=400), None)
# Rows are never written in the future; the margin covers clocks of app servers apart.
CLOCK_MARGIN = datetime.timedelta(days=1)


class AuditLogImmutableError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class LogEntryQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutableError("Nhật ký thay đổi không được sửa.")

    def delete(self):
        raise AuditLogImmutableError("Nhật ký thay đổi không được xóa.")

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def under_units(self, units):
        """The rows filed under any of `units` (an organisation queryset, e.g. a unit's subtree within the user's
        scope), by the units' ids: each partition then answers from its (organization, created) index."""
        return self.filter(organization_id__in=list(units.values_list("pk", flat=True)))

    def newest_page(self, cursor: str | None, size: int) -> KeysetPage:
        """A page of these rows newest first after `cursor` (core.pagination.keyset_page, the same pages and cursors),
        read one window of time back from the cursor's moment (or now) at a time (PAGE_WINDOWS), until the window
        holds more rows than a page or is the whole log. The page's `queryset` is the whole list, not the window."""
        position = _parse_cursor(cursor, self.model)
        top = position if position is not None else timezone.now() + CLOCK_MARGIN
        rows = self.filter(created__lte=top)
        for window in PAGE_WINDOWS:
            within = rows if window is None else rows.filter(created__gte=top - window)
            page = keyset_page(within, cursor if position is not None else None, size)
            if page.after is not None or window is None:
                page.queryset = self
                return page
        raise AssertionError("the last window is the whole log")

    def for_objects(self, objects):
        """The rows of any of `objects` (of one or several models), in one query."""
        by_type: dict[int, list[str]] = {}
        for obj in objects:
            by_type.setdefault(ContentType.objects.get_for_model(obj).pk, []).append(str(obj.pk))
        condition = models.Q(pk__in=[])
        for content_type_id, ids in by_type.items():
            condition |= models.Q(content_type_id=content_type_id, object_id__in=ids)
        return self.filter(condition)


def _parse_cursor(cursor: str | None, model) -> datetime.datetime | None:
    """The moment of a keyset cursor ("<moment>_<id>", core.pagination), or None where it does not parse (then the
    first page is read, as keyset_page reads it)."""
    if not cursor or "_" not in cursor:
        return None
    moment, _, pk = cursor.rpartition("_")
    try:
        model._meta.pk.to_python(pk)
        return model._meta.get_field("created").to_python(moment)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None


class LogEntry(models.Model):
    created = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_repr = models.CharField("người thực hiện (tên)", max_length=150, blank=True)
    action = models.CharField("hành động", max_length=100, db_index=True)
    # No index of its own: (content_type, object_id, -created) below starts with it. Each index is one per month
    # on PostgreSQL (audit.partitions), and the planner weighs every one of every partition a query may read.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", db_index=False)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("đối tượng", max_length=255)
    organization = models.ForeignKey(  # indexed by (organization, -created) below
        "org.Organization", verbose_name="tổ chức", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False,
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
