"""A unit's month of tasks as the Ban Thường vụ's notice (DOCX, PDF), any task list as .xlsx: real files, opened and
read back; every download audited; a unit reporter prints only its own body's."""

import datetime
import io

import docx
import openpyxl
import pypdfium2
from django.urls import reverse

from audit.models import LogEntry
from org.models import Position, Title
from work.services import create_task


def _text_of_docx(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _text_of_pdf(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_a_units_month_prints_as_a_notice_in_docx_and_pdf(client, clerk, world, tasks, mttq):
    Position.objects.create(person=world.hung, organization=world.ward, title=Title.SECRETARY,
                            start_date=datetime.date(2020, 6, 20))
    create_task(ward=world.ward, actor=clerk, text="Rà soát kế hoạch thu thuế đất phi nông nghiệp",
                lead_unit=world.ubnd, supporting_units=[mttq], start=tasks.ubnd.period_start)
    client.force_login(clerk)
    url = reverse("task_unit_month")
    response = client.get(url, {"organization": world.ubnd.pk, "month": "2021-07", "format": "docx"})
    assert response.status_code == 200
    text = _text_of_docx(response.content)
    for line in ("THÔNG BÁO", "nhiệm vụ trọng tâm tháng 7/2021 giao UBND phường Sài Đồng chủ trì",
                 "1. Triển khai thí điểm chính quyền đô thị từ 01/7/2021; thời hạn 31/07/2021.",
                 "2. Rà soát kế hoạch thu thuế đất phi nông nghiệp (phối hợp: Ủy ban MTTQ phường Sài Đồng).",
                 "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn Hùng", "-TB/ĐU"):
        assert line in text, line
    assert "Sơ kết 6 tháng" not in text  # the MTTQ's
    pdf = client.get(url, {"organization": world.ubnd.pk, "month": "2021-07", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert "Triển khai thí điểm chính quyền đô thị" in " ".join(_text_of_pdf(pdf.content).split())
    assert LogEntry.objects.filter(action="work.tasks.exported", data__paper="unit_month").count() == 2


def test_a_reporter_prints_its_own_bodys_notice_only(client, reporter, world, tasks, mttq):
    client.force_login(reporter)
    url = reverse("task_unit_month")
    assert client.get(url, {"organization": world.ubnd.pk, "month": "2021-07"}).status_code == 200
    assert client.get(url, {"organization": mttq.pk, "month": "2021-07"}).status_code == 404
    assert client.get(url, {"organization": world.ubnd.pk, "month": "2021-07", "format": "odt"}).status_code == 404


def test_the_list_exports_as_a_workbook_with_its_filters(client, clerk, superior, world, tasks):
    client.force_login(clerk)
    response = client.get(reverse("task_export"), {"status": "open"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("Danh sách nhiệm vụ — Đảng ủy phường Sài Đồng")
    header = [cell.value for cell in sheet[2]]
    assert header[:4] == ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert {row[1] for row in rows} == {tasks.ubnd.text, tasks.mttq.text, tasks.own.text}
    assert {row[2] for row in rows} >= {"UBND phường Sài Đồng", "Ủy ban Kiểm tra Đảng ủy"}
    assert LogEntry.objects.filter(action="work.tasks.exported", actor=clerk).count() == 1
    client.force_login(superior)  # two wards: each row names its ward
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("task_export")).content)).active
    assert sheet["B2"].value == "Phường, xã"
    assert {row[1].value for row in sheet.iter_rows(min_row=3)} == {"Đảng ủy phường Sài Đồng", "Đảng ủy phường Bồ Đề"}
