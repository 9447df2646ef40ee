"""The level above's table: a page of its wards with their figures, sortable, and the totals of all of them.

Counting a province's 126 wards at every request read every record of the province (300–700 ms at 189,000
members, and the country's admin would wait seconds). Each ward's figures are therefore kept once counted
(KeptFigures) and read back, one row per ward, while they still hold: counted today, less than MAX_AGE ago, and with
no change logged under the ward since. Every change is audited with the unit it concerns, so the audit log says
which wards changed; a ward whose row does not hold is counted again, alone, and kept. The figures are those of
every record: they are read back only for a user who may read every figure of every one of the wards; anyone else's
table is counted for them, as before (what they may see)."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.paginator import Page, Paginator
from django.db.models import Max, OuterRef, Subquery, UUIDField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from audit.models import LogEntry
from audit.services import MOVED_FROM
from core.scoping import has_perm
from dashboard.figures import COLUMNS, MEASURES, PER_PAGE, scope_totals, sources, unit_rows
from dashboard.models import KeptFigures
from org.models import Organization
from org.stats import WardIndex, shared_prefix

# A kept row is counted again once this old, whatever the log says: a backstop for a change written without a log
# entry (none in the application: a manual SQL fix, a bulk generator). manage.py keep_dashboard_figures, run hourly,
# counts every ward before its row is this old, so that no reader counts a ward that did not change.
MAX_AGE = datetime.timedelta(hours=1)
# A change is looked for from this long before its row was counted: a transaction stamps its log entry when it
# writes it, and may commit after a count that could not see it yet (a long import; a read replica behind).
SETTLE = datetime.timedelta(minutes=5)
# Who the kept figures are counted as: one who reads every record.
EVERY_RECORD = SimpleNamespace(is_active=True, is_superuser=True, is_authenticated=True)
KEPT = (*MEASURES, "members_by_status", "tasks_by_status")


@dataclass
class WardTable:
    """The level above's table: a page of its wards with their figures, and the totals of all of them."""

    rows: list[dict]
    totals: dict
    page: Page
    kept: bool = False  # read from the kept figures (as recent as MAX_AGE)


def ward_table(user, units: list[Organization], today: datetime.date, *, sort: str = "", page=1,
               per_page: int = PER_PAGE) -> WardTable:
    """The wards of `units` (in the tree's order, or by `sort`: "members" ascending, "-members" descending, ties in
    the tree's order) a page at a time, the page's figures, and the totals of every ward."""
    key = sort.removeprefix("-")
    ordered = list(units)
    kept = kept_figures(user, ordered, today)
    if kept is None:  # counted as the user may see them
        if key in dict(COLUMNS) and len(ordered) > 1:  # that one figure counted for every ward (a statement or two)
            values = {row["unit"].pk: row[key] for row in unit_rows(user, ordered, today, only={key})}
            ordered.sort(key=lambda unit: (values[unit.pk], unit.path), reverse=sort.startswith("-"))
        shown = Paginator(ordered, per_page).get_page(page)
        return WardTable(unit_rows(user, list(shown.object_list), today), scope_totals(user, ordered, today), shown)
    if key in dict(COLUMNS):
        ordered.sort(key=lambda unit: (kept[unit.pk][key], unit.path), reverse=sort.startswith("-"))
    shown = Paginator(ordered, per_page).get_page(page)
    return WardTable([{"unit": unit, **kept[unit.pk]} for unit in shown.object_list], totals(kept.values()), shown,
                     kept=True)


def max_age_text() -> str:
    """MAX_AGE as the page says it: "1 giờ", "90 phút"."""
    minutes = int(MAX_AGE.total_seconds() // 60)
    return f"{minutes // 60} giờ" if minutes % 60 == 0 else f"{minutes} phút"


def totals(figures) -> dict:
    """The figures of several wards added up, the members and tasks by status included."""
    result = dict.fromkeys(MEASURES, 0) | {"members_by_status": {}, "tasks_by_status": {}}
    for one in figures:
        for key in MEASURES:
            result[key] += one[key]
        for key in ("members_by_status", "tasks_by_status"):
            for value, n in one[key].items():
                result[key][value] = result[key].get(value, 0) + n
    return result


def reads_every_figure(user, units: list[Organization], today: datetime.date) -> bool:
    """Whether `user` may read every figure of the table (each source's permission, and the targets') over every
    one of `units`: then the figures counted over every record are theirs."""
    perms = {source.perm for source in sources(today)} | {"tasks.view"}
    return all(has_perm(user, perm, unit) for perm in perms for unit in units)


def kept_figures(user, units: list[Organization], today: datetime.date) -> dict | None:
    """{unit pk: figures (KEPT)} of every one of `units`: the kept rows that still hold, the others counted now
    (a fixed number of statements however many) and kept. None when `user` may not read them all."""
    if len(units) < 2 or not reads_every_figure(user, units, today):
        return None
    now = timezone.now()
    kept = {row.unit_id: row for row in KeptFigures.objects.filter(unit__in=[unit.pk for unit in units], day=today,
                                                                   counted_at__gt=now - MAX_AGE)}
    # (Looked up even when nothing is kept: the same statements whatever is kept.)
    changed = changed_since(units, min((row.counted_at for row in kept.values()), default=now) - SETTLE)
    figures = {pk: row.figures for pk, row in kept.items()
               if pk not in changed or changed[pk] <= row.counted_at - SETTLE}
    stale = [unit for unit in units if unit.pk not in figures]
    if stale:
        figures |= count_and_keep(stale, today, now)
    return figures


def count_and_keep(units: list[Organization], today: datetime.date, now: datetime.datetime) -> dict:
    """{unit pk: figures (KEPT)} of `units`, counted over every record (a fixed number of statements however many
    units) and kept as of `now` (taken before counting: a change logged while counting is after it)."""
    counted = {row["unit"].pk: {key: row[key] for key in KEPT} for row in unit_rows(EVERY_RECORD, units, today)}
    KeptFigures.objects.bulk_create(
        [KeptFigures(unit_id=pk, day=today, counted_at=now, figures=one) for pk, one in counted.items()],
        update_conflicts=True, unique_fields=["unit"], update_fields=["day", "counted_at", "figures"])
    return counted


def keep_every_ward(today: datetime.date, *, batch: int = 200, progress=None) -> int:
    """Count and keep the figures of every ward of the database for `today`, `batch` wards at a time (after
    midnight every kept row is of another day: the first reader of a province would count them all). `progress`
    is called with (wards done, wards in all) after each batch. Returns the number of wards."""
    wards = list(Organization.objects.wards().order_by("path"))
    for start in range(0, len(wards), batch):
        count_and_keep(wards[start:start + batch], today, timezone.now())
        if progress is not None:
            progress(min(start + batch, len(wards)), len(wards))
    return len(wards)


def changed_since(units: list[Organization], since: datetime.datetime) -> dict:
    """{unit pk: when the last change under it was logged} of the changes logged after `since` (the audit log's
    newest rows only: its index by time). A record moved from one unit to another is logged under the new one and
    names the old (audit.services.MOVED_FROM): both have changed."""
    index = WardIndex(units)
    recent = LogEntry.objects.filter(created__gt=since)
    logged = (recent.filter(organization__path__startswith=shared_prefix(index.units))
              .values_list("organization__path").annotate(last=Max("created")).order_by())
    left = Organization.objects.filter(pk=OuterRef("left_id")).values("path")
    moved = (recent.filter(data__has_key=MOVED_FROM)
             .annotate(left_id=Cast(KT(f"data__{MOVED_FROM}"), UUIDField()))
             .values_list(Subquery(left), "created"))
    result = {}
    for path, last in [*logged, *moved]:
        unit = index.at(path) if path is not None else None  # (None: the unit left was since deleted)
        if unit is not None and (unit.pk not in result or result[unit.pk] < last):
            result[unit.pk] = last
    return result
