"""Workbooks in and out (openpyxl), for every app.

Out: writing cells safely, text stays text (`append_row`).

In: reading the data rows of a sheet with bounded cost (issue 12): the file's size and its parts' expanded size are
checked before anything is parsed (a 1.5 MB file can expand to 1.5 GB), and the rows read are counted, empty ones
included (millions of empty rows are cheap to write and slow to read). What the columns mean is the caller's: it
turns the header row into the key of each column (`read_rows(header=…)`) and reads the cells. Every problem is a line
a clerk reads: "dòng N, cột X: lý do" (`RowProblems`)."""

import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.text import is_formula_like, writable

NOT_XLSX = (
    "Tệp không phải .xlsx (Excel 2007 trở lên) hoặc bị hỏng. Tệp .xls, .csv hay .ods: hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx; hoặc tải tệp mẫu ở trang nhập."
)
# What openpyxl raises on a file that is not a workbook, or a broken one.
UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, OSError,
              SyntaxError, EOFError)
MB = 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"


def append_row(sheet, values) -> None:
    """Append one row of values as written cells (`written`)."""
    sheet.append([written(sheet, value) for value in values])


def written(sheet, value, font: Font | None = None):
    """`value` as a cell of `sheet` writes it: text made writable (core.text.writable), and text that a spreadsheet
    would run as a formula kept as text (its type set to string, shown as typed); dates shown dd/mm/yyyy."""
    if isinstance(value, str):
        value = writable(value)
    formula_like = isinstance(value, str) and is_formula_like(value)
    if not (formula_like or font or isinstance(value, datetime.date)):
        return value
    cell = WriteOnlyCell(sheet, value)
    if formula_like:
        cell.data_type = TYPE_STRING
        cell.quotePrefix = True
    if isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if font:
        cell.font = font
    return cell


Column = tuple[str, Callable, int]  # header, value(item), width


def table_workbook(*, title: str, sheet: str, columns: list[Column], rows: Iterable,
                   more: Iterable[tuple[str, str, list[Column], Iterable]] = (), out=None) -> bytes | None:
    """A workbook of one table (add_table), and of more tables on their own sheets: (title, sheet, columns, rows).
    Written as the rows come (openpyxl's write-only mode): a table of any length holds one row in memory. Into `out`
    (a binary file) when given, else returned."""
    book = Workbook(write_only=True)
    add_table(book.create_sheet(), title=title, sheet=sheet, columns=columns, rows=rows)
    for more_title, more_sheet, more_columns, more_rows in more:
        add_table(book.create_sheet(), title=more_title, sheet=more_sheet, columns=more_columns, rows=more_rows)
    if out is not None:
        book.save(out)
        return None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def add_table(table, *, title: str, sheet: str, columns: list[Column], rows: Iterable) -> None:
    """The title on row 1, the headers (bold) on row 2, then a numbered row ("TT") per item with each column's value
    (header, value(item), width); dates shown dd/mm/yyyy; the headers stay in view."""
    table.title = sheet
    columns = [("TT", None, 5), *columns]
    for index, (_header, _value, width) in enumerate(columns, start=1):
        table.column_dimensions[get_column_letter(index)].width = width
    table.freeze_panes = "A3"
    table.append([written(table, title, Font(bold=True, size=13))])
    table.append([written(table, header, Font(bold=True)) for header, _value, _width in columns])
    for number, item in enumerate(rows, start=1):
        append_row(table, [number, *[value(item) for _header, value, _width in columns[1:]]])


# Reading ------------------------------------------------------------------------------------------------------


class SheetRefused(ValidationError):
    """The file is refused as a whole; `lines` says why, one problem a line."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.lines = list(lines)


@dataclass(frozen=True)
class SheetLimits:
    max_bytes: int
    max_expanded_bytes: int
    max_rows: int  # data rows
    max_read_rows: int  # rows read, empty ones included


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def lower_first(message: str) -> str:
    """“Số CCCD phải…” reads as “số CCCD phải…” after “cột X:”; acronyms (“CCCD…”) stay as they are."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


class RowProblems:
    """The problems found so far, each as the line a clerk reads; sorted by row, then by the column's place."""

    def __init__(self):
        self._items: list[tuple[int, int, str]] = []

    def __len__(self):
        return len(self._items)

    def add_at(self, row: int, message: str, *, column: str | None = None, order: int = -1) -> None:
        reason = lower_first(message)
        line = f"dòng {row}, cột {column}: {reason}" if column else f"dòng {row}: {reason}"
        self._items.append((row, order, line))

    def lines(self) -> list[str]:
        return [line for _row, _column, line in sorted(self._items, key=lambda item: item[:2])]


def check_size(upload, limits: SheetLimits) -> None:
    """Refuse a file larger than the limit, or one whose parts expand beyond it, unparsed (the sizes the archive
    declares: reading never yields more than a part declares)."""
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_bytes:
        raise SheetRefused([f"Tệp lớn hơn {limits.max_bytes // MB} MB: hãy chia thành nhiều tệp nhỏ hơn."])
    try:
        with zipfile.ZipFile(upload) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except UNREADABLE as exc:
        raise SheetRefused([NOT_XLSX]) from exc
    finally:
        upload.seek(0)
    if expanded > limits.max_expanded_bytes:
        raise SheetRefused([
            f"Tệp giải nén ra hơn {limits.max_expanded_bytes // MB} MB ({expanded // MB} MB): tệp có quá nhiều dữ "
            f"liệu hoặc không phải danh sách cần nhập; hãy chia thành nhiều tệp, hoặc lưu lại từ tệp mẫu."
        ])


def read_rows(upload, *, header: Callable[[tuple], list], limits: SheetLimits,
              rows_hold: str = "dữ liệu") -> list[tuple[int, dict]]:
    """The data rows of the first sheet as (Excel row number, {column key: cell value}). `header(row 1)` gives the
    key of each of its cells (None for an empty one), raising SheetRefused for a wrong header. Raises SheetRefused
    when the file cannot be read, is too large, or has data under no header. `rows_hold` names what a row holds, for
    the clerk ("đảng viên")."""
    check_size(upload, limits)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise SheetRefused([NOT_XLSX]) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read every row, whatever size the file claims its sheet has
        rows = sheet.iter_rows(values_only=True)
        keys = header(next(rows, None))
        result, problems = [], RowProblems()
        for number, cells in enumerate(rows, start=2):
            if number > limits.max_read_rows:
                raise SheetRefused([(f"Trang tính có hơn {limits.max_read_rows:_} dòng (kể cả dòng trống): hãy xóa "
                                     f"các dòng trống ở cuối trang, hoặc chia thành nhiều tệp.").replace("_", ".")])
            if all(blank(value) for value in cells):
                continue
            if len(result) == limits.max_rows:
                raise SheetRefused([f"Tệp có hơn {limits.max_rows:_} dòng dữ liệu: hãy chia thành nhiều tệp."
                                    .replace("_", ".")])
            for index in range(len(keys), len(cells)):
                if not blank(cells[index]):
                    problems.add_at(number, "có dữ liệu nhưng cột không có tiêu đề ở dòng 1.",
                                    column=get_column_letter(index + 1))
            result.append((number, {key: value for key, value in zip(keys, cells, strict=False) if key}))
    except UNREADABLE as exc:
        raise SheetRefused([NOT_XLSX]) from exc
    finally:
        book.close()
    if problems:
        raise SheetRefused(problems.lines())
    if not result:
        raise SheetRefused([f"Tệp không có dòng dữ liệu nào: dòng 1 là tiêu đề, {rows_hold} ghi từ dòng 2."])
    return result
