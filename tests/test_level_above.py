"""The level above (issue 11): every list has the ward as a column and a filter, the member export names each row's
ward, and the dashboard compares its wards on members, overdue steps, meetings held and documents, in a number of
queries that does not grow with the wards."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_org
from documents import services as documents_services
from members import services
from org.models import CellCategory, Kind, Person

D = datetime.date
TODAY = timezone.localdate()


def official(cell, clerk, name):
    person = Person.objects.create(organization=cell, full_name=name, date_of_birth=D(1970, 1, 1))
    return services.receive_transfer(person=person, organization=cell, day=TODAY, admitted_on=D(2000, 3, 2),
                                     official_on=D(2001, 3, 2), introduced_on=TODAY,
                                     counterpart="Đảng bộ phường Hà Đông", actor=clerk)


def two_wards(world, clerk, outsider):
    other_cell = make_org(world.other_ward, "Chi bộ Bồ Đề 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    official(world.cell, clerk, "Lê Văn Sài")
    official(world.cell, clerk, "Lê Thị Đồng")
    official(other_cell, outsider, "Trần Văn Bồ")
    documents_services.register_incoming(organization=world.other_ward, symbol="Công văn 12-CV/QU của Quận ủy",
                                         summary="Về việc", actor=outsider)
    return other_cell


def test_the_lists_have_the_ward_as_a_column_and_a_filter(client, world, clerk, outsider, superior):
    two_wards(world, clerk, outsider)
    client.force_login(superior)
    page = client.get(reverse("member_list"))
    html = page.content.decode()
    assert "<th>Phường, xã</th>" in html and 'id="id_ward"' in html
    wards = {m.person.full_name: m.ward.name for m in page.context["page"]}
    assert wards == {"Lê Văn Sài": "Đảng ủy phường Sài Đồng", "Lê Thị Đồng": "Đảng ủy phường Sài Đồng",
                     "Trần Văn Bồ": "Đảng ủy phường Bồ Đề"}
    narrowed = client.get(reverse("member_list"), {"ward": world.other_ward.pk})
    assert [m.person.full_name for m in narrowed.context["page"]] == ["Trần Văn Bồ"]
    assert client.get(reverse("member_list"), {"ward": world.city.pk}).status_code == 404
    documents = client.get(reverse("document_list"), {"ward": world.ward.pk})
    assert list(documents.context["page"]) == []
    assert "<th>Phường, xã</th>" in client.get(reverse("meeting_list")).content.decode()
    assert "<th>Phường, xã</th>" in client.get(reverse("person_list")).content.decode()
    client.force_login(clerk)  # one ward: no column, no filter
    assert "<th>Phường, xã</th>" not in client.get(reverse("member_list")).content.decode()


def test_the_export_names_each_rows_ward(client, world, clerk, outsider, superior):
    two_wards(world, clerk, outsider)
    client.force_login(superior)
    sheet = load_workbook(io.BytesIO(client.get(reverse("member_export")).content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["TT", "Phường, xã", "Họ và tên"]
    rows = {row[2].value: row[1].value for row in sheet.iter_rows(min_row=3)}
    assert rows == {"Lê Văn Sài": "Đảng ủy phường Sài Đồng", "Lê Thị Đồng": "Đảng ủy phường Sài Đồng",
                    "Trần Văn Bồ": "Đảng ủy phường Bồ Đề"}
    one = client.get(reverse("member_export"), {"ward": world.other_ward.pk})
    sheet = load_workbook(io.BytesIO(one.content)).active
    assert "Đảng ủy phường Bồ Đề" in sheet["A1"].value and sheet.max_row == 3


def test_the_dashboard_compares_the_wards_in_a_bounded_number_of_queries(client, world, clerk, outsider,
                                                                         superior):
    two_wards(world, clerk, outsider)
    client.force_login(superior)
    with CaptureQueriesContext(connection) as two:
        page = client.get(reverse("dashboard"))
    rows = {row["unit"].name: (row["members"], row["overdue"], row["meetings"], row["documents"])
            for row in page.context["rows"]}
    assert rows == {"Đảng ủy phường Sài Đồng": (2, 0, 0, 0), "Đảng ủy phường Bồ Đề": (1, 0, 0, 1)}
    assert "So sánh các phường, xã" in page.content.decode()
    for number in range(4):
        make_org(world.district, f"Đảng ủy phường Thêm {number}", Kind.WARD_COMMITTEE)
    with CaptureQueriesContext(connection) as six:
        assert len(client.get(reverse("dashboard")).context["rows"]) == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_the_api_lists_name_each_rows_ward(client, world, clerk, outsider, superior):
    from members.tests.test_api_members import bearer

    two_wards(world, clerk, outsider)
    headers = bearer(client, superior)
    members = client.get("/api/v1/members", **headers).json()["items"]
    assert {m["full_name"]: m["ward"]["name"] for m in members} == {
        "Lê Văn Sài": "Đảng ủy phường Sài Đồng", "Lê Thị Đồng": "Đảng ủy phường Sài Đồng",
        "Trần Văn Bồ": "Đảng ủy phường Bồ Đề"}
    documents = client.get("/api/v1/documents", **headers).json()["items"]
    assert [d["ward"]["name"] for d in documents] == ["Đảng ủy phường Bồ Đề"]
    people = client.get("/api/v1/people", {"q": "tran van bo"}, **headers).json()["items"]
    assert [p["ward"]["name"] for p in people] == ["Đảng ủy phường Bồ Đề"]
    assert client.get("/api/v1/meetings", **headers).status_code == 200
