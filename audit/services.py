"""Writing the audit log. Every service that changes a record calls log_action inside its transaction."""

import datetime
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from audit.actions import require_registered
from audit.models import LogEntry

# Values of these fields are never written to the log in clear.
SECRET_FIELDS = {"password", "key_hash", "token"}
# The key of a log entry's data naming the unit a record moved out of (its entry is filed under the new one): its id,
# a UUID written as 32 hex digits (as SQLite stores it; PostgreSQL reads it as a uuid too).
MOVED_FROM = "moved_from"
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


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """The current values of `fields` as the log stores them: JSON-safe, secrets and sensitive values masked."""
    return {name: _mask(name, _plain(getattr(instance, name))) for name in fields}


def log_action(action: str, *, actor, obj: models.Model, organization=None, data: dict | None = None) -> LogEntry:
    """Append one audit row. Must run inside the transaction of the change it records."""
    _require_transaction()
    entry = _entry(action, actor=actor, obj=obj, organization=organization, data=data)
    entry.save(force_insert=True)
    return entry


def log_actions(action: str, *, actor, entries: Iterable[tuple[models.Model, object, dict]]) -> list[LogEntry]:
    """Append one audit row per (obj, organization, data), in a few statements: for changes made in bulk (a
    member-list import). Must run inside the transaction of the change it records."""
    _require_transaction()
    rows = [_entry(action, actor=actor, obj=obj, organization=org, data=data) for obj, org, data in entries]
    return LogEntry.objects.bulk_create(rows, batch_size=500)


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action must be called inside the transaction of the change it records")


def _entry(action: str, *, actor, obj: models.Model, organization, data: dict | None) -> LogEntry:
    require_registered(action)
    return LogEntry(
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


def _identity(value):
    """What decides whether a value changed: a related record by its id, not by its name."""
    return ("pk", value.pk) if isinstance(value, models.Model) else value


def update_audited(
    instance: models.Model, changes: dict, *, actor, action: str, organization=None, extra_update_fields=()
) -> dict:
    """Apply `changes` to `instance`, validate it, save only what changed and log old → new.

    Returns the logged diff (empty when nothing changed; then nothing is saved or logged).
    The caller holds the transaction and, where it matters, the row lock.
    """
    before = {name: _identity(getattr(instance, name)) for name in changes}
    shown_before = snapshot(instance, changes)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    changed_names = [name for name in changes if _identity(getattr(instance, name)) != before[name]]
    if not changed_names:
        return {}
    shown_after = snapshot(instance, changed_names)
    changed = {name: {"old": shown_before[name], "new": shown_after[name]} for name in changed_names}
    instance.save(update_fields=[*changed_names, *extra_update_fields])
    data = {"changes": changed}
    left = before.get("organization")
    if "organization" in changed_names and isinstance(left, tuple):
        # Filed under the unit it moves to; the one it left is named too (dashboard.table.changed_since).
        data[MOVED_FROM] = left[1].hex if isinstance(left[1], uuid.UUID) else left[1]
    log_action(action, actor=actor, obj=instance, organization=organization, data=data)
    return changed


def _content_type_id(obj: models.Model) -> int:
    return ContentType.objects.get_for_model(obj).pk
