"""What is due: each source lists, for a day, the records that call for a reminder, and which permission a user
must hold over the record's unit to be one who acts on it (docs/workflows.md, "Reminders")."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse

from meetings.models import CELL_KINDS, Meeting
from members.models import PartyMember
from org.models import Kind as OrgKind
from org.models import Organization
from reminders.models import Kind
from work.models import Task

TASK_DAYS_AHEAD = 7  # a task due within a week is reminded
PROBATION_DAYS_AHEAD = 30  # the recognition dossier is prepared in the probation's last month
# From this day of the month a chi bộ that has not held its monthly meeting is reminded [U: the Party sets no day;
# the rule is that it meets monthly (docs/rules.md §3)].
CELL_MEETING_REMINDER_DAY = 20

# Who acts, by kind: a user holding any of these over the record's unit.
ACTORS: dict[str, frozenset[str]] = {
    Kind.TASK_DUE: frozenset({"tasks.report"}),
    Kind.TASK_OVERDUE: frozenset({"tasks.report"}),
    Kind.PROBATION_ENDING: frozenset({"members.change", "meetings.change"}),
    Kind.STEP_OVERDUE: frozenset({"members.change", "meetings.change"}),
    Kind.CELL_NO_MEETING: frozenset({"meetings.change"}),
    Kind.FEES_UNPAID: frozenset({"members.fees"}),
}


@dataclass(frozen=True)
class Due:
    kind: str
    key: str
    title: str
    url: str
    organization: Organization
    due_on: datetime.date | None


def tasks(today: datetime.date) -> Iterator[Due]:
    soon = today + datetime.timedelta(days=TASK_DAYS_AHEAD)
    for task in Task.objects.open().filter(due_on__lte=soon).select_related("lead_unit").iterator(chunk_size=2000):
        late = task.due_on < today
        yield Due(Kind.TASK_OVERDUE if late else Kind.TASK_DUE, f"task:{task.pk}:{task.due_on}:{int(late)}",
                  f"{'Quá hạn' if late else 'Hạn'} {task.due_on:%d/%m/%Y}: {task}", task.get_absolute_url(),
                  task.lead_unit, task.due_on)


def _members(queryset) -> Iterator[PartyMember]:
    return queryset.select_related("person", "organization").iterator(chunk_size=2000)


def members(today: datetime.date) -> Iterator[Due]:
    ending = PartyMember.objects.probation_ending(today, today + datetime.timedelta(days=PROBATION_DAYS_AHEAD))
    for member in _members(ending):
        yield Due(Kind.PROBATION_ENDING, f"probation:{member.pk}:{member.probation_ends_on}",
                  f"{member.person.full_name} ({member.organization.name}) hết 12 tháng dự bị ngày "
                  f"{member.probation_ends_on:%d/%m/%Y}: chi bộ xét, đề nghị công nhận đảng viên chính thức",
                  member.get_absolute_url(), member.organization, member.probation_ends_on)
    for member in _members(PartyMember.objects.overdue(today)):
        yield Due(Kind.STEP_OVERDUE, f"step:{member.pk}:{member.next_due_on}:{member.next_due_label}",
                  f"{member.person.full_name} ({member.organization.name}): {member.next_due_label} — quá hạn từ "
                  f"{member.next_due_on:%d/%m/%Y}", member.get_absolute_url(), member.organization, member.next_due_on)
    for member in _members(PartyMember.objects.fees_unpaid(today)):
        yield Due(Kind.FEES_UNPAID, f"fees:{member.pk}:{today:%Y-%m}:{member.unpaid_months}",
                  f"{member.person.full_name} ({member.organization.name}) chưa đóng đảng phí "
                  f"{member.unpaid_months} tháng trong 12 tháng qua", member.get_absolute_url(), member.organization,
                  None)


def cells(today: datetime.date) -> Iterator[Due]:
    if today.day < CELL_MEETING_REMINDER_DAY:
        return
    first = today.replace(day=1)
    met = Meeting.objects.held_between(first, today).filter(kind__in=CELL_KINDS)
    open_cells = Organization.objects.open_on(today).filter(kind=OrgKind.CELL).exclude(
        pk__in=met.values("organization"))
    for cell in open_cells.iterator(chunk_size=2000):
        yield Due(Kind.CELL_NO_MEETING, f"cell:{cell.pk}:{first:%Y-%m}",
                  f"{cell.name} chưa ghi cuộc sinh hoạt chi bộ thường kỳ tháng {today.month}/{today.year}",
                  reverse("meeting_checklist"), cell, None)


SOURCES = (tasks, members, cells)


def due(today: datetime.date) -> Iterator[Due]:
    for source in SOURCES:
        yield from source(today)
