"""The figures of the dashboard, per ward (per unit for a chi bộ's secretary), built once for the page and the API.

Every figure is counted for all the units at once (org.stats.UnitCounts: grouped by the records' own organisation,
added up per unit): one query per figure, never one per ward of the level above."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from documents.models import Document
from inspections.models import FollowUp, Inspection, done_q, planned_q
from meetings.models import CELL_KINDS, Meeting
from members.models import ON_ROLL, PartyMember, Status
from org.models import Committee, Kind, Organization, Person, Position
from org.stats import UnitCounts
from work.models import Target, Task, TaskStatus, done_in_q, late_q, unfinished_q
from work.targets import Standing, achievements, with_actuals

PROBATION_DAYS = 30  # "probation ending" on the dashboard: within a month

# The columns the level above compares its wards on, with their headers (the order of the table).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("members", "Đảng viên"),
    ("overdue", "Bước quá hạn"),
    ("probation_ending", "Hết dự bị trong 30 ngày"),
    ("meetings", "Cuộc họp năm nay"),
    ("cells_not_met", "Chi bộ chưa sinh hoạt tháng này"),
    ("documents", "Văn bản năm nay"),
    ("tasks_open", "Nhiệm vụ chưa xong"),
    ("tasks_overdue", "Nhiệm vụ quá hạn"),
    ("tasks_done", "Nhiệm vụ hoàn thành năm nay"),
    ("targets", "Chỉ tiêu năm nay"),
    ("targets_achieved", "Chỉ tiêu đã đạt"),
    ("targets_behind", "Chỉ tiêu chậm tiến độ"),
    ("inspections_planned", "Kiểm tra, giám sát năm nay"),
    ("inspections_done", "Kiểm tra, giám sát đã kết luận"),
    ("follow_ups_overdue", "Yêu cầu khắc phục quá hạn"),
)
UNIT_COLUMNS = ("organizations", "committees", "people", "positions")
MEASURES = tuple(key for key, _label in COLUMNS) + UNIT_COLUMNS


def unit_rows(user, units: list[Organization], today: datetime.date) -> list[dict]:
    """Per unit: {"unit": unit, each MEASURES key: n, "members_by_status": {status: n},
    "tasks_by_status": {status: n}}, in the units' order."""
    counts = UnitCounts(units, user)
    year, first = today.year, today.replace(day=1)
    members = PartyMember.objects.all()
    met = Meeting.objects.held_between(first, today).filter(kind__in=CELL_KINDS)
    by_status = counts.count(members, "members.view", group="status", by_index=True)
    rows = counts.rows({
        "organizations": counts.count(Organization.objects.all(), "org.view"),
        "committees": counts.count(Committee.objects.all(), "org.view", by_index=True),
        "people": counts.count(Person.objects.all(), "people.view", by_index=True),
        "positions": counts.count(Position.objects.held_on(today), "org.view", by_index=True),
        "members": {unit: sum(n for status, n in statuses.items() if status in ON_ROLL)
                    for unit, statuses in by_status.items()},
        "members_by_status": by_status,
        "overdue": counts.count(members.overdue(today), "members.view", by_index=True),
        "probation_ending": counts.count(
            members.probation_ending(today, today + datetime.timedelta(days=PROBATION_DAYS)), "members.view",
            by_index=True),
        "meetings": counts.count(Meeting.objects.filter(starts_at__year=year), "meetings.view", by_index=True),
        "cells_not_met": counts.count(Organization.objects.open_on(today).filter(kind=Kind.CELL)
                                      .exclude(pk__in=met.values("organization")), "meetings.view"),
        "documents": counts.count(Document.objects.filter(Q(issued_on__year=year) | Q(received_on__year=year)),
                                  "documents.view"),
        **_task_counts(counts, today),
        **_inspection_counts(counts, today),
    })
    standings = _target_standings(user, counts, today)
    for row in rows:
        row.update(standings[row["unit"].pk])
    return rows


def _task_counts(counts: UnitCounts, today) -> dict:
    """The tasks' four figures in one statement (the table read once): open, overdue and done this year, and this
    year's list by status. All four are of the tasks not carried over (a carried task is never done)."""
    year = today.year
    parts = counts.counts(Task.objects.not_carried(), "tasks.view", {
        "tasks_open": unfinished_q(), "tasks_overdue": late_q(today), "tasks_done": done_in_q(year),
        "tasks_by_status": Q(period_start__year=year)}, group="status")
    return {key: {unit: sum(statuses.values()) for unit, statuses in by_unit.items()} if key != "tasks_by_status"
            else by_unit for key, by_unit in parts.items()}


def _inspection_counts(counts: UnitCounts, today) -> dict:
    """This year's inspections and supervisions planned and concluded (one statement), and the follow-ups overdue."""
    return {
        **counts.counts(Inspection.objects.filter(year=today.year), "inspections.view",
                        {"inspections_planned": planned_q(), "inspections_done": done_q()}),
        "follow_ups_overdue": counts.count(FollowUp.objects.overdue(today), "inspections.view"),
    }


def _target_standings(user, counts: UnitCounts, today) -> dict:
    """Per unit: how many targets of this year, achieved, behind; and the targets themselves ("target_list", in the
    ward's order) with how far each got ("reached": {target id: Achievement}), which the one ward's page lists
    without computing them again. The targets are the wards' (a few each)."""
    result = {unit.pk: {"targets": 0, "targets_achieved": 0, "targets_behind": 0, "target_list": [], "reached": {}}
              for unit in counts.units}
    if not counts.units:
        return result
    targets = list(with_actuals(Target.objects.for_user(user, "tasks.view").of_year(today.year)
                                .filter(ward__in=counts.organizations(None).values("pk"))
                                .prefetch_related("ward"))  # each ward read once, not once per target
                   .order_by("ward__path", "order", "created"))
    reached = achievements(targets, today)
    for target in targets:
        unit = counts.index.of(target.ward)
        if unit is None:
            continue
        standing = result[unit.pk]
        standing["targets"] += 1
        standing["targets_achieved"] += reached[target.pk].standing == Standing.ACHIEVED
        standing["targets_behind"] += reached[target.pk].standing == Standing.BEHIND
        standing["target_list"].append(target)
        standing["reached"][target.pk] = reached[target.pk]
    return result


def totals(rows: list[dict]) -> dict:
    return {key: sum(row[key] for row in rows) for key in MEASURES}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float  # percent of the longest bar
    css: str = ""


def bars(counts: dict, labels, css_prefix: str = "") -> list[Bar]:
    """A horizontal bar chart's rows, in `labels`' order ((key, label) pairs), empty ones left out."""
    present = [(key, label, counts.get(key, 0)) for key, label in labels if counts.get(key, 0)]
    top = max((value for _key, _label, value in present), default=0)
    return [Bar(label, value, round(value * 100 / top, 1) if top else 0, f"{css_prefix}{key}")
            for key, label, value in present]


MEMBER_STATUSES = [(status.value, status.label) for status in (Status.OFFICIAL, Status.PROBATIONARY, Status.ADMITTED,
                                                                Status.CANDIDATE)]
TASK_STATUSES = list(TaskStatus.choices)
