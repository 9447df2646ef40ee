"""An inspection program as .xlsx: every item with its subject, team, status, conclusion and follow-ups, and a second
sheet of planned versus done per quarter. Every download is audited."""

import datetime

from django.db import transaction

from audit.services import log_action
from core.xlsx import XLSX, table_workbook
from inspections.models import Inspection, QuarterFigures
from members.exports import export_filename


def _follow_ups(item: Inspection, today: datetime.date) -> str:
    lines = []
    for follow_up in item.follow_ups.all():
        state = (f"xong {follow_up.done_on:%d/%m/%Y}" if follow_up.done_on
                 else "quá hạn" if follow_up.is_overdue(today) else "chưa xong")
        lines.append(f"{follow_up.text} (hạn {follow_up.due_on:%d/%m/%Y}, {state})")
    return "\n".join(lines)


def program_xlsx(items: list[Inspection], summary: list[QuarterFigures], *, title: str, several: bool,
                 today: datetime.date) -> tuple[str, str, bytes]:
    columns = [
        *([("Phường, xã", lambda item: item.ward.name, 28)] if several else []),
        ("Chương trình của", lambda item: item.get_program_display(), 16),
        ("Quý", lambda item: item.quarter_label, 10),
        ("Hình thức", lambda item: item.title, 22),
        ("Đối tượng", lambda item: item.subject_name, 32),
        ("Nội dung", lambda item: item.content, 60),
        ("Thời kỳ", lambda item: item.period_covered, 22),
        ("Đoàn", lambda item: ", ".join(person.full_name for person in item.team.all()), 30),
        ("Tình trạng", lambda item: item.get_status_display() + (" (quá hạn)" if item.is_late(today) else ""), 18),
        ("Bắt đầu", lambda item: item.started_on, 12),
        ("Kết luận ngày", lambda item: item.concluded_on, 12),
        ("Văn bản kết luận", lambda item: str(item.conclusion_document) if item.conclusion_document_id else "", 22),
        ("Kết luận", lambda item: item.conclusion, 60),
        ("Yêu cầu khắc phục", lambda item: _follow_ups(item, today), 50),
    ]
    quarters = [
        ("Quý", lambda row: row.label, 12), ("Kế hoạch", lambda row: row.planned, 12),
        ("Đã kết luận", lambda row: row.done, 12), ("Đang thực hiện", lambda row: row.in_progress, 14),
        ("Chưa thực hiện", lambda row: row.not_started, 14), ("Tỷ lệ hoàn thành (%)", lambda row: row.percent, 18),
        ("Hủy", lambda row: row.cancelled, 8),
    ]
    content = table_workbook(title=title, sheet="Chương trình", columns=columns, rows=items,
                             more=[(f"{title} — kế hoạch và kết quả theo quý", "Theo quý", quarters, summary)])
    return export_filename(title), XLSX, content


def export_program(items, summary, *, title: str, actor, organization=None, several: bool = False,
                   today: datetime.date) -> tuple[str, str, bytes]:
    rows = list(items)
    filename, content_type, content = program_xlsx(rows, summary, title=title, several=several, today=today)
    with transaction.atomic():
        log_action("inspections.program.exported", actor=actor, obj=actor, organization=organization,
                   data={"title": title, "rows": len(rows)})
    return filename, content_type, content
