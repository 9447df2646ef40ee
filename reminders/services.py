"""Reminders made and delivered: collect_reminders(day) brings every user's inbox up to date (idempotent: a record
reminded stays one reminder; one that no longer calls for it leaves the inbox), send_digests(day) e-mails each user
the day's unread reminders once."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Assignment
from accounts.permissions import ROLE_PERMISSIONS
from audit.services import log_action
from reminders.models import Digest, Reminder
from reminders.sources import ACTORS, due


def _actors_by_path() -> dict[str, list[tuple[int, frozenset[str]]]]:
    """{unit path: [(user id, permissions held there)]} of every active user's roles (superusers act through roles
    like anyone: reminding them of the whole country would bury what matters)."""
    actors = defaultdict(list)
    rows = Assignment.objects.filter(user__is_active=True).values_list("user_id", "organization__path", "role")
    for user_id, path, role in rows.iterator(chunk_size=5000):
        actors[path].append((user_id, ROLE_PERMISSIONS.get(role, frozenset())))
    return actors


def recipients(path: str, kind: str, actors, step: int = 4) -> set[int]:
    """The users holding, over the unit at `path` (a role on it or on a unit above it), a permission that acts on
    reminders of `kind`."""
    wanted = ACTORS[kind]
    found = set()
    for end in range(step, len(path) + 1, step):
        for user_id, perms in actors.get(path[:end], ()):
            if perms & wanted:
                found.add(user_id)
    return found


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


@transaction.atomic
def collect_reminders(day: datetime.date | None = None) -> dict:
    """Bring every inbox up to date for `day`: a new reminder for each (user, record due) not yet reminded; one
    whose record called for it before, stopped and calls again comes back unread; those whose record no longer calls
    for them are resolved (they leave the inbox). Returns counts."""
    day, now = day or timezone.localdate(), timezone.now()
    actors = _actors_by_path()
    wanted: dict[tuple[int, str], object] = {}
    for item in due(day):
        for user_id in recipients(item.organization.path, item.kind, actors):
            wanted[user_id, item.key] = item
    known: dict[tuple[int, str], tuple] = {}
    for keys in _chunks(sorted({key for _user, key in wanted})):
        for pk, user_id, key, resolved_at in Reminder.objects.filter(key__in=keys).values_list(
                "pk", "user_id", "key", "resolved_at"):
            known[user_id, key] = (pk, resolved_at)
    new = [Reminder(user_id=user_id, kind=item.kind, key=key, title=item.title[:500], url=item.url,
                    organization=item.organization, due_on=item.due_on)
           for (user_id, key), item in wanted.items() if (user_id, key) not in known]
    Reminder.objects.bulk_create(new, batch_size=1000)
    back = [pk for pair, (pk, resolved_at) in known.items() if resolved_at is not None and pair in wanted]
    for pks in _chunks(back):
        Reminder.objects.filter(pk__in=pks).update(resolved_at=None, read_at=None)
    gone = [pk for pk, user_id, key in Reminder.objects.current().values_list("pk", "user_id", "key").iterator()
            if (user_id, key) not in wanted]
    for pks in _chunks(gone):
        Reminder.objects.filter(pk__in=pks).update(resolved_at=now)
    return {"due": len(wanted), "new": len(new), "back": len(back), "resolved": len(gone)}


def mark_read(user, reminders=None) -> int:
    """Mark the user's reminders read (those given, else all of them); another user's are untouched."""
    mine = Reminder.objects.unread().filter(user=user)
    if reminders is not None:
        mine = mine.filter(pk__in=[reminder.pk for reminder in reminders])
    return mine.update(read_at=timezone.now())


def send_digests(day: datetime.date | None = None, *, base_url: str = "") -> int:
    """E-mail each user with an address the day's unread reminders, at most once a day (a Digest row per user and
    day, taken before the mail goes: a second run sends nothing). Returns the number sent."""
    day = day or timezone.localdate()
    unread = (Reminder.objects.unread().filter(user__is_active=True).exclude(user__email="")
              .select_related("user").order_by("user_id", "due_on", "created"))
    by_user = defaultdict(list)
    for reminder in unread.iterator(chunk_size=2000):
        by_user[reminder.user].append(reminder)
    sent = 0
    for user, items in by_user.items():
        try:
            with transaction.atomic():
                digest = Digest.objects.create(user=user, day=day, reminders=len(items))
                log_action("reminders.digest.sent", actor=None, obj=digest,
                           data={"day": day.isoformat(), "reminders": len(items), "to": user.username})
                body = render_to_string("reminders/digest.txt", {"user": user, "items": items, "day": day,
                                                                  "base_url": base_url})
                send_mail(f"[Đảng vụ] {len(items)} việc cần làm ngày {day:%d/%m/%Y}", body,
                          settings.DEFAULT_FROM_EMAIL, [user.email])
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
