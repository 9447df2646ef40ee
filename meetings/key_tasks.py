"""The key tasks (nhiệm vụ trọng tâm) a meeting sets are tasks of the ward's work program, kept by the app above
meetings that runs it (work). That app registers its keeper here when it loads, so that entering or correcting a
meeting creates and corrects its tasks, and a meeting's page, API answer and papers list them, without meetings
importing it [pretix's registries, as audit.actions]."""

import datetime
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from org.models import Organization


@dataclass(frozen=True)
class KeyTaskRow:
    """What a meeting's record says of one task it set, and where the task stands today."""

    id: uuid.UUID
    text: str
    assignee: "Organization | None"  # the unit leading it; None when the Party committee keeps it for itself
    due_on: datetime.date | None
    status: str
    status_label: str
    overdue: bool
    url: str


class Keeper(Protocol):
    def set_tasks(self, meeting, rows: Sequence[Mapping], *, actor) -> None:
        """The tasks of a meeting being entered: rows of text, assignee (a unit or None) and due_on."""

    def correct_tasks(self, meeting, rows: Sequence[Mapping], *, actor) -> dict:
        """The meeting's tasks made to say `rows`; returns {"old": [...], "new": [...]} when anything changed."""

    def tasks_of(self, meeting) -> list[KeyTaskRow]:
        """The tasks the meeting set, in its order."""


_keeper: Keeper | None = None


def register_keeper(keeper: Keeper) -> None:
    global _keeper
    _keeper = keeper


def keeper() -> Keeper:
    if _keeper is None:
        raise ImproperlyConfigured("No app keeps the meetings' key tasks: add 'work' to INSTALLED_APPS.")
    return _keeper
