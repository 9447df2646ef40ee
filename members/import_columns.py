"""The columns of a member list (.xlsx) and how each cell reads: the one description the import (members.imports),
its template and its page show. The sheet itself is read by core.xlsx."""

import datetime
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from core.forms import EARLIEST_DATE, LATEST_DATE
from core.search import fold
from core.text import clean_input
from core.xlsx import RowProblems, SheetRefused, blank
from org.models import Gender

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    note: str
    width: int
    example: object = ""

    @property
    def title(self) -> str:
        """The header as the template writes it: required columns carry a star."""
        return f"{self.header}*" if self.required else self.header


D = datetime.date
COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", True, "Họ tên đầy đủ, có dấu.", 26, "Nguyễn Văn An"),
    Column("date_of_birth", "Ngày sinh", True, "dd/mm/yyyy, hoặc ô kiểu ngày của Excel.", 12, D(1985, 3, 15)),
    Column("gender", "Giới tính", False, "Nam hoặc Nữ.", 9, "Nam"),
    Column(
        "cccd", "Số CCCD", False,
        "12 chữ số, khớp giới tính và năm sinh. Nếu số này đã ghi cho một người trong phường chưa là đảng viên, "
        "hồ sơ đảng viên gắn vào người đó (họ tên, ngày sinh phải khớp).", 15, "001085012345",
    ),
    Column("ethnicity", "Dân tộc", False, "Để trống: Kinh.", 10, "Kinh"),
    Column("religion", "Tôn giáo", False, "Để trống: Không.", 10, "Không"),
    Column("phone", "Số điện thoại", False, "10 chữ số, bắt đầu bằng 0.", 13, "0912345678"),
    Column(
        "cell", "Chi bộ", True, "Tên đúng hoặc mã của một chi bộ bạn được ghi hồ sơ (xem trang “Chi bộ” của tệp mẫu).",
        30, "Chi bộ khu dân cư số 1 (ví dụ)",
    ),
    Column("membership_no", "Số lý lịch", False, "Không trùng với đảng viên đã có.", 12),
    Column("card_no", "Số thẻ đảng viên", False, "Không trùng với đảng viên đã có.", 16),
    Column("admitted_on", "Ngày quyết định kết nạp", True, "dd/mm/yyyy.", 14, D(2015, 5, 10)),
    Column("ceremony_on", "Ngày lễ kết nạp", False, "dd/mm/yyyy; để trống: bằng ngày quyết định kết nạp.", 14,
           D(2015, 5, 19)),
    Column(
        "official_on", "Ngày chính thức", False,
        "dd/mm/yyyy; để trống: còn dự bị. Không được trước khi hết 12 tháng dự bị (tính từ ngày lễ kết nạp).", 14,
        D(2016, 5, 19),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
BY_HEADER = {fold(column.header): column for column in COLUMNS}
ORDER = {column.key: index for index, column in enumerate(COLUMNS)}
DATES = {"date_of_birth", "admitted_on", "ceremony_on", "official_on"}
PERSON_COLUMNS = {  # Person field → column; the rest of a Person's errors go to the row
    "full_name": "full_name", "date_of_birth": "date_of_birth", "gender": "gender", "cccd": "cccd",
    "ethnicity": "ethnicity", "religion": "religion", "phone": "phone",
}
GENDERS = {fold(label): value for value, label in Gender.choices}


class Problems(RowProblems):
    """A list's problems, a column named by its header and placed in the columns' order."""

    def add(self, row: int, message: str, key: str | None = None, *, column_label: str | None = None):
        self.add_at(row, message, column=column_label or (BY_KEY[key].header if key else None),
                    order=ORDER.get(key, -1))


def header_keys(header) -> list[str | None]:
    """The column key of each cell of the header row (None for an empty cell); refuses unknown, repeated and
    missing columns (core.xlsx.read_rows asks it)."""
    if header is None or all(blank(value) for value in header):
        raise SheetRefused(["Dòng 1 trống: dòng 1 phải là tiêu đề các cột theo tệp mẫu."])
    while header and blank(header[-1]):
        header = header[:-1]
    problems, columns, seen = Problems(), [], {}
    for index, value in enumerate(header):
        letter = get_column_letter(index + 1)
        if blank(value):
            columns.append(None)
            continue
        column = BY_HEADER.get(fold(str(value)).rstrip("* ").strip())
        if column is None:
            problems.add(1, "không có trong các cột của mẫu: kiểm tra chính tả, hoặc xóa cột này.",
                         column_label=f"{letter} (“{value}”)")
        elif column.key in seen:
            problems.add(1, f"cột “{column.header}” có hai lần (cột {seen[column.key]} và cột {letter}).",
                         column_label=letter)
            column = None
        else:
            seen[column.key] = letter
        columns.append(column)
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.add(1, f"thiếu cột bắt buộc “{column.header}”.")
    if problems:
        raise SheetRefused(problems.lines())
    return [column.key if column else None for column in columns]


# Cell values ------------------------------------------------------------------------------------------------


def _text(value) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return " ".join(clean_input(str(value)).split())  # the one text rule; a lone surrogate is the cell's problem


def _digits(value, length: int) -> str:
    """A number typed into a numeric cell loses its leading zeros (every CCCD and phone number starts with 0)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(length)
    return _text(value)


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str):
        text = value.strip().split(" ")[0]
        for pattern in DATE_FORMATS:
            try:
                day = datetime.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"“{value.strip()}” không phải ngày: hãy ghi dd/mm/yyyy, ví dụ 28/06/2021.")
    else:
        raise ValueError(f"“{value}” không phải ngày: hãy ghi dd/mm/yyyy, ví dụ 28/06/2021.")
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"ngày {day:%d/%m/%Y} không hợp lệ (phải từ năm {EARLIEST_DATE.year} đến {LATEST_DATE.year}).")
    return day


def parse_row(number: int, cells: dict, problems: Problems) -> dict:
    """The typed values of one row; problems for required cells left empty and for values of the wrong kind."""
    values = {"unreadable": set()}  # the keys of cells whose value could not be read
    for column in COLUMNS:
        raw = cells.get(column.key)
        if blank(raw):
            if column.required:
                problems.add(number, "bắt buộc, đang để trống.", column.key)
            values[column.key] = None if column.key in DATES else ""
            continue
        try:
            if column.key in DATES:
                values[column.key] = _date(raw)
            elif column.key == "gender":
                values[column.key] = GENDERS.get(fold(_text(raw)))
                if values[column.key] is None:
                    raise ValueError(f"“{_text(raw)}”: chỉ ghi Nam hoặc Nữ.")
            elif column.key in {"cccd", "phone"}:
                values[column.key] = _digits(raw, 12 if column.key == "cccd" else 10)
            else:
                values[column.key] = _text(raw)
        except ValueError as exc:
            problems.add(number, str(exc), column.key)
            values[column.key] = None
            values["unreadable"].add(column.key)
    values["cccd"] = values["cccd"].replace(" ", "")
    return values
