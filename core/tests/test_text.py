"""Text on its way out (issue 12): control characters a paste brought in never break an export, and a cell a
spreadsheet would run as a formula is written as text."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from core.text import is_formula_like, writable
from core.xlsx import append_row


def test_unwritable_characters_become_spaces_and_text_is_nfc():
    assert writable("Nguyễn\x0bVăn\x00An") == "Nguyễn Văn An"
    assert writable("Nguye\u0302\u0303n") == "Nguyễn"
    assert writable("dòng 1\ndòng 2\ttab") == "dòng 1\ndòng 2\ttab"


@pytest.mark.parametrize("text", ["=1+1", "+84912", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_cells_are_written_as_text(text):
    assert is_formula_like(text)
    book = Workbook(write_only=True)
    append_row(book.create_sheet(), [text, "Nguyễn\x0bVăn"])
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == text
    assert sheet["B1"].value == "Nguyễn Văn"


def test_exports_and_papers_survive_what_a_paste_stored(client, world, clerk, session):
    """A control character and a formula-like name, stored without passing a form (an old row, a direct write):
    the member export and the minutes still answer, and the name is text in the sheet."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from meetings.tests.test_decisions import enter_session
    from members import services
    from org.models import Person

    today = timezone.localdate()
    for name in ("=HYPERLINK(\"http://x\")", "Lê\x0bVăn\x0cTám"):
        person = Person.objects.create(organization=world.cell, full_name=name, date_of_birth=datetime.date(1970, 1, 1))
        services.receive_transfer(person=person, organization=world.cell, day=today,
                                  admitted_on=datetime.date(2000, 3, 2), official_on=datetime.date(2001, 3, 2),
                                  introduced_on=today, counterpart="Đảng bộ phường Hà Đông", actor=clerk)
    client.force_login(clerk)
    response = client.get(reverse("member_export"), {"status": "all"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[1].value: row[1].data_type for row in sheet.iter_rows(min_row=3)}
    assert (names['=HYPERLINK("http://x")'], names["Lê Văn Tám"]) == ("s", "s")
    session.secretary.full_name = "Nguyễn\x0bVăn An"
    Person.objects.filter(pk=session.secretary.pk).update(full_name="Nguyễn\x0bVăn An")
    meeting = enter_session(session, world, clerk)
    for fmt in ("docx", "pdf"):
        assert client.get(f"/meetings/{meeting.pk}/minutes/", {"format": fmt}).status_code == 200
