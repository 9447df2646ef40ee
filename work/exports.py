"""The work program on paper and in a workbook: a unit's key tasks of a month as a notice of the Ban Thường vụ in the
official layout (DOCX/PDF, through documents' paper engine), and any task list as .xlsx. Every download is audited.

The notice is our reading of how a ward hands a body its month's tasks [U: no model was found]: "THÔNG BÁO nhiệm vụ
trọng tâm tháng 7/2021 giao UBND phường Sài Đồng chủ trì", numbered in the TB register by hand when signed, signed
"T/M BAN THƯỜNG VỤ / BÍ THƯ" (HD 36's collective signature) by the secretary in office on the day it is printed."""

import datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from audit.services import log_action
from core.xlsx import XLSX, table_workbook
from documents.layout import Block, Paper, place_date_line
from documents.letterhead import letterhead
from documents.papers import FORMATS, ascii_slug
from documents.signatures import SignatureForm, signature_block
from members.exports import export_filename
from org.models import Organization, Position, Title
from work.models import Period, Task, period_label

BLANK_NUMBER = "     "  # written in by hand when the notice is signed and registered


def _date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _task_line(number: int, task: Task) -> str:
    line = f"{number}. {task.text.rstrip(' .;')}"
    supporting = [unit.name for unit in task.supporting_units.all()]
    if supporting:
        line += f" (phối hợp: {', '.join(supporting)})"
    if task.due_on:
        line += f"; thời hạn {_date(task.due_on)}"
    return line + "."


def build_unit_month(ward: Organization, unit: Organization, month: datetime.date, tasks: list[Task],
                     *, day: datetime.date | None = None) -> Paper:
    """The notice handing `unit` its key tasks of `month` (those `tasks`, in the list's order)."""
    day = day or timezone.localdate()
    head = letterhead(ward, day)
    label = period_label(Period.MONTH, month).lower()
    whom = "Đảng ủy, các cơ quan của Đảng ủy" if unit.pk == ward.pk else unit.name
    body = [Block(f"Căn cứ chương trình công tác của {ward.name}, Ban Thường vụ Đảng ủy thông báo nhiệm vụ trọng tâm "
                  f"{label} giao {whom} chủ trì thực hiện như sau:")]
    body += [Block(_task_line(number, task), "item") for number, task in enumerate(tasks, start=1)]
    if not tasks:
        body.append(Block(f"Không có nhiệm vụ nào giao {whom} chủ trì trong {label}.", "item"))
    body.append(Block(f"Đề nghị {whom} tổ chức thực hiện, báo cáo tiến độ, kết quả về Văn phòng Đảng ủy theo thời hạn "
                      f"từng nhiệm vụ."))
    secretary = (Position.objects.held_on(day).filter(organization=ward, title=Title.SECRETARY)
                 .select_related("person").first())
    signature = signature_block(SignatureForm.ON_BEHALF, body="BAN THƯỜNG VỤ", signer_title="BÍ THƯ",
                                name=secretary.person.full_name if secretary else "")
    recipients = ((f"{head.superior_name} (để báo cáo)",) if head.superior_name else ()) + (
        "Như trên,", "Lưu Văn phòng Đảng ủy.")
    return Paper(superior=head.superior, issuer=head.issuer, number_line=f"Số{BLANK_NUMBER}-TB/ĐU",
                 place_date=place_date_line(head.place, day), kind_title="THÔNG BÁO",
                 subject=f"nhiệm vụ trọng tâm {label} giao {whom} chủ trì", body=tuple(body),
                 signatures=(signature,), recipients=recipients,
                 title_for_file=f"thong-bao-nhiem-vu-{month:%Y-%m}-{unit.name}")


def render_unit_month(ward: Organization, unit: Organization, month: datetime.date, tasks: list[Task], fmt: str,
                      *, actor) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of the notice; the download is audited."""
    if fmt not in FORMATS:
        raise Http404("Không có định dạng này.")
    content_type, render = FORMATS[fmt]
    paper = build_unit_month(ward, unit, month, tasks)
    content = render(paper)
    with transaction.atomic():
        log_action("work.tasks.exported", actor=actor, obj=unit, organization=ward, data={
            "paper": "unit_month", "month": f"{month:%Y-%m}", "format": fmt, "tasks": len(tasks)})
    return f"{ascii_slug(paper.title_for_file)}.{fmt}", content_type, content


COLUMNS = [
    ("Nhiệm vụ", lambda t: t.text, 60),
    ("Đơn vị chủ trì", lambda t: t.lead_label, 28),
    ("Đơn vị phối hợp", lambda t: "; ".join(unit.name for unit in t.supporting_units.all()), 28),
    ("Kỳ", lambda t: t.period_label, 14),
    ("Thời hạn", lambda t: t.due_on, 12),
    ("Tình trạng", lambda t: t.get_status_display(), 18),
    ("Quá hạn", lambda t: "Quá hạn" if t.is_overdue() else "", 9),
    ("Ngày hoàn thành", lambda t: t.completed_on, 14),
    ("Nguồn", lambda t: t.get_source_display(), 22),
    ("Căn cứ", lambda t: t.source_note, 30),
]


def tasks_xlsx(tasks, *, title: str, wards=None) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of a task list; with `wards` (several wards) each row names its ward."""
    ward_column = [("Phường, xã", lambda t: getattr(wards.of(t.lead_unit), "name", ""), 26)] if wards else []
    content = table_workbook(title=title, sheet="Nhiệm vụ", columns=ward_column + COLUMNS, rows=tasks)
    return export_filename(title), XLSX, content


def export_tasks(tasks, *, title: str, actor, organization=None, wards=None) -> tuple[str, str, bytes]:
    rows = list(tasks)
    filename, content_type, content = tasks_xlsx(rows, title=title, wards=wards)
    with transaction.atomic():
        log_action("work.tasks.exported", actor=actor, obj=actor, organization=organization,
                   data={"title": title, "rows": len(rows)})
    return filename, content_type, content
