"""The workbooks every export writes (core.xlsx.table_workbook): streamed row by row, and laid out as a clerk reads
them: the title, bold headers kept in view, numbered rows, dates as dd/mm/yyyy, formula-like text as text."""

import datetime
import io
import tracemalloc

from openpyxl import load_workbook

from core.xlsx import table_workbook

COLUMNS = [("Họ và tên", lambda row: row[0], 28), ("Ngày sinh", lambda row: row[1], 12)]


def test_a_table_is_laid_out_as_a_clerk_reads_it():
    rows = [("Nguyễn Văn An", datetime.date(1980, 5, 3)), ("=1+1", None)]
    content = table_workbook(title="Danh sách đảng viên", sheet="Đảng viên", columns=COLUMNS, rows=rows,
                             more=[("Tổng hợp", "Tổng", [("Số", lambda row: row, 8)], [2])])
    book = load_workbook(io.BytesIO(content))
    sheet = book["Đảng viên"]
    assert sheet["A1"].value == "Danh sách đảng viên" and sheet["A1"].font.b and sheet["A1"].font.sz == 13
    assert [cell.value for cell in sheet[2]] == ["TT", "Họ và tên", "Ngày sinh"] and all(c.font.b for c in sheet[2])
    assert [cell.value for cell in sheet[3]] == [1, "Nguyễn Văn An", datetime.datetime(1980, 5, 3)]
    assert sheet["C3"].number_format == "DD/MM/YYYY"
    assert sheet["B4"].value == "=1+1" and sheet["B4"].data_type == "s"
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width == 28
    assert [cell.value for cell in book["Tổng"][3]] == [1, 2]


def test_a_long_table_is_written_without_holding_its_rows():
    """10,000 rows written from a generator take well under a megabyte (openpyxl's write-only mode); the sheet built
    whole in memory took 11 MB (a province's 442,000 members, some 2 GB)."""

    def rows(count):
        return (("Nguyễn Văn An", datetime.date(1980, 5, 3)) for _ in range(count))

    out = io.BytesIO()
    tracemalloc.start()
    table_workbook(title="Danh sách", sheet="Đảng viên", columns=COLUMNS, rows=rows(10_000), out=out)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    sheet = load_workbook(io.BytesIO(out.getvalue()), read_only=True)["Đảng viên"]
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == 10_002
