"""A member list in from .xlsx (issue 4): every row is checked first, then everything is written in one transaction.

The columns are COLUMNS below (docs/import.md, the import page and the template show them). Any bad row refuses
the whole file, with one line per problem ("dòng N, cột X: lý do") and nothing written. Members arrive with their
past: the admission decision, the ceremony and, when official, the recognition decision, each checked by
Lifecycle.check(historical=True); their cached columns come from members.services.cached_values, as for any
recorded event. The rows are written in bulk, with exactly one audit entry per member.
"""

import datetime
import io
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from audit.services import log_actions, snapshot
from core.forms import EARLIEST_DATE, LATEST_DATE
from core.scoping import has_any_perm, has_perm
from core.search import fold
from core.text import clean_input
from members.lifecycle import Lifecycle
from members.models import MembershipEvent, PartyMember
from members.services import PAST, PastRefused, cached_values, past_events
from org.models import Gender, Kind, Organization, Person

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
# Bounds checked before and while parsing, so that a small file cannot take the server's memory or a worker's time
# (issue 12): the parts of the workbook together, expanded (a 1.5 MB file can expand to 1.5 GB), and the rows read,
# empty ones included (millions of empty rows are cheap to write and slow to read).
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_READ_ROWS = MAX_ROWS + 10_000
# The decision number of an event entered from a list that does not carry it.
HISTORICAL_DECISION_NO = "(theo danh sách)"
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
NOT_XLSX = (
    "Tệp không phải .xlsx (Excel 2007 trở lên) hoặc bị hỏng. Tệp .xls, .csv hay .ods: hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx; hoặc tải tệp mẫu ở trang nhập."
)
# What openpyxl raises on a file that is not a workbook, or a broken one.
UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, OSError,
              SyntaxError, EOFError)
REFUSED = "Tệp có lỗi, không nhập dòng nào."
TOO_MANY_ROWS = f"Tệp có hơn {MAX_ROWS:_} dòng dữ liệu: hãy chia thành nhiều tệp.".replace("_", ".")
TOO_MANY_READ_ROWS = (f"Trang tính có hơn {MAX_READ_ROWS:_} dòng (kể cả dòng trống): hãy xóa các dòng trống ở "
                      f"cuối trang, hoặc chia thành nhiều tệp.").replace("_", ".")


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
# The events of an imported member, in order: (kind, date column, decision number).
AUDITED_MEMBER_FIELDS = [
    "organization", "membership_no", "card_no", "status", "status_since", "admitted_on", "ceremony_on",
    "probation_ends_on", "official_on",
]


class ImportRefused(ValidationError):
    """The file is refused as a whole; `lines` says why, one problem a line."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.lines = list(lines)


@dataclass(frozen=True)
class ImportResult:
    imported: int
    people_reused: int


# How far an import has gone: progress(stage, rows done, rows in all or None), told every PROGRESS_EVERY rows.
Progress = Callable[[str, int, int | None], None]
READING, CHECKING, WRITING = "Đọc tệp", "Kiểm tra từng dòng", "Ghi vào cơ sở dữ liệu"
PROGRESS_EVERY = 500


def _silent(stage: str, done: int, total: int | None) -> None:
    pass


class Problems:
    """The problems found so far, each as the line a clerk reads; sorted by row, then column, when listed."""

    def __init__(self):
        self._items: list[tuple[int, int, str]] = []

    def __len__(self):
        return len(self._items)

    def add(self, row: int, message: str, key: str | None = None, *, column_label: str | None = None):
        reason = _lower_first(message)
        where = column_label or (BY_KEY[key].header if key else None)
        line = f"dòng {row}, cột {where}: {reason}" if where else f"dòng {row}: {reason}"
        self._items.append((row, ORDER.get(key, -1), line))

    def lines(self) -> list[str]:
        return [line for _row, _column, line in sorted(self._items, key=lambda item: item[:2])]


# Reading the file --------------------------------------------------------------------------------------------


def read_rows(upload) -> list[tuple[int, dict]]:
    """The data rows of the first sheet as (Excel row number, {column key: cell value}); the header row checked.
    Raises ImportRefused when the file cannot be read or its header is wrong."""
    check_size(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise ImportRefused([NOT_XLSX]) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read every row, whatever size the file claims its sheet has
        rows = sheet.iter_rows(values_only=True)
        columns = _columns(next(rows, None))
        result, problems = [], Problems()
        for number, cells in enumerate(rows, start=2):
            if number > MAX_READ_ROWS:
                raise ImportRefused([TOO_MANY_READ_ROWS])
            if all(_blank(value) for value in cells):
                continue
            if len(result) == MAX_ROWS:
                raise ImportRefused([TOO_MANY_ROWS])
            for index in range(len(columns), len(cells)):
                if not _blank(cells[index]):
                    problems.add(number, "có dữ liệu nhưng cột không có tiêu đề ở dòng 1.",
                                 column_label=get_column_letter(index + 1))
            result.append((number, {col.key: value for col, value in zip(columns, cells, strict=False) if col}))
    except UNREADABLE as exc:
        raise ImportRefused([NOT_XLSX]) from exc
    finally:
        book.close()
    if problems:
        raise ImportRefused(problems.lines())
    if not result:
        raise ImportRefused(["Tệp không có dòng dữ liệu nào: dòng 1 là tiêu đề, đảng viên ghi từ dòng 2."])
    return result


def check_size(upload) -> None:
    """Refuse a file larger than MAX_BYTES, or one whose parts expand beyond MAX_EXPANDED_BYTES, unparsed."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ImportRefused([f"Tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB: hãy chia thành nhiều tệp nhỏ hơn."])
    _check_expanded_size(upload)


def _check_expanded_size(upload) -> None:
    """Refuse a workbook whose parts, expanded, exceed MAX_EXPANDED_BYTES, before anything is parsed (the sizes
    the archive declares: reading never yields more than a part declares)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except UNREADABLE as exc:
        raise ImportRefused([NOT_XLSX]) from exc
    finally:
        upload.seek(0)
    if expanded > MAX_EXPANDED_BYTES:
        raise ImportRefused([
            f"Tệp giải nén ra hơn {MAX_EXPANDED_BYTES // (1024 * 1024)} MB ({expanded // (1024 * 1024)} MB): tệp có "
            f"quá nhiều dữ liệu hoặc không phải danh sách đảng viên; hãy chia thành nhiều tệp, hoặc lưu lại từ tệp mẫu."
        ])


def _columns(header) -> list[Column | None]:
    """The column of each cell of the header row (None for an empty cell); refuses unknown, repeated and
    missing columns."""
    if header is None or all(_blank(value) for value in header):
        raise ImportRefused(["Dòng 1 trống: dòng 1 phải là tiêu đề các cột theo tệp mẫu."])
    while header and _blank(header[-1]):
        header = header[:-1]
    problems, columns, seen = Problems(), [], {}
    for index, value in enumerate(header):
        letter = get_column_letter(index + 1)
        if _blank(value):
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
        raise ImportRefused(problems.lines())
    return columns


# Cell values ------------------------------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if _blank(value):
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


def _parse(number: int, cells: dict, problems: Problems) -> dict:
    """The typed values of one row; problems for required cells left empty and for values of the wrong kind."""
    values = {"unreadable": set()}  # the keys of cells whose value could not be read
    for column in COLUMNS:
        raw = cells.get(column.key)
        if _blank(raw):
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


# What is already in the database -----------------------------------------------------------------------------


class Context:
    """The chi bộ the actor may import into, and the people and members the file's numbers already belong to."""

    def __init__(self, actor, rows: list[dict], today: datetime.date):
        self.actor, self.today = actor, today
        cells = list(importable_cells(actor))
        self.cells_by_code = {cell.code.lower(): cell for cell in cells if cell.code}
        self.cells_by_name = defaultdict(list)
        for cell in cells:
            self.cells_by_name[fold(cell.name)].append(cell)
        self._wards: dict = {}
        self.people = _existing(Person.objects.select_related("party_member__organization", "organization"),
                                "cccd", [values["cccd"] for values in rows])
        members = PartyMember.objects.select_related("person", "organization")
        self.membership_nos = _existing(members, "membership_no", [values["membership_no"] for values in rows])
        self.card_nos = _existing(members, "card_no", [values["card_no"] for values in rows])

    def cell(self, text: str) -> tuple[Organization | None, str]:
        """The chi bộ named (or coded) `text`, or None and why not."""
        found = [self.cells_by_code[text.lower()]] if text.lower() in self.cells_by_code else []
        found = found or self.cells_by_name.get(fold(text), [])
        open_ones = [cell for cell in found if cell.is_open(self.today)]
        if len(open_ones) == 1:
            return open_ones[0], ""
        if len(open_ones) > 1:
            return None, f"có {len(open_ones)} chi bộ tên “{text}”: hãy ghi mã chi bộ."
        closed = [cell for cell in found if cell.valid_until and cell.valid_until < self.today]
        if closed:
            return None, f"chi bộ “{text}” đã giải thể hoặc hợp nhất ngày {closed[0].valid_until:%d/%m/%Y}."
        if found:
            return None, f"chi bộ “{text}” chưa hoạt động (thành lập từ ngày {found[0].valid_from:%d/%m/%Y})."
        return None, f"không tìm thấy chi bộ “{text}” trong các chi bộ bạn được ghi hồ sơ (ghi đúng tên hoặc mã)."

    def ward_of(self, cell: Organization) -> Organization:
        if cell.pk not in self._wards:
            self._wards[cell.pk] = cell.home_unit()
        return self._wards[cell.pk]


def importable_cells(user):
    """The chi bộ `user` may import members into: they record dossiers (members.change) and people there."""
    cells = Organization.objects.filter(kind=Kind.CELL).for_user(user, "members.change")
    return cells.for_user(user, "people.change")


def _existing(queryset, field_name: str, values: list[str]) -> dict:
    """{value: record} for the records of `queryset` whose `field_name` is one of `values` (in chunks: SQLite
    limits the parameters of one query)."""
    wanted = sorted({value for value in values if value})
    found = {}
    for start in range(0, len(wanted), 900):
        for record in queryset.filter(**{f"{field_name}__in": wanted[start:start + 900]}):
            found[getattr(record, field_name)] = record
    return found


# Checking the rows -------------------------------------------------------------------------------------------


@dataclass
class Planned:
    """One row, checked: what will be written for it."""

    row: int
    person: Person
    new_person: bool
    member: PartyMember
    events: list[MembershipEvent] = field(default_factory=list)


def check_rows(rows: list[tuple[int, dict]], *, actor, note: str, progress: Progress | None = None) -> list[Planned]:
    """Every row checked against the columns, the models' validators, the duplicates (in the file and in the
    database) and the lifecycle rules. Raises ImportRefused listing every problem; writes nothing."""
    progress = progress or _silent
    progress(CHECKING, 0, len(rows))
    problems = Problems()
    parsed = [(number, _parse(number, cells, problems)) for number, cells in rows]
    today = timezone.localdate()
    context = Context(actor, [values for _number, values in parsed], today)
    first_seen: dict[tuple[str, str], int] = {}
    planned = []
    for checked, (number, values) in enumerate(parsed, start=1):
        for key in ("cccd", "membership_no", "card_no"):
            value = values[key]
            if value and (key, value) in first_seen:
                problems.add(number, f"trùng với dòng {first_seen[key, value]} trong tệp.", key)
            elif value:
                first_seen[key, value] = number
        plan = _check_row(number, values, context, problems, note=note)
        if plan is not None:
            planned.append(plan)
        if checked % PROGRESS_EVERY == 0:
            progress(CHECKING, checked, len(rows))
    progress(CHECKING, len(rows), len(rows))
    if problems:
        raise ImportRefused(problems.lines())
    return planned


def _check_row(number: int, values: dict, context: Context, problems: Problems, *, note: str) -> Planned | None:
    cell = None
    if values["cell"]:
        cell, why = context.cell(values["cell"])
        if cell is None:
            problems.add(number, why, "cell")
    person, new_person = _person(number, values, cell, context, problems)
    member = PartyMember(person=person, organization=cell, membership_no=values["membership_no"],
                         card_no=values["card_no"])
    _check_member(number, member, context, problems)
    events = _history(number, values, member, person, context.today, problems, note=note)
    if person is None or cell is None or events is None:
        return None
    for name, value in cached_values(Lifecycle(events, date_of_birth=person.date_of_birth)).items():
        setattr(member, name, value)
    return Planned(number, person, new_person, member, events)


def _person(number, values, cell, context, problems) -> tuple[Person | None, bool]:
    """The person of the row: an existing one with the same CCCD who is not yet a member, or a new one."""
    cccd = values["cccd"]
    existing = context.people.get(cccd) if cccd else None
    if existing is None and not values["full_name"]:
        return None, True  # listed already: a required cell left empty
    if existing is None:
        person = Person(
            organization=cell, full_name=values["full_name"] or "", date_of_birth=values["date_of_birth"],
            gender=values["gender"] or "", cccd=cccd or None, phone=values["phone"] or "",
            **{key: values[key] for key in ("ethnicity", "religion") if values[key]},
        )
        try:
            person.full_clean(exclude=["organization", "residence"], validate_unique=False,
                              validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    problems.add(number, message, PERSON_COLUMNS.get(name) if name != NON_FIELD_ERRORS else None)
            return None, True
        return person, True
    member = getattr(existing, "party_member", None)
    if member is not None:
        if has_perm(context.actor, "members.view", member.organization):
            problems.add(number, f"trùng với đảng viên đã có ({existing.full_name}, {member.organization.name}, "
                                 f"số CCCD {cccd}): không nhập lại.")
        else:
            problems.add(number, f"trùng với một đảng viên đã có ở đơn vị khác (số CCCD {cccd}): không nhập lại.")
    elif not has_perm(context.actor, "people.change", existing.organization):
        problems.add(number, Person._meta.constraints[0].violation_error_message, "cccd")
    elif cell is not None and not context.ward_of(cell).contains(existing.organization):
        problems.add(number, f"số CCCD này đã ghi cho {existing.full_name} ({existing.organization.name}), "
                             "không thuộc phường/xã của chi bộ.", "cccd")
    elif _same_name(existing.full_name) != _same_name(values["full_name"]):
        problems.add(number, f"số CCCD {cccd} đã ghi cho “{existing.full_name}”, khác họ tên trong tệp.",
                     "full_name")
    elif existing.date_of_birth and values["date_of_birth"] and existing.date_of_birth != values["date_of_birth"]:
        problems.add(number, f"{existing.full_name} (số CCCD {cccd}) đã ghi ngày sinh "
                             f"{existing.date_of_birth:%d/%m/%Y}, khác ngày sinh trong tệp.", "date_of_birth")
    else:
        return existing, False
    return None, False


def _check_member(number: int, member: PartyMember, context: Context, problems: Problems) -> None:
    exclude = [f.name for f in PartyMember._meta.fields if f.name not in {"membership_no", "card_no"}]
    try:
        member.clean_fields(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                problems.add(number, message, name)
    for key, existing, label in (
        ("membership_no", context.membership_nos, "số lý lịch"), ("card_no", context.card_nos, "số thẻ"),
    ):
        other = existing.get(getattr(member, key))
        if other is None:
            continue
        if has_perm(context.actor, "members.view", other.organization):
            problems.add(number, f"trùng với đảng viên đã có ({other.person.full_name}, {other.organization.name}, "
                                 f"{label} {getattr(member, key)}): không nhập lại.")
        else:
            problems.add(number, f"trùng với một đảng viên đã có ở đơn vị khác ({label} {getattr(member, key)}): "
                                 "không nhập lại.")


def _history(number, values, member, person, today, problems, *, note) -> list[MembershipEvent] | None:
    """The member's past as events, each allowed by the rules (historical); None when a date is missing or the
    rules refuse one (the problem is then listed against its column)."""
    if values["admitted_on"] is None or values["unreadable"] & DATES:
        return None
    date_of_birth = person.date_of_birth if person is not None else values["date_of_birth"]
    try:
        return past_events(member, values, date_of_birth=date_of_birth, today=today,
                           decision_no=HISTORICAL_DECISION_NO, note=f"{note}, dòng {number}.")
    except PastRefused as refused:
        problems.add(number, refused.messages[0], refused.field)
        return None


# Writing ----------------------------------------------------------------------------------------------------


def require_import_right(actor) -> None:
    if not has_any_perm(actor, "members.change"):
        raise PermissionDenied("Bạn không có quyền ghi hồ sơ đảng viên.")


def import_members(upload, *, actor, progress: Progress | None = None) -> ImportResult:
    """Import the member list in `upload` (.xlsx): all rows or none. Raises ImportRefused with every problem.
    `progress(stage, done, total)` is told how far it has gone (a background import shows it)."""
    require_import_right(actor)
    progress = progress or _silent
    name = clean_input(getattr(upload, "name", "") or "tệp .xlsx")
    note = f"Nhập từ danh sách ngày {timezone.localdate():%d/%m/%Y}, tệp {name[:80]}"
    progress(READING, 0, None)
    planned = check_rows(read_rows(upload), actor=actor, note=note, progress=progress)
    progress(WRITING, len(planned), len(planned))
    try:
        with transaction.atomic():
            _write(planned, actor=actor, filename=name)
    except IntegrityError as exc:
        raise ImportRefused([
            "Trong lúc nhập, một số CCCD, số lý lịch hoặc số thẻ vừa được ghi cho người khác: không nhập dòng "
            "nào. Hãy nhập lại tệp để xem các dòng trùng."
        ]) from exc
    return ImportResult(len(planned), sum(1 for plan in planned if not plan.new_person))


def _write(planned: list[Planned], *, actor, filename: str) -> None:
    Person.objects.bulk_create([plan.person for plan in planned if plan.new_person], batch_size=500)
    PartyMember.objects.bulk_create([plan.member for plan in planned], batch_size=500)
    # Events of one day are ordered by `created`: inserting them kind by kind gives each member's later step the
    # later timestamp (a ceremony on the day of its decision folds after it).
    for kind, _key in PAST:
        events = [event for plan in planned for event in plan.events if event.kind == kind]
        MembershipEvent.objects.bulk_create(events, batch_size=1000)
    log_actions("members.member.imported", actor=actor, entries=[
        (plan.member, plan.member.organization, _audit_data(plan, filename)) for plan in planned
    ])


def _audit_data(plan: Planned, filename: str) -> dict:
    values = snapshot(plan.member, AUDITED_MEMBER_FIELDS)
    return {
        "changes": {name: {"old": None, "new": value} for name, value in values.items() if value not in (None, "")},
        "person": {"id": str(plan.person.pk), "created": plan.new_person,
                   **snapshot(plan.person, ["full_name", "date_of_birth", "gender", "cccd"])},
        "source": {"file": filename[:200], "row": plan.row},
        "events": [event.kind for event in plan.events],
    }


# The template -----------------------------------------------------------------------------------------------


def template_xlsx(cells) -> bytes:
    """The workbook to fill: the header row, one example row, column widths and formats; a sheet of notes on the
    columns, and one listing `cells`, the chi bộ the user may import into."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Đảng viên"
    sheet.append([column.title for column in COLUMNS])
    sheet.append([column.example for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet[f"{letter}1"].font = Font(bold=True, color="C00000" if column.required else None)
        for row in range(2, 502):  # dates as dates; numbers with leading zeros as text
            if column.key in DATES:
                sheet[f"{letter}{row}"].number_format = "DD/MM/YYYY"
            elif column.key in {"cccd", "phone", "membership_no", "card_no"}:
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("Hướng dẫn")
    notes.append(["Cột", "Bắt buộc", "Cách ghi"])
    for column in COLUMNS:
        notes.append([column.header, "có" if column.required else "", column.note])
    notes.append([])
    for line in GUIDANCE:
        notes.append([line])
    for letter, width in (("A", 26), ("B", 10), ("C", 100)):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font = Font(bold=True)

    listing = book.create_sheet("Chi bộ")
    listing.append(["Tên chi bộ", "Mã"])
    for cell in cells:
        listing.append([cell.name, cell.code or ""])
    listing.column_dimensions["A"].width, listing.column_dimensions["B"].width = 40, 20
    for cell in listing[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GUIDANCE = (
    "Dòng 1 là tiêu đề cột (giữ nguyên; có thể bỏ các cột không bắt buộc); mỗi đảng viên một dòng từ dòng 2. "
    "Dòng 2 là ví dụ: hãy ghi đè hoặc xóa.",
    "Tệp có một dòng sai thì không nhập dòng nào: trang nhập liệt kê mọi lỗi theo dạng “dòng N, cột X: lý do”.",
    "Người trùng số CCCD, số lý lịch hoặc số thẻ với đảng viên đã có được báo trùng, không nhập lại.",
    "Ngày chính thức là ngày hết 12 tháng dự bị (Điều lệ Đảng, Điều 5): nếu tệp ghi ngày muộn hơn, ngày đó được ghi "
    "là ngày quyết định công nhận chính thức.",
)


def _same_name(name: str) -> str:
    """A name compared case- and space-insensitively, but with its accents: Hùng and Hưng are two people."""
    return " ".join(unicodedata.normalize("NFC", name or "").split()).casefold()


def _lower_first(message: str) -> str:
    """“Số CCCD phải…” reads as “số CCCD phải…” after “cột X:”; acronyms (“CCCD…”) stay as they are."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message
