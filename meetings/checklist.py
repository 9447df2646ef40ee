"""Which chi bộ held their meetings: for each month of a period, the monthly meeting; for each quarter, at least one
themed meeting (HD 42-HD/BTCTW, 2025; docs/rules.md §3.1: monthly, and themed at least once a quarter, the themed one
not replacing the monthly one)."""

import datetime
from dataclasses import dataclass

from django.db.models.functions import ExtractMonth, ExtractYear

from meetings.models import Meeting, MeetingKind
from org.models import Kind, Organization


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"

    @property
    def quarter(self) -> tuple[int, int]:
        return self.year, (self.month - 1) // 3 + 1


@dataclass(frozen=True)
class CellRow:
    cell: Organization
    monthly: tuple[bool, ...]  # one per month of the period
    themed: tuple[bool, ...]  # one per quarter of the period

    @property
    def complete(self) -> bool:
        return all(self.monthly) and all(self.themed)


@dataclass(frozen=True)
class Checklist:
    months: tuple[Month, ...]
    quarters: tuple[tuple[int, int], ...]
    rows: tuple[CellRow, ...]

    @property
    def missing(self) -> int:
        return sum(1 for row in self.rows if not row.complete)


def months_between(start: datetime.date, end: datetime.date) -> tuple[Month, ...]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(Month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def cell_checklist(ward: Organization, start: datetime.date, end: datetime.date) -> Checklist:
    """The chi bộ under `ward` open in [start, end], with a tick per month held and per quarter themed. Two queries
    whatever the number of chi bộ: the cells, and the meetings counted by (cell, kind, year, month)."""
    months = months_between(start, end)
    quarters = tuple(dict.fromkeys(m.quarter for m in months))
    cells = [
        cell for cell in Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL).order_by("path")
        if (cell.valid_from or start) <= end and (cell.valid_until or end) >= start
    ]
    # The themed meeting is due once a quarter: it is looked for through the whole quarters the period touches.
    first_quarter_day = datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    last_month = 3 * ((end.month - 1) // 3) + 3
    last_quarter_day = datetime.date(end.year + last_month // 12, last_month % 12 + 1, 1) - datetime.timedelta(days=1)
    held = set(
        Meeting.objects.held_between(first_quarter_day, last_quarter_day)
        .filter(organization__in=cells, kind__in=[MeetingKind.CELL_MONTHLY, MeetingKind.CELL_THEMED])
        .annotate(year=ExtractYear("starts_at"), month=ExtractMonth("starts_at"))
        .values_list("organization_id", "kind", "year", "month").distinct()
    )
    rows = []
    for cell in cells:
        monthly = tuple((cell.pk, MeetingKind.CELL_MONTHLY, m.year, m.month) in held for m in months)
        themed_quarters = {
            Month(year, month).quarter
            for unit, kind, year, month in held if unit == cell.pk and kind == MeetingKind.CELL_THEMED
        }
        rows.append(CellRow(cell, monthly, tuple(q in themed_quarters for q in quarters)))
    return Checklist(months, quarters, tuple(rows))
