"""The figures of the dashboard, per ward (per unit for a chi bộ's secretary), built once for the page and the API.

Every figure is counted for all the units at once (org.stats.UnitCounts: grouped by the records' own organisation,
added up per unit): one query per figure, never one per ward of the level above. The level above sees its wards a page
at a time (`ward_table`): the figures of the page's wards only, the totals of the whole scope by one aggregate
statement per table (`ScopeCounts`), and, sorted by a figure, that one figure counted for every ward to order them:
the same statements and the same page whatever the number of wards."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from documents.models import Document
from inspections.models import FollowUp, Inspection, done_q, planned_q
from meetings.models import CELL_KINDS, Meeting
from members.models import ON_ROLL, PartyMember, Status
from org.models import Committee, Kind, Organization, Person, Position
from org.stats import UnitCounts, organization_field
from work.models import Target, Task, TaskStatus, done_in_q, late_q, unfinished_q
from work.targets import Standing, achievements, with_actuals

PROBATION_DAYS = 30  # "probation ending" on the dashboard: within a month
PER_PAGE = 25  # wards of the level above's table on a page (the API's page_size may ask for up to 200)

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
TARGET_FIGURES = ("targets", "targets_achieved", "targets_behind")
TASK_FIGURES = ("tasks_open", "tasks_overdue", "tasks_done")  # counted by status (for the chart), then added up


@dataclass(frozen=True)
class Source:
    """The rows of one table behind one or more figures (`parts`: figure → the rows it counts, None: all of them),
    counted in one statement; `group`: counted by that column's value; `by_index` as UnitCounts.count."""

    queryset: QuerySet
    perm: str
    parts: dict
    group: str | None = None
    by_index: bool = False


def sources(today: datetime.date) -> list[Source]:
    """Every counted figure of the dashboard (the targets' standings aside, worked out per target)."""
    year, first = today.year, today.replace(day=1)
    members = PartyMember.objects.all()
    met = Meeting.objects.held_between(first, today).filter(kind__in=CELL_KINDS)
    probation_end = today + datetime.timedelta(days=PROBATION_DAYS)
    return [
        Source(Organization.objects.all(), "org.view", {"organizations": None}),
        Source(Committee.objects.all(), "org.view", {"committees": None}, by_index=True),
        Source(Person.objects.all(), "people.view", {"people": None}, by_index=True),
        Source(Position.objects.held_on(today), "org.view", {"positions": None}, by_index=True),
        Source(members, "members.view", {"members_by_status": None}, group="status", by_index=True),
        Source(members.overdue(today), "members.view", {"overdue": None}, by_index=True),
        Source(members.probation_ending(today, probation_end), "members.view", {"probation_ending": None},
               by_index=True),
        Source(Meeting.objects.filter(starts_at__year=year), "meetings.view", {"meetings": None}, by_index=True),
        Source(Organization.objects.open_on(today).filter(kind=Kind.CELL).exclude(pk__in=met.values("organization")),
               "meetings.view", {"cells_not_met": None}),
        Source(Document.objects.filter(Q(issued_on__year=year) | Q(received_on__year=year)), "documents.view",
               {"documents": None}),
        # The tasks' four figures in one statement (the table read once): open, overdue and done this year, and this
        # year's list by status. All four are of the tasks not carried over (a carried task is never done).
        Source(Task.objects.not_carried(), "tasks.view", {
            "tasks_open": unfinished_q(), "tasks_overdue": late_q(today), "tasks_done": done_in_q(year),
            "tasks_by_status": Q(period_start__year=year)}, group="status"),
        Source(Inspection.objects.filter(year=year), "inspections.view",
               {"inspections_planned": planned_q(), "inspections_done": done_q()}),
        Source(FollowUp.objects.overdue(today), "inspections.view", {"follow_ups_overdue": None}),
    ]


def finish(figures: dict) -> dict:
    """A unit's (or the totals') figures as shown: members on the roll from the members by status, the tasks'
    figures added up over their statuses."""
    figures["members"] = sum(n for status, n in figures.get("members_by_status", {}).items() if status in ON_ROLL)
    for key in TASK_FIGURES:
        if isinstance(figures.get(key), dict):
            figures[key] = sum(figures[key].values())
    return figures


def unit_rows(user, units: list[Organization], today: datetime.date, only: set[str] | None = None) -> list[dict]:
    """Per unit: {"unit": unit, each MEASURES key: n, "members_by_status": {status: n},
    "tasks_by_status": {status: n}}, in the units' order. `only`: just the sources of these figures."""
    counts = UnitCounts(units, user)
    counted = {}
    for source in sources(today):
        if only is None or only & _keys_of(source):
            counted |= counts.counts(source.queryset, source.perm, source.parts, group=source.group,
                                     by_index=source.by_index)
    rows = [finish(row) for row in counts.rows(counted)]
    if only is None or only & set(TARGET_FIGURES):
        standings = _target_standings(user, counts, today)
        for row in rows:
            row.update(standings[row["unit"].pk])
    return rows


def _keys_of(source: Source) -> set[str]:
    keys = set(source.parts)
    return keys | {"members"} if "members_by_status" in keys else keys


def _target_standings(user, counts: UnitCounts, today) -> dict:
    """Per unit: how many targets of this year, achieved, behind; and the targets themselves ("target_list", in the
    ward's order) with how far each got ("reached": {target id: Achievement}), which the one ward's page lists
    without computing them again. The targets are the wards' (a few each)."""
    result = {unit.pk: {"targets": 0, "targets_achieved": 0, "targets_behind": 0, "target_list": [], "reached": {}}
              for unit in counts.units}
    if not counts.units:
        return result
    targets = _scope_targets(user, counts, today)
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


class ScopeCounts:
    """Counts of records under any of `units` (the wards of a dashboard) taken together, for the totals row: one
    aggregate statement per source, over the same organisations and read the same way as UnitCounts reads them per
    unit, so that the totals are those of the rows."""

    def __init__(self, units: list[Organization], user):
        self.user = user
        self.organizations = UnitCounts(units, user).organizations  # the same organisations as the rows'

    def counts(self, source: Source) -> dict:
        """{figure: n} (or {figure: {value of the group: n}}) of the source's rows under the units."""
        via = organization_field(source.queryset.model)
        within = self.organizations(source.perm).order_by().values("pk")
        rows = source.queryset.filter(**{f"{via}__{'any_of' if source.by_index else 'in'}": within}).order_by()
        aggregates = {key: Count(via, filter=condition) if condition is not None else Count("*")
                      for key, condition in source.parts.items()}
        if not source.group:
            return rows.aggregate(**aggregates)
        result = {key: {} for key in source.parts}
        for row in rows.values(source.group).annotate(**aggregates):
            for key in source.parts:
                if row[key]:
                    result[key][row[source.group]] = row[key]
        return result


def scope_totals(user, units: list[Organization], today: datetime.date) -> dict:
    """Every MEASURES figure (and the members and tasks by status) over all of `units`, by aggregate statements;
    the targets' standings worked out per target, as for a ward."""
    scope = ScopeCounts(units, user)
    figures = {}
    for source in sources(today):
        figures |= scope.counts(source)
    targets = _scope_targets(user, scope, today)
    reached = achievements(targets, today)
    figures |= {"targets": len(targets),
                "targets_achieved": sum(reached[t.pk].standing == Standing.ACHIEVED for t in targets),
                "targets_behind": sum(reached[t.pk].standing == Standing.BEHIND for t in targets)}
    return finish(figures)


def _scope_targets(user, organizations, today) -> list[Target]:
    """This year's targets of the wards under `organizations` (a UnitCounts or a ScopeCounts) the user may see, with
    their actuals, in the wards' order."""
    return list(with_actuals(Target.objects.for_user(user, "tasks.view").of_year(today.year)
                             .filter(ward__in=organizations.organizations(None).values("pk"))
                             .prefetch_related("ward"))  # each ward read once, not once per target
                .order_by("ward__path", "order", "created"))


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
