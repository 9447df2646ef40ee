"""What the grading page and its export show of a year (or a term), with the year (term) before beside it: per chi bộ
and for the ward, the members counted by grade; each chi bộ's own grade. A fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from gradings.models import GRADES
from org.models import Kind, Organization, Term


@dataclass
class Row:
    unit: Organization | None  # None: the whole ward
    counts: dict = field(default_factory=dict)  # {CURRENT or PREVIOUS: {grade: n}}
    cell_grade: dict = field(default_factory=dict)  # {CURRENT or PREVIOUS: Grading} of the chi bộ itself

    def cells(self, period: str) -> list[int]:
        return [self.counts.get(period, {}).get(grade, 0) for grade in GRADES]

    def total(self, period: str) -> int:
        return sum(self.counts.get(period, {}).values())

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(this period, the one before) per grade, best first."""
        return list(zip(self.cells(CURRENT), self.cells(PREVIOUS), strict=True))

    @property
    def this_cell(self):
        return self.cell_grade.get(CURRENT)

    @property
    def last_cell(self):
        return self.cell_grade.get(PREVIOUS)


CURRENT, PREVIOUS = "current", "previous"


def previous_term(term: Term | None) -> Term | None:
    if term is None:
        return None
    return (Term.objects.filter(organization_id=term.organization_id, start_date__lt=term.start_date)
            .order_by("-start_date").first())


def results(gradings, ward: Organization, year: int, visible=None, term: Term | None = None) -> list[Row]:
    """The ward's row first, then one per chi bộ (in the tree's order) of those `visible` (an organisations queryset:
    the caller's scope): members by grade in `year` and `year - 1` (or in `term` and the term before), of the rows
    of `gradings` (scoped too)."""
    cells = Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL)
    cells = list((cells & visible if visible is not None else cells).order_by("path"))
    rows = {cell.pk: Row(cell) for cell in cells}
    whole = Row(None)
    mine = gradings.filter(ward=ward)
    before = previous_term(term)
    periods = ((CURRENT, mine.of_period(year, term)),
               (PREVIOUS, mine.of_period(year - 1) if term is None else mine.filter(term=before) if before
                else mine.none()))
    for period, queryset in periods:
        counted = (queryset.of_members().decided().order_by().values("unit", "grade").annotate(n=Count("pk")))
        totals: dict = defaultdict(int)
        for entry in counted:
            if entry["unit"] in rows:
                rows[entry["unit"]].counts.setdefault(period, {})[entry["grade"]] = entry["n"]
            totals[entry["grade"]] += entry["n"]
        whole.counts[period] = dict(totals)
        for grading in queryset.of_cells().decided():
            if grading.cell_id in rows:
                rows[grading.cell_id].cell_grade[period] = grading
    return [whole, *rows.values()]
