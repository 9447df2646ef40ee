"""An upload cannot exhaust the server (issue 12): a workbook whose parts expand beyond the bound is refused before
it is parsed, and a sheet of endless empty rows is refused once the rows read pass the bound; a normal file still
imports."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from members.imports import MAX_EXPANDED_BYTES, MAX_READ_ROWS
from members.tests.test_import import HEADERS, refused, row, xlsx


def test_a_workbook_that_expands_beyond_the_bound_is_refused_before_parsing(clerk, world):
    small = xlsx([row()])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small.read())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        with bomb.open("xl/sharedStrings2.xml", "w") as part:  # megabytes of nothing, compressed to kilobytes
            chunk = b"\0" * (1024 * 1024)
            for _ in range(MAX_EXPANDED_BYTES // len(chunk) + 1):
                part.write(chunk)
    upload = SimpleUploadedFile("bom.xlsx", out.getvalue())
    assert upload.size < 1024 * 1024
    lines = refused(upload, clerk)
    assert len(lines) == 1 and lines[0].startswith("Tệp giải nén ra hơn 100 MB")


def test_a_sheet_of_endless_empty_rows_is_refused_once_the_bound_is_read(clerk, world):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.cell(row=MAX_READ_ROWS + 10, column=1, value="Lê Văn Cuối")
    out = io.BytesIO()
    book.save(out)
    lines = refused(SimpleUploadedFile("rong.xlsx", out.getvalue()), clerk)
    assert lines == [f"Trang tính có hơn {MAX_READ_ROWS:_} dòng (kể cả dòng trống): hãy xóa các dòng trống ở cuối "
                     f"trang, hoặc chia thành nhiều tệp.".replace("_", ".")]
