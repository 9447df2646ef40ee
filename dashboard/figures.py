"""The figures of the dashboard, per ward (per unit for a chi bộ's secretary), built once for the page and the API.

Every figure is counted for all the units at once, grouped by the prefix of the records' unit path
(org.stats.counts_by_unit, grouped_by_unit): the number of queries depends on the measures and on the depths of the
units, never on how many wards the level above holds."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from documents.models import Document
from meetings.models import CELL_KINDS, Meeting
from members.models import ON_ROLL, PartyMember, Status
from org.models import Kind, Organization
from org.stats import counts_by_unit, grouped_by_unit, unit_counts
from work.models import Target, Task, TaskStatus
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
)
UNIT_COLUMNS = ("organizations", "committees", "people", "positions")
MEASURES = tuple(key for key, _label in COLUMNS) + UNIT_COLUMNS


def unit_rows(user, units: list[Organization], today: datetime.date) -> list[dict]:
    """Per unit: {"unit": unit, each MEASURES key: n, "members_by_status": {status: n},
    "tasks_by_status": {status: n}}, in the units' order."""
    rows = unit_counts(user, units, on=today)
    members = PartyMember.objects.for_user(user, "members.view")
    tasks = Task.objects.for_user(user, "tasks.view")
    year, first = today.year, today.replace(day=1)
    met = Meeting.objects.held_between(first, today).filter(kind__in=CELL_KINDS)
    cells = Organization.objects.for_user(user, "meetings.view").open_on(today).filter(kind=Kind.CELL)
    counted = counts_by_unit(units, [
        ("members", members.filter(status__in=ON_ROLL), "organization__path"),
        ("overdue", members.overdue(today), "organization__path"),
        ("probation_ending", members.probation_ending(today, today + datetime.timedelta(days=PROBATION_DAYS)),
         "organization__path"),
        ("meetings", Meeting.objects.for_user(user, "meetings.view").filter(starts_at__year=year),
         "organization__path"),
        ("cells_not_met", cells.exclude(pk__in=met.values("organization")), "path"),
        ("documents", Document.objects.for_user(user, "documents.view").filter(
            Q(issued_on__year=year) | Q(received_on__year=year)), "organization__path"),
        ("tasks_open", tasks.open(), "lead_unit__path"),
        ("tasks_overdue", tasks.overdue(today), "lead_unit__path"),
        ("tasks_done", tasks.filter(status__in=[TaskStatus.DONE, TaskStatus.DONE_LATE], completed_on__year=year),
         "lead_unit__path"),
    ])
    by_status = grouped_by_unit(units, members, "organization__path", "status")
    tasks_by_status = grouped_by_unit(units, tasks.filter(period_start__year=year, carried_to__isnull=True),
                                      "lead_unit__path", "status")
    standings = _target_standings(user, units, today)
    for row, more in zip(rows, counted, strict=True):
        unit = row["unit"]
        row.update({key: value for key, value in more.items() if key != "unit"})
        row["members_by_status"] = by_status[unit.pk]
        row["tasks_by_status"] = tasks_by_status[unit.pk]
        row.update(standings[unit.pk])
    return rows


def _target_standings(user, units, today) -> dict:
    """Per unit: how many targets of this year, achieved, behind. The targets are the wards' (a few each)."""
    paths = [unit.path for unit in units]
    result = {unit.pk: {"targets": 0, "targets_achieved": 0, "targets_behind": 0} for unit in units}
    if not paths:
        return result
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(ward__path__startswith=path)
    targets = list(with_actuals(Target.objects.for_user(user, "tasks.view").of_year(today.year).filter(within)
                                .select_related("ward")))
    reached = achievements(targets, today)
    longest_first = sorted(units, key=lambda unit: len(unit.path), reverse=True)
    for target in targets:
        unit = next(unit for unit in longest_first if target.ward.path.startswith(unit.path))
        counts = result[unit.pk]
        counts["targets"] += 1
        counts["targets_achieved"] += reached[target.pk].standing == Standing.ACHIEVED
        counts["targets_behind"] += reached[target.pk].standing == Standing.BEHIND
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
