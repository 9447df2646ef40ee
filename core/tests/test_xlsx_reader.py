"""core.xlsx.read_rows, the reusable sheet reader (issue 12): the caller says what the header means; the reader
bounds the cost and names every problem by row and column."""

import io

import pytest
from openpyxl import Workbook

from core.xlsx import SheetLimits, SheetRefused, read_rows

LIMITS = SheetLimits(max_bytes=10**6, max_expanded_bytes=10**7, max_rows=3, max_read_rows=10)


def workbook(*rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.size = len(out.getvalue())
    return out


def header(cells):
    return [{"Tên": "name", "Số": "number"}.get(cell) for cell in cells or ()]


def test_rows_come_keyed_by_the_callers_columns_and_blank_rows_are_skipped():
    rows = read_rows(workbook(("Tên", "Số"), ("An", 1), (None, None), ("Bình", 2)), header=header, limits=LIMITS)
    assert rows == [(2, {"name": "An", "number": 1}), (4, {"name": "Bình", "number": 2})]


@pytest.mark.parametrize(("rows", "problem"), [
    ((("Tên", "Số"), ("An", 1, "thừa")), "dòng 2, cột C: có dữ liệu nhưng cột không có tiêu đề ở dòng 1."),
    ((("Tên", "Số"), *[("An", n) for n in range(4)]), "Tệp có hơn 3 dòng dữ liệu: hãy chia thành nhiều tệp."),
    ((("Tên", "Số"),), "Tệp không có dòng dữ liệu nào: dòng 1 là tiêu đề, dữ liệu ghi từ dòng 2."),
])
def test_a_sheet_is_refused_naming_its_problem(rows, problem):
    with pytest.raises(SheetRefused) as refused:
        read_rows(workbook(*rows), header=header, limits=LIMITS)
    assert refused.value.lines == [problem]
