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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from audit.services import log_actions, snapshot
from core.db import analyze_after_commit
from core.scoping import has_any_perm, has_perm
from core.search import fold
from core.text import clean_input
from core.xlsx import SheetLimits, SheetRefused
from core.xlsx import check_size as check_sheet_size
from core.xlsx import read_rows as read_sheet
from members.import_columns import (
    COLUMNS,
    DATES,
    PERSON_COLUMNS,
    Problems,
    header_keys,
    parse_row,
)
from members.lifecycle import Lifecycle
from members.models import MembershipEvent, PartyMember
from members.services import PAST, PastRefused, cached_values, past_events
from org.models import Kind, Organization, Person

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
# Bounds checked before and while parsing, so that a small file cannot take the server's memory or a worker's time
# (issue 12): the parts of the workbook together, expanded (a 1.5 MB file can expand to 1.5 GB), and the rows read,
# empty ones included (millions of empty rows are cheap to write and slow to read).
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_READ_ROWS = MAX_ROWS + 10_000
# The decision number of an event entered from a list that does not carry it.
HISTORICAL_DECISION_NO = "(theo danh sách)"
REFUSED = "Tệp có lỗi, không nhập dòng nào."


# The events of an imported member, in order: (kind, date column, decision number).
AUDITED_MEMBER_FIELDS = [
    "organization", "membership_no", "card_no", "status", "status_since", "admitted_on", "ceremony_on",
    "probation_ends_on", "official_on",
]


class ImportRefused(SheetRefused):
    """The list is refused as a whole; `lines` says why, one problem a line."""


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
    parsed = [(number, parse_row(number, cells, problems)) for number, cells in rows]
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
                           decision_no=HISTORICAL_DECISION_NO, note=f"{note}, dòng {number}.",
                           # A list of a chi bộ's members: their past taken as the chi bộ's (none for a row whose
                           # chi bộ was not found: it is refused anyway).
                           organization=member.organization if member.organization_id else None)
    except PastRefused as refused:
        problems.add(number, refused.messages[0], refused.field)
        return None


# Writing ----------------------------------------------------------------------------------------------------


def read_rows(upload) -> list[tuple[int, dict]]:
    """The data rows of the list (core.xlsx.read_rows, under the member columns and this module's limits)."""
    try:
        return read_sheet(upload, header=header_keys, limits=limits(), rows_hold="đảng viên")
    except ImportRefused:
        raise
    except SheetRefused as refused:
        raise ImportRefused(refused.lines) from refused


def check_size(upload) -> None:
    try:
        check_sheet_size(upload, limits())
    except SheetRefused as refused:
        raise ImportRefused(refused.lines) from refused


def limits() -> SheetLimits:
    return SheetLimits(max_bytes=MAX_BYTES, max_expanded_bytes=MAX_EXPANDED_BYTES, max_rows=MAX_ROWS,
                       max_read_rows=MAX_READ_ROWS)


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
            analyze_after_commit(Person, PartyMember, MembershipEvent)  # up to 50,000 rows new to the planner
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


