"""Importing a member list from .xlsx (issue 4, docs/import.md): every row checked, all or nothing, one audit entry
per member; the page, the template and the API."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from audit.models import LogEntry
from conftest import PASSWORD, make_org
from core.xlsx import NOT_XLSX
from members import imports, services
from members.imports import COLUMNS, REFUSED, ImportRefused, import_members
from members.models import EventKind, MembershipEvent, PartyMember, Status
from org.models import CellCategory, Kind, Person

D = datetime.date
TODAY = timezone.localdate()
HEADERS = [column.title for column in COLUMNS]


def row(**values) -> dict:
    """An official member of Chi bộ số 1, with `values` instead."""
    return {
        "full_name": "Lê Văn Tám", "date_of_birth": D(1980, 1, 2), "gender": "Nam", "cccd": "001080000001",
        "ethnicity": "", "religion": "", "phone": "", "cell": "Chi bộ số 1", "membership_no": "", "card_no": "",
        "admitted_on": D(2010, 3, 1), "ceremony_on": D(2010, 3, 15), "official_on": D(2011, 3, 15), **values,
    }


def xlsx(rows, headers=HEADERS, name="danh-sach.xlsx") -> SimpleUploadedFile:
    """A workbook of `rows` (dicts by column key, or lists of cells) under `headers`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đảng viên")
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(c.key) for c in COLUMNS] if isinstance(values, dict) else values)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def counts():
    return (Person.objects.count(), PartyMember.objects.count(), MembershipEvent.objects.count(),
            LogEntry.objects.count())


def refused(upload, actor) -> list[str]:
    """The problems of a refused file, after checking that nothing was written."""
    before = counts()
    with pytest.raises(ImportRefused) as caught:
        import_members(upload, actor=actor)
    assert counts() == before
    return caught.value.lines


# A good file ------------------------------------------------------------------------------------------------


def test_a_good_file_imports_each_member_with_their_history_and_one_audit_entry(world, clerk):
    """docs/rules.md §1.12: official from the day the 12 months end, whatever day the list gives (if not earlier)."""
    probation_start = TODAY - datetime.timedelta(days=100)
    rows = [
        row(official_on=D(2011, 4, 2), membership_no="LL-001", card_no="T-001", phone="0987 654 321"),
        row(full_name="Phạm Thị Hoa", gender="Nữ", date_of_birth="07/08/1999", cccd="001199000002",
            cell="CHI BO SO 2", admitted_on=f"{probation_start:%d/%m/%Y}", ceremony_on=None, official_on=None),
        row(full_name="nguyễn văn  hùng", date_of_birth=D(1960, 5, 1), gender="Nam", cccd="001060000123",
            admitted_on=D(1985, 2, 3), ceremony_on=D(1985, 2, 3), official_on=D(1986, 2, 3)),
    ]
    people = Person.objects.count()
    result = import_members(xlsx(rows), actor=clerk)

    assert (result.imported, result.people_reused) == (3, 1)
    assert Person.objects.count() == people + 2
    tam = PartyMember.objects.get(person__full_name="Lê Văn Tám")
    assert (tam.status, tam.organization, tam.membership_no, tam.card_no) == (Status.OFFICIAL, world.cell, "LL-001",
                                                                             "T-001")
    assert (tam.admitted_on, tam.ceremony_on, tam.probation_ends_on) == (D(2010, 3, 1), D(2010, 3, 15),
                                                                         D(2011, 3, 15))
    assert tam.official_on == D(2011, 3, 15) and tam.status_since == D(2011, 4, 2)
    assert tam.next_due_on is None  # not "overdue" for a chi bộ recognition done long ago
    assert tam.person.phone == "0987654321" and tam.person.ethnicity == "Kinh"
    events = list(tam.events.order_by("effective_date", "created"))
    assert [(e.kind, e.effective_date, e.decision_no) for e in events] == [
        (EventKind.ADMISSION_DECISION, D(2010, 3, 1), "(theo danh sách)"),
        (EventKind.CEREMONY, D(2010, 3, 15), ""),
        (EventKind.RECOGNITION_DECISION, D(2011, 4, 2), "(theo danh sách)"),
    ]
    assert events[0].note.startswith(f"Nhập từ danh sách ngày {TODAY:%d/%m/%Y}, tệp danh-sach.xlsx, dòng 2")
    assert {e.organization for e in events} == {world.cell}  # a chi bộ's list: its members' past taken as its own

    hoa = PartyMember.objects.get(person__full_name="Phạm Thị Hoa")
    assert (hoa.status, hoa.organization) == (Status.PROBATIONARY, world.cell2)
    assert hoa.admitted_on == hoa.ceremony_on == probation_start and hoa.official_on is None
    assert hoa.probation_ends_on == probation_start.replace(year=probation_start.year + 1)

    hung = PartyMember.objects.get(person=world.hung)  # the existing person, reused by CCCD
    assert hung.status == Status.OFFICIAL and hung.official_on == D(1986, 2, 3)
    world.hung.refresh_from_db()
    assert world.hung.full_name == "Nguyễn Văn Hùng"  # the person's record is not changed

    for member in (tam, hoa, hung):  # the cached columns are what the stored events add up to
        assert services.lifecycle_of(member).status == member.status
    entries = LogEntry.objects.filter(action="members.member.imported")
    assert entries.count() == 3 and LogEntry.objects.count() == 3
    entry = entries.get(object_id=str(hoa.pk))
    assert entry.organization == world.cell2 and entry.actor == clerk
    assert entry.data["person"]["cccd"] == "*********002" and entry.data["source"]["row"] == 3
    assert entry.data["changes"]["status"]["new"] == Status.PROBATIONARY


def test_numbers_typed_into_numeric_cells_keep_their_leading_zeros(world, clerk):
    import_members(xlsx([row(cccd=1080000001, phone=912345678)]), actor=clerk)
    person = Person.objects.get(full_name="Lê Văn Tám")
    assert (person.cccd, person.phone) == ("001080000001", "0912345678")


def test_headers_match_without_accents_case_or_star_and_optional_columns_may_be_left_out(world, clerk):
    keep = ["full_name", "date_of_birth", "cell", "admitted_on"]
    headers = ["HO VA TEN", " ngày  sinh ", "Chi bộ*", "ngay quyet dinh ket nap"]
    values = row(date_of_birth="02/01/1980")
    result = import_members(xlsx([[values[key] for key in keep]], headers=headers), actor=clerk)
    member = PartyMember.objects.get(person__full_name="Lê Văn Tám")
    assert result.imported == 1 and member.status == Status.PROBATIONARY
    assert member.ceremony_on == D(2010, 3, 1)  # no ceremony column: the decision's day


def ten_thousand_rows() -> list[dict]:
    """10,000 good rows: half official since 2016, half probationary since 30 days ago, in two chi bộ."""
    official, probation = D(2015, 6, 1), TODAY - datetime.timedelta(days=30)
    rows = []
    for n in range(10_000):
        year = 1960 + n % 35  # adults when admitted in 2015
        start = official if n % 2 else probation
        rows.append(row(
            full_name=f"Đảng Viên Số {n}", date_of_birth=D(year, 1 + n % 12, 1 + n % 28),
            gender="Nữ" if n % 3 else "Nam",
            cccd=f"001{1 if n % 3 else 0}{year % 100:02d}{n:06d}", cell="Chi bộ số 1" if n % 2 else "Chi bộ số 2",
            membership_no=f"LL{n:06d}", card_no=f"{n:08d}", admitted_on=start, ceremony_on=start,
            official_on=D(2016, 6, 1) if n % 2 else None,
        ))
    return rows


# Refused files: nothing written --------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [
    "Họ và tên,Ngày sinh\nLê Văn Tám,02/01/1980\n".encode(),  # a .csv renamed
    b"\x00\x01 random bytes",
    b"",
])
def test_a_file_that_is_not_xlsx_is_refused_with_one_clear_message(world, clerk, content):
    assert refused(SimpleUploadedFile("danh-sach.xlsx", content), clerk) == [NOT_XLSX]


def test_a_zip_that_is_not_a_workbook_is_refused(world, clerk):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(SimpleUploadedFile("x.xlsx", out.getvalue()), clerk) == [NOT_XLSX]


def test_a_missing_required_column_is_named(world, clerk):
    headers = [h for h in HEADERS if not h.startswith("Ngày sinh")]
    rows = [[v for c, v in zip(COLUMNS, row().values(), strict=True) if c.key != "date_of_birth"]]
    assert refused(xlsx(rows, headers=headers), clerk) == ["dòng 1: thiếu cột bắt buộc “Ngày sinh”."]


def test_an_unknown_column_is_refused_and_named_to_catch_typos(world, clerk):
    lines = refused(xlsx([[*row().values(), "x"]], headers=[*HEADERS, "Ghi chu"]), clerk)
    assert lines == ["dòng 1, cột N (“Ghi chu”): không có trong các cột của mẫu: kiểm tra chính tả, hoặc xóa cột này."]


def test_a_repeated_column_and_data_under_no_header_are_refused(world, clerk):
    lines = refused(xlsx([[*row().values(), None, "x"]], headers=[*HEADERS, "Ho va ten"]), clerk)
    assert lines == [
        "dòng 1, cột N: cột “Họ và tên” có hai lần (cột A và cột N).",
    ]
    lines = refused(xlsx([[*row().values(), None, "x"]]), clerk)
    assert lines == ["dòng 2, cột O: có dữ liệu nhưng cột không có tiêu đề ở dòng 1."]


def test_files_over_the_limits_are_refused(world, clerk, monkeypatch):
    monkeypatch.setattr("members.imports.MAX_ROWS", 2)
    assert refused(xlsx([row(), row(cccd=""), row(cccd="")]), clerk) == [
        "Tệp có hơn 2 dòng dữ liệu: hãy chia thành nhiều tệp."]
    upload = xlsx([row()])
    upload.size = imports.MAX_BYTES + 1
    assert refused(upload, clerk) == ["Tệp lớn hơn 20 MB: hãy chia thành nhiều tệp nhỏ hơn."]


def test_a_header_row_only_is_refused(world, clerk):
    assert refused(xlsx([]), clerk) == [
        "Tệp không có dòng dữ liệu nào: dòng 1 là tiêu đề, đảng viên ghi từ dòng 2."
    ]


def test_bad_dates_are_listed_by_row_and_column(world, clerk):
    rows = [row(), row(cccd="", date_of_birth="31/02/1980"), row(cccd="", admitted_on="2010"),
            row(cccd="", ceremony_on=D(2009, 1, 1))]
    assert refused(xlsx(rows), clerk) == [
        "dòng 3, cột Ngày sinh: “31/02/1980” không phải ngày: hãy ghi dd/mm/yyyy, ví dụ 28/06/2021.",
        "dòng 4, cột Ngày quyết định kết nạp: “2010” không phải ngày: hãy ghi dd/mm/yyyy, ví dụ 28/06/2021.",
        "dòng 5, cột Ngày lễ kết nạp: ngày 01/01/2009 trước sự kiện đã ghi gần nhất "
        "(Quyết định kết nạp ngày 01/03/2010).",
    ]


def test_every_problem_of_every_row_is_listed(world, clerk):
    rows = [row(full_name="", cccd="0010800001", gender="Nam giới"), row(cccd="", admitted_on=None, cell="")]
    assert refused(xlsx(rows), clerk) == [
        "dòng 2, cột Họ và tên: bắt buộc, đang để trống.",
        "dòng 2, cột Giới tính: “Nam giới”: chỉ ghi Nam hoặc Nữ.",
        "dòng 3, cột Chi bộ: bắt buộc, đang để trống.",
        "dòng 3, cột Ngày quyết định kết nạp: bắt buộc, đang để trống.",
    ]
    lines = refused(xlsx([row(cccd="0010800001"), row(cccd="001081000001", phone="12345")]), clerk)
    assert lines == [
        "dòng 2, cột Số CCCD: số CCCD phải gồm đúng 12 chữ số.",
        "dòng 3, cột Số CCCD: số CCCD không khớp năm sinh: các chữ số 4–6 cho năm 1981, nhưng ngày sinh là năm 1980.",
        "dòng 3, cột Số điện thoại: số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84 và 9 chữ số).",
    ]


def test_a_cccd_twice_in_the_file_is_refused_at_the_second_row(world, clerk):
    rows = [row(), row(full_name="Lê Văn Tâm", cccd="001 080 000 001"), row(cccd="", membership_no="1"),
            row(cccd="", membership_no="1")]
    assert refused(xlsx(rows), clerk) == [
        "dòng 3, cột Số CCCD: trùng với dòng 2 trong tệp.",
        "dòng 5, cột Số lý lịch: trùng với dòng 4 trong tệp.",
    ]


def test_existing_members_are_reported_not_doubled(world, clerk):
    services.register_candidate(person=world.hung, organization=world.cell, day=D(2020, 9, 1), actor=clerk)
    other = import_members(xlsx([row(cccd="", membership_no="LL-9", card_no="T-9")]), actor=clerk)
    assert other.imported == 1
    rows = [row(full_name="Nguyễn Văn Hùng", date_of_birth=D(1960, 5, 1), cccd="001060000123"),
            row(full_name="Khác", cccd="", membership_no="LL-9"), row(full_name="Khác Nữa", cccd="", card_no="T-9")]
    assert refused(xlsx(rows), clerk) == [
        "dòng 2: trùng với đảng viên đã có (Nguyễn Văn Hùng, Chi bộ số 1, số CCCD 001060000123): không nhập lại.",
        "dòng 3: trùng với đảng viên đã có (Lê Văn Tám, Chi bộ số 1, số lý lịch LL-9): không nhập lại.",
        "dòng 4: trùng với đảng viên đã có (Lê Văn Tám, Chi bộ số 1, số thẻ T-9): không nhập lại.",
    ]


def test_a_cccd_of_someone_else_is_refused(world, clerk):
    """A CCCD recorded for a person with another name, or outside the clerk's ward, is not taken over."""
    world.stranger.cccd = "001080000001"
    world.stranger.save()
    assert refused(xlsx([row()]), clerk) == ["dòng 2, cột Số CCCD: số CCCD này đã được ghi cho một người khác."]
    lines = refused(xlsx([row(full_name="Nguyễn Văn Hưng", date_of_birth=D(1960, 5, 1), cccd="001060000123")]), clerk)
    assert lines == ["dòng 2, cột Họ và tên: số CCCD 001060000123 đã ghi cho “Nguyễn Văn Hùng”, khác họ tên trong tệp."]


def test_official_before_the_twelve_months_of_probation_is_refused(world, clerk):
    """docs/rules.md §1.12, Điều lệ Điều 5: official only when 12 months from the ceremony have run."""
    lines = refused(xlsx([row(official_on=D(2011, 3, 14))]), clerk)
    assert lines == ["dòng 2, cột Ngày chính thức: chưa hết 12 tháng dự bị: thời gian dự bị kết thúc ngày 15/03/2011 "
                     "(Quy định 29-QĐ/TW ngày 25/7/2016; Điều lệ Đảng, Điều 5)."]


def test_dates_after_today_are_refused(world, clerk):
    tomorrow = TODAY + datetime.timedelta(days=1)
    lines = refused(xlsx([row(admitted_on=tomorrow, ceremony_on=None, official_on=None)]), clerk)
    assert lines == ["dòng 2, cột Ngày quyết định kết nạp: ngày của sự kiện không được sau ngày hôm nay."]


def test_a_chi_bo_not_found_or_of_another_ward_is_refused(world, clerk):
    other_cell = make_org(world.other_ward, "Chi bộ Bồ Đề 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL,
                          code="bd-1")
    lines = refused(xlsx([row(cell="Chi bộ số 9"), row(cccd="", cell=other_cell.name), row(cccd="", cell="bd-1")]),
                    clerk)
    assert lines == [
        f"dòng {n}, cột Chi bộ: không tìm thấy chi bộ “{name}” trong các chi bộ bạn được ghi hồ sơ "
        "(ghi đúng tên hoặc mã)."
        for n, name in ((2, "Chi bộ số 9"), (3, "Chi bộ Bồ Đề 1"), (4, "bd-1"))
    ]


def test_a_closed_chi_bo_is_refused(world, clerk):
    world.cell2.valid_until = D(2025, 6, 30)
    world.cell2.save()
    assert refused(xlsx([row(cell="Chi bộ số 2")]), clerk) == [
        "dòng 2, cột Chi bộ: chi bộ “Chi bộ số 2” đã giải thể hoặc hợp nhất ngày 30/06/2025."
    ]


def test_a_chi_bo_is_found_by_its_code(world, clerk):
    world.cell2.code = "sd-cb2"
    world.cell2.save()
    import_members(xlsx([row(cell="SD-CB2")]), actor=clerk)
    assert PartyMember.objects.get().organization == world.cell2


# Who may import ----------------------------------------------------------------------------------------------


def test_the_outsider_cannot_import_into_another_ward(world, outsider):
    lines = refused(xlsx([row()]), outsider)
    assert lines == ["dòng 2, cột Chi bộ: không tìm thấy chi bộ “Chi bộ số 1” trong các chi bộ bạn được ghi hồ sơ "
                     "(ghi đúng tên hoặc mã)."]


@pytest.mark.parametrize("persona", ["secretary", "cell_secretary", "superior"])
def test_who_does_not_record_dossiers_cannot_import(client, world, persona, request):
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("member_import")).status_code == 403
    assert client.get(reverse("member_import_template")).status_code == 403
    before = counts()
    assert client.post(reverse("member_import"), {"file": xlsx([row()])}).status_code == 403
    assert counts() == before


# The page and the template -------------------------------------------------------------------------------------


def test_the_page_lists_every_problem_and_writes_nothing(client, world, clerk):
    assert client.login(username=clerk.username, password=PASSWORD)
    page = client.get(reverse("member_list")).content.decode()
    assert f'href="{reverse("member_import")}"' in page and "Nhập từ Excel" in page
    page = client.get(reverse("member_import")).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Ngày quyết định kết nạp" in page
    before = counts()
    response = client.post(reverse("member_import"), {"file": xlsx([row(date_of_birth="1/13/1980"), row(cell="")])})
    assert response.status_code == 200 and counts() == before
    page = response.content.decode()
    assert REFUSED in page
    assert "<li>dòng 2, cột Ngày sinh: “1/13/1980” không phải ngày" in page
    assert "<li>dòng 3, cột Chi bộ: bắt buộc, đang để trống.</li>" in page


def test_the_template_downloads_and_imports_once_its_example_row_is_filled(client, world, clerk):
    assert client.login(username=clerk.username, password=PASSWORD)
    response = client.get(reverse("member_import_template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Đảng viên"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.column_dimensions["A"].width == 26
    assert [r[0] for r in book["Chi bộ"].iter_rows(min_row=2, values_only=True)] == ["Chi bộ số 1", "Chi bộ số 2"]

    def post(book):
        out = io.BytesIO()
        book.save(out)
        return client.post(reverse("member_import"), {"file": SimpleUploadedFile("mau.xlsx", out.getvalue())})

    page = post(book).content.decode()  # the example as it is: its chi bộ does not exist
    assert "dòng 2, cột Chi bộ: không tìm thấy chi bộ “Chi bộ khu dân cư số 1 (ví dụ)”" in page
    sheet["H2"] = "Chi bộ số 1"
    response = post(book)
    assert response.status_code == 302 and response["Location"] == reverse("member_list")
    member = PartyMember.objects.get()
    assert (member.person.full_name, member.status, member.official_on) == ("Nguyễn Văn An", Status.OFFICIAL,
                                                                           D(2016, 5, 19))
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 1 đảng viên." in page


# The API ----------------------------------------------------------------------------------------------------


def bearer(client, user):
    token = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_api_imports_a_good_file(client, world, clerk):
    response = client.post("/api/v1/members/import", {"file": xlsx([row(), row(full_name="Lê Văn Tâm", cccd="")])},
                           **bearer(client, clerk))
    assert response.status_code == 201, response.content
    assert response.json() == {"imported": 2, "people_reused": 0}
    assert LogEntry.objects.filter(action="members.member.imported").count() == 2


def test_the_api_refuses_a_bad_file_with_every_problem(client, world, clerk):
    headers = bearer(client, clerk)
    before = counts()
    response = client.post("/api/v1/members/import", {"file": xlsx([row(date_of_birth="x"), row()])}, **headers)
    assert response.status_code == 400 and counts() == before
    assert response.json() == {"detail": REFUSED, "errors": [
        "dòng 2, cột Ngày sinh: “x” không phải ngày: hãy ghi dd/mm/yyyy, ví dụ 28/06/2021.",
        "dòng 3, cột Số CCCD: trùng với dòng 2 trong tệp.",
    ]}
    response = client.post("/api/v1/members/import", {"file": SimpleUploadedFile("a.csv", b"a,b\n")}, **headers)
    assert response.status_code == 400 and response.json()["errors"] == [NOT_XLSX]
    assert client.post("/api/v1/members/import", {}, **headers).status_code == 422


def test_the_api_refuses_who_does_not_record_dossiers(client, world, secretary, outsider):
    as_secretary, as_outsider = bearer(client, secretary), bearer(client, outsider)
    before = counts()
    response = client.post("/api/v1/members/import", {"file": xlsx([row()])}, **as_secretary)
    assert response.status_code == 403
    response = client.post("/api/v1/members/import", {"file": xlsx([row()])}, **as_outsider)
    assert response.status_code == 400 and "không tìm thấy chi bộ" in response.json()["errors"][0]
    assert client.post("/api/v1/members/import", {"file": xlsx([row()])}).status_code == 401
    assert counts() == before
