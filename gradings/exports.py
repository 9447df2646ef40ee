"""The year's grading as .xlsx: by chi bộ with the year before beside (the ward first), then every member's grades
of both years. Audited."""

from django.db import transaction

from audit.services import log_action
from core.xlsx import XLSX, table_workbook
from gradings.models import GRADES, Grade
from members.exports import export_filename


def export_results(ward, year: int, rows, members, *, actor) -> tuple[str, str, bytes]:
    title = f"Kết quả xếp loại chất lượng đảng viên năm {year} — {ward.name}"
    columns = [("Chi bộ", lambda row: row.unit.name if row.unit else f"Toàn Đảng bộ ({ward.name})", 36)]
    for number, grade in enumerate(GRADES):
        columns += [(f"{Grade(grade).label} {year}", lambda row, n=number: row.cells(year)[n], 18),
                    (f"{year - 1}", lambda row, n=number: row.cells(year - 1)[n], 8)]
    columns += [(f"Chi bộ được xếp loại {year}", lambda row: _cell_grade(row, year), 28),
                (f"{year - 1}", lambda row: _cell_grade(row, year - 1), 28)]
    by_member: dict = {}
    for grading in members:
        by_member.setdefault(grading.member_id, {})[grading.year] = grading
    people = [(gradings.get(year) or gradings.get(year - 1), gradings) for gradings in by_member.values()]
    member_columns = [
        ("Đảng viên", lambda row: row[0].member.person.full_name, 30),
        ("Chi bộ", lambda row: row[0].unit.name, 30),
        (f"Điểm {year}", lambda row: _score(row[1].get(year)), 10),
        (f"Xếp loại {year}", lambda row: row[1][year].get_grade_display() if year in row[1] else "", 30),
        (f"Xếp loại {year - 1}", lambda row: row[1][year - 1].get_grade_display() if year - 1 in row[1] else "", 30),
    ]
    content = table_workbook(title=title, sheet="Theo chi bộ", columns=columns, rows=rows,
                             more=[(title, "Đảng viên", member_columns, people)])
    with transaction.atomic():
        log_action("gradings.gradings.exported", actor=actor, obj=ward, organization=ward,
                   data={"title": title, "rows": len(people)})
    return export_filename(title), XLSX, content


def _cell_grade(row, year: int) -> str:
    grading = row.cell_grade.get(year)
    return grading.get_grade_display() if grading else ""


def _score(grading):
    return float(grading.score) if grading is not None and grading.score is not None else None
