"""What the grading page and its export show of a year, with the year before beside it: per chi bộ and for the
ward, the members counted by grade; each chi bộ's own grade; the members flagged. A fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from gradings.models import GRADES
from org.models import Kind, Organization


@dataclass
class Row:
    unit: Organization | None  # None: the whole ward
    counts: dict = field(default_factory=dict)  # {year: {grade: n}}
    cell_grade: dict = field(default_factory=dict)  # {year: Grading} of the chi bộ itself

    def cells(self, year: int) -> list[int]:
        return [self.counts.get(year, {}).get(grade, 0) for grade in GRADES]

    def total(self, year: int) -> int:
        return sum(self.counts.get(year, {}).values())

    def pair(self, year: int) -> list[tuple[int, int]]:
        """(this year, the year before) per grade, best first."""
        return list(zip(self.cells(year), self.cells(year - 1), strict=True))


def results(gradings, ward: Organization, year: int, visible=None) -> list[Row]:
    """The ward's row first, then one per chi bộ (in the tree's order) of those `visible` (an organisations queryset:
    the caller's scope): members by grade in `year` and `year - 1`, of the rows of `gradings` (scoped too)."""
    cells = Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL)
    cells = list((cells & visible if visible is not None else cells).order_by("path"))
    rows = {cell.pk: Row(cell) for cell in cells}
    whole = Row(None)
    years = (year, year - 1)
    counted = (gradings.filter(ward=ward, year__in=years).of_members().decided().order_by()
               .values("unit", "year", "grade").annotate(n=Count("pk")))
    totals: dict = defaultdict(lambda: defaultdict(int))
    for entry in counted:
        if entry["unit"] in rows:
            rows[entry["unit"]].counts.setdefault(entry["year"], {})[entry["grade"]] = entry["n"]
        totals[entry["year"]][entry["grade"]] += entry["n"]
    whole.counts = {row_year: dict(grades) for row_year, grades in totals.items()}
    for grading in gradings.filter(ward=ward, year__in=years).of_cells().decided():
        if grading.cell_id in rows:
            rows[grading.cell_id].cell_grade[grading.year] = grading
    result = [whole, *rows.values()]
    for row in result:  # what the page reads
        row.pairs = row.pair(year)
        row.this_cell, row.last_cell = row.cell_grade.get(year), row.cell_grade.get(year - 1)
    return result

