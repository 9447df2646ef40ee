"""Writing the audit log. Every service that changes a record calls log_action inside its transaction."""

import datetime
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from audit.models import LogEntry

# Values of these fields are never written to the log in clear.
SECRET_FIELDS = {"password", "key_hash", "token"}
# Values of these fields are written masked (last digits only): the log is read more widely than the record.
SENSITIVE_FIELDS = {"cccd", "phone"}


def _mask(field: str, value):
    if value in (None, ""):
        return value
    if field in SECRET_FIELDS:
        return "***"
    if field in SENSITIVE_FIELDS:
        text = str(value)
        return "*" * max(len(text) - 3, 0) + text[-3:]
    return value


def _plain(value):
    """A JSON-safe, human-readable form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str], *, masked: bool = True) -> dict:
    """The current values of `fields` in JSON-safe form, masked as the log stores them unless told not to."""
    values = {name: _plain(getattr(instance, name)) for name in fields}
    return {name: _mask(name, value) for name, value in values.items()} if masked else values


def diff(before: dict, after: dict) -> dict:
    """{field: {"old": …, "new": …}} for every field whose value changed."""
    return {
        name: {"old": before.get(name), "new": after[name]}
        for name in after
        if before.get(name) != after[name]
    }


def masked_diff(before: dict, after: dict) -> dict:
    """diff() of raw values, with the values masked for the log."""
    return {
        name: {"old": _mask(name, change["old"]), "new": _mask(name, change["new"])}
        for name, change in diff(before, after).items()
    }


def log_action(action: str, *, actor, obj: models.Model, organization=None, data: dict | None = None) -> LogEntry:
    """Append one audit row. Must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action must be called inside the transaction of the change it records")
    return LogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=getattr(actor, "username", "") or "",
        action=action,
        content_type_id=_content_type_id(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        organization=organization,
        data=data or {},
    )


def log_creation(action: str, *, actor, obj: models.Model, fields: Iterable[str], organization=None) -> LogEntry:
    """Log a new record with the values it was created with (as changes from nothing)."""
    values = snapshot(obj, fields)
    changes = {name: {"old": None, "new": value} for name, value in values.items() if value not in (None, "")}
    return log_action(action, actor=actor, obj=obj, organization=organization, data={"changes": changes})


def update_audited(
    instance: models.Model, changes: dict, *, actor, action: str, organization=None, extra_update_fields=()
) -> dict:
    """Apply `changes` to `instance`, validate it, save only what changed and log old → new.

    Returns the logged diff (empty when nothing changed; then nothing is saved or logged).
    The caller holds the transaction and, where it matters, the row lock.
    """
    before = snapshot(instance, changes, masked=False)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    changed = masked_diff(before, snapshot(instance, changes, masked=False))
    if not changed:
        return {}
    instance.save(update_fields=[*changed, *extra_update_fields])
    log_action(action, actor=actor, obj=instance, organization=organization, data={"changes": changed})
    return changed


def _content_type_id(obj: models.Model) -> int:
    return ContentType.objects.get_for_model(obj).pk
