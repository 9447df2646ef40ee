"""A year's (or a term's) grading as .xlsx: by chi bộ with the period before beside (the ward first), then every
member's grade with the one before. Audited."""

from django.db import transaction

from audit.services import log_action
from core.xlsx import XLSX, table_workbook
from gradings.models import GRADES, Grade
from gradings.results import CURRENT, PREVIOUS
from members.exports import export_filename


def export_results(ward, year: int, rows, members, previous: dict, *, actor, term=None) -> tuple[str, str, bytes]:
    """`members`: the period's gradings of members; `previous`: {member id: grading} of the period before."""
    period, before = (f"nhiệm kỳ {term.name}", "kỳ trước") if term else (f"năm {year}", f"{year - 1}")
    title = f"Kết quả xếp loại chất lượng đảng viên {period} — {ward.name}"
    columns = [("Chi bộ", lambda row: row.unit.name if row.unit else f"Toàn Đảng bộ ({ward.name})", 36)]
    for number, grade in enumerate(GRADES):
        columns += [(f"{Grade(grade).label} {period}", lambda row, n=number: row.cells(CURRENT)[n], 18),
                    (before, lambda row, n=number: row.cells(PREVIOUS)[n], 8)]
    columns += [(f"Chi bộ được xếp loại {period}", lambda row: _cell_grade(row.this_cell), 28),
                (before, lambda row: _cell_grade(row.last_cell), 28)]
    member_columns = [
        ("Đảng viên", lambda grading: grading.member.person.full_name, 30),
        ("Chi bộ", lambda grading: grading.unit.name, 30),
        (f"Điểm {period}", lambda grading: float(grading.score) if grading.score is not None else None, 10),
        (f"Xếp loại {period}", lambda grading: grading.get_grade_display(), 30),
        (f"Xếp loại {before}", lambda grading: _cell_grade(previous.get(grading.member_id)), 30),
    ]
    content = table_workbook(title=title, sheet="Theo chi bộ", columns=columns, rows=rows,
                             more=[(title, "Đảng viên", member_columns, members)])
    with transaction.atomic():
        log_action("gradings.gradings.exported", actor=actor, obj=ward, organization=ward,
                   data={"title": title, "rows": len(members)})
    return export_filename(title), XLSX, content


def _cell_grade(grading) -> str:
    return grading.get_grade_display() if grading else ""

