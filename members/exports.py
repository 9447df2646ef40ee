"""Members out as .xlsx, with Vietnamese headers and dd/mm/yyyy dates. Every export is audited."""

import itertools

from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils.text import slugify

from audit.services import log_action
from core.http import download
from core.search import fold
from core.xlsx import XLSX, table_workbook
from org.stats import dashboard_units

COLUMNS: list[tuple[str, callable, int]] = [
    ("Họ và tên", lambda m: m.person.full_name, 28),
    ("Ngày sinh", lambda m: m.person.date_of_birth, 12),
    ("Giới tính", lambda m: m.person.get_gender_display(), 9),
    ("Chi bộ", lambda m: m.organization.name, 30),
    ("Tình trạng", lambda m: m.get_status_display(), 26),
    ("Từ ngày", lambda m: m.status_since, 12),
    ("Số lý lịch", lambda m: m.membership_no, 14),
    ("Số thẻ đảng viên", lambda m: m.card_no, 16),
    ("Ngày quyết định kết nạp", lambda m: m.admitted_on, 14),
    ("Ngày lễ kết nạp", lambda m: m.ceremony_on, 14),
    ("Hết 12 tháng dự bị", lambda m: m.probation_ends_on, 14),
    ("Chính thức từ", lambda m: m.official_on, 14),
    ("Bước đang chờ", lambda m: m.next_due_label, 40),
    ("Hạn", lambda m: m.next_due_on, 12),
]
# Columns a list adds when its rows carry them (the unpaid-fees list annotates `unpaid_months`).
OPTIONAL_COLUMNS: list[tuple[str, str, int]] = [("Số tháng chưa đóng đảng phí", "unpaid_months", 14)]


def members_xlsx(members, *, title: str, wards=None, out=None, progress=None) -> bytes | None:
    """A workbook of `members` (an iterable of PartyMember with person and organization loaded: a queryset's iterator
    for a long list, written as it is read); with `wards` (an org.stats.WardIndex, for a list of several wards) each
    row names its ward. Into `out` (a binary file) when given, else returned; `progress(rows written)` is called every
    PROGRESS_EVERY rows."""
    rows = iter(members)
    first = next(rows, None)
    rows = itertools.chain([first], rows) if first is not None else iter(())
    ward_column = [("Phường, xã", lambda m: getattr(wards.of(m.organization), "name", ""), 26)] if wards else []
    columns = ward_column + COLUMNS + [
        (header, (lambda m, name=name: getattr(m, name)), width)
        for header, name, width in OPTIONAL_COLUMNS if first is not None and hasattr(first, name)
    ]
    if progress is not None:
        rows = _reporting(rows, progress)
    return table_workbook(title=title, sheet="Đảng viên", columns=columns, rows=rows, out=out)


PROGRESS_EVERY = 1000


def _reporting(rows, progress):
    for number, row in enumerate(rows, start=1):
        yield row
        if number % PROGRESS_EVERY == 0:
            progress(number)


def export_members(members, *, title: str, actor, organization=None, wards=None) -> HttpResponse:
    """The download of an export, and the audit row saying who took what."""
    rows = list(members)
    content = members_xlsx(rows, title=title, wards=wards)
    with transaction.atomic():
        log_action(
            "members.members.exported", actor=actor, obj=actor, organization=organization,
            data={"title": title, "rows": len(rows)},
        )
    return download(content, content_type=XLSX, filename=export_filename(title))


def export_filename(title: str) -> str:
    """"Danh sách đảng viên đang sinh hoạt — Đảng ủy phường Sài Đồng (ngày 03/12/2026)" →
    "danh-sach-dang-vien-dang-sinh-hoat-dang-uy-phuong-sai-dong-ngay-03-12-2026.xlsx"."""
    return f"{slugify(fold(title))[:150].rstrip('-')}.xlsx"


def unit_named(user, within=None) -> str:
    """The unit an export is named after: the one asked for, else the user's ward (or the one unit they see), else
    none (several wards: each row names its own)."""
    if within is not None:
        return within.name
    units = dashboard_units(user)
    return units[0].name if len(units) == 1 else ""


def export_file(job) -> FileResponse:
    """The file of a long list's export (members.MemberExport) while it is kept; 404 before it is written and after."""
    if not job.downloadable:
        raise Http404("Tệp chưa xuất xong hoặc đã hết hạn; hãy xuất lại danh sách.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=export_filename(job.title),
                        content_type=XLSX)
