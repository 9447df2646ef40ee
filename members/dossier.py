"""What a member's dossier shows, read once for the page and the API alike (issue 12): the lifecycle, Party age, the
deadlines of the steps, and for a candidate the introducers of the current round and the admission conditions.
The page adds its Party-fee panel (members.fees); recording that the dossier was read stays with the caller."""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Prefetch
from django.utils import timezone

from core.scoping import get_object_for_user
from members.conditions import admission_conditions
from members.lifecycle import Lifecycle
from members.models import MembershipEvent, PartyMember, Status
from members.services import round_introducers


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: datetime.date
    done_on: datetime.date | None
    working_days_left: int | None  # None once done; negative when overdue

    @property
    def overdue_by(self) -> int:
        return -(self.working_days_left or 0)

    @property
    def late(self) -> bool:
        return bool(self.done_on and self.done_on > self.due)


@dataclass
class Dossier:
    member: PartyMember
    lifecycle: Lifecycle
    today: datetime.date
    party_age: tuple[int, int]
    deadlines: list[DeadlineRow]
    introducers: list = field(default_factory=list)
    conditions: list = field(default_factory=list)

    @property
    def next_badge(self):
        return self.lifecycle.next_badge(self.today)


def dossier_queryset(queryset=None):
    """Members with what a dossier reads prefetched: the events in order, the introducers."""
    events = MembershipEvent.objects.order_by("effective_date", "created")
    queryset = PartyMember.objects.all() if queryset is None else queryset
    return queryset.select_related("person", "organization").prefetch_related(
        Prefetch("events", queryset=events), "introducers")


def read_dossier(queryset, user, pk, *, today: datetime.date | None = None) -> Dossier:
    """The dossier of member `pk`, if `user` may read it (404 otherwise), from `queryset` (dossier_queryset's, with
    what else the caller prefetches)."""
    member = get_object_for_user(queryset, user, "members.view_dossier", pk=pk)
    return dossier_of(member, today=today or timezone.localdate())


def dossier_of(member: PartyMember, *, today: datetime.date) -> Dossier:
    lifecycle = Lifecycle(member.events.all(), date_of_birth=member.person.date_of_birth)
    deadlines = [DeadlineRow(d.label, d.due, d.done_on, None if d.done_on else d.working_days_left(today))
                 for d in lifecycle.deadlines()]
    dossier = Dossier(member, lifecycle, today, lifecycle.party_age(today), deadlines)
    if member.status == Status.CANDIDATE:
        dossier.introducers = round_introducers(member, member.introducers.all())
        dossier.conditions = admission_conditions(lifecycle, education=member.person.education, on=today,
                                                  introducers=dossier.introducers)
    return dossier


@dataclass(frozen=True)
class Section:
    """A part of a member's dossier that an app above members keeps (the inspections that concerned the member):
    its title, the template drawing it, and what that template reads."""

    title: str
    template: str
    context: dict


class SectionProvider(Protocol):
    def read(self, user, member: PartyMember) -> Section | None:
        """The section for `user`, or None when they may not read it."""


_providers: list[SectionProvider] = []


def register_section(provider: SectionProvider) -> None:
    """Called by an app above members when it loads (members imports none of them)."""
    if not any(type(known) is type(provider) for known in _providers):
        _providers.append(provider)


def sections(user, member: PartyMember) -> list[Section]:
    """The registered sections of `member`'s dossier that `user` may read."""
    return [section for section in (provider.read(user, member) for provider in _providers) if section is not None]
