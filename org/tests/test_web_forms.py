"""The clerk's journeys over HTTP: people, units, terms, committees, positions, search and the audit page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from conftest import PASSWORD
from org.models import Committee, CommitteeKind, Organization, Person, Position, Term, Title


@pytest.fixture
def as_clerk(client, clerk):
    assert client.login(username=clerk.username, password=PASSWORD)
    return client


def person_data(world, **overrides):
    data = {
        "full_name": "Lê Thị Hoa", "gender": "female", "date_of_birth": "04/03/2001", "cccd": "001301012345",
        "phone": "091 234 5999", "ethnicity": "Kinh", "religion": "Không", "organization": world.ward.pk,
        "residence": world.group.pk, "address": "Số 5 ngõ 12", "education": "12/12", "political_theory": "",
        "note": "",
    }
    return {**data, **overrides}


def hung_data(world, **overrides):
    hung = {
        "full_name": "Nguyễn Văn Hùng", "gender": "male", "date_of_birth": "01/05/1960", "cccd": "001060000123",
        "phone": "0912345678", "residence": "", "address": "", "education": "",
    }
    return person_data(world, **{**hung, **overrides})


def field_error(field, message):
    return f'id="id_{field}_error">{message}</small>'


# People --------------------------------------------------------------------------------------------------------


def test_a_clerk_adds_a_person_and_lands_on_their_page(as_clerk, world):
    response = as_clerk.post(reverse("person_create"), person_data(world))
    hoa = Person.objects.get(full_name="Lê Thị Hoa")
    assert response.status_code == 302 and response["Location"] == reverse("person_detail", args=[hoa.pk])
    assert LogEntry.objects.get().action == "org.person.created"
    page = as_clerk.get(response["Location"]).content.decode()
    assert "04/03/2001" in page and "Tổ dân phố số 1, Số 5 ngõ 12" in page and "Thêm người" in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("cccd", "12ab", "Số CCCD phải gồm đúng 12 chữ số."),
    ("date_of_birth", "31/02/2020", "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 28/06/2021."),
    ("full_name", "", "Trường này là bắt buộc."),
    ("phone", "12345", "Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84 và 9 chữ số)."),
])
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_created(as_clerk, world, field, value, message):
    response = as_clerk.post(reverse("person_create"), person_data(world, **{field: value}))
    assert response.status_code == 200
    assert field_error(field, message) in response.content.decode()
    assert Person.objects.count() == 3 and not LogEntry.objects.exists()


def test_an_edited_phone_shows_in_the_persons_history(as_clerk, world):
    url = reverse("person_edit", args=[world.hung.pk])
    assert as_clerk.get(url).status_code == 200
    response = as_clerk.post(url, hung_data(world, phone="0987 654 999"))
    assert response.status_code == 302
    world.hung.refresh_from_db()
    assert world.hung.phone == "0987654999"
    page = as_clerk.get(reverse("person_detail", args=[world.hung.pk])).content.decode()
    assert "Sửa thông tin người" in page
    assert '<span class="field">Số điện thoại</span>: <del>*******678</del> → <ins>*******999</ins>' in page
    assert "01/05/1960" in page  # dates as dd/mm/yyyy
    assert LogEntry.objects.get().changes.keys() == {"phone"}


def test_a_secretary_cannot_post_an_edit(client, world, secretary):
    client.login(username=secretary.username, password=PASSWORD)
    response = client.post(reverse("person_edit", args=[world.hung.pk]), hung_data(world, phone="0987654999"))
    assert response.status_code == 403
    world.hung.refresh_from_db()
    assert world.hung.phone == "0912345678" and not LogEntry.objects.exists()


def test_the_people_list_search_finds_hung_without_accents(as_clerk, world):
    page = as_clerk.get(reverse("person_list"), {"q": "nguyen van hung"}).content.decode()
    assert "Nguyễn Văn Hùng" in page and "Đặng Thị Dung" not in page and "<html" in page


def test_an_htmx_search_returns_only_the_results_fragment(as_clerk, world):
    response = as_clerk.get(reverse("person_list"), {"q": "nguyen van hung"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results">')
    assert "Nguyễn Văn Hùng" in page and "Đặng Thị Dung" not in page
    assert "<html" not in page and 'name="q"' not in page


# Units, terms, committees, positions ---------------------------------------------------------------------------


def test_a_clerk_builds_a_unit_term_committee_seat_and_position_and_sees_each(as_clerk, world):
    ward_url = reverse("organization_detail", args=[world.ward.pk])

    response = as_clerk.post(reverse("organization_create", args=[world.ward.pk]),
                             {"name": "Chi bộ số 3", "kind": "cell", "cell_category": "residential"})
    cell = Organization.objects.get(name="Chi bộ số 3")
    assert response["Location"] == reverse("organization_detail", args=[cell.pk])
    assert "Chi bộ số 3" in as_clerk.get(ward_url).content.decode()

    response = as_clerk.post(reverse("term_create", args=[world.ward.pk]),
                             {"name": "2020–2025", "start_date": "20/06/2020", "end_date": ""})
    assert response["Location"] == ward_url
    assert "2020–2025 (20/06/2020)" in as_clerk.get(ward_url).content.decode()

    term = Term.objects.get(organization=world.ward)
    response = as_clerk.post(reverse("committee_create", args=[world.ward.pk]),
                             {"kind": CommitteeKind.EXECUTIVE, "term": term.pk, "note": ""})
    committee = Committee.objects.get(organization=world.ward)
    committee_url = reverse("committee_detail", args=[committee.pk])
    assert response["Location"] == committee_url

    response = as_clerk.post(reverse("committee_member_add", args=[committee.pk]),
                             {"person": world.hung.pk, "start_date": "20/06/2020", "end_date": "", "note": ""})
    assert response["Location"] == committee_url
    assert "Nguyễn Văn Hùng" in as_clerk.get(committee_url).content.decode()

    response = as_clerk.post(reverse("position_create", args=[world.ward.pk]), {
        "person": world.hung.pk, "title": Title.SECRETARY, "title_detail": "", "start_date": "20/06/2020",
        "end_date": "", "note": "",
    })
    assert response["Location"] == ward_url
    current = as_clerk.get(ward_url).context["current_positions"]
    assert [(p.person, p.title) for p in current] == [(world.hung, Title.SECRETARY)]

    position = Position.objects.get()
    response = as_clerk.post(reverse("position_edit", args=[position.pk]), {
        "title": Title.SECRETARY, "title_detail": "", "start_date": "20/06/2020", "end_date": "30/06/2025",
        "note": "",
    })
    assert response["Location"] == ward_url
    page = as_clerk.get(ward_url)
    assert page.context["current_positions"] == [] and page.context["past_positions"] == [position]
    assert "30/06/2025" in page.content.decode()
    assert [e.action for e in LogEntry.objects.order_by("id")] == [
        "org.organization.created", "org.term.created", "org.committee.created", "org.committee_member.added",
        "org.position.created", "org.position.updated",
    ]


def test_the_positions_on_date_page_lists_who_held_what_on_28_06_2021(as_clerk, world):
    held = Position.objects.create(person=world.hung, organization=world.ward, title=Title.SECRETARY,
                                   start_date="2016-06-20", end_date="2021-06-28")
    Position.objects.create(person=world.dung, organization=world.ward, title=Title.SECRETARY,
                            start_date="2021-06-29")
    response = as_clerk.get(reverse("positions_on_date"), {"on": "28/06/2021"})
    assert list(response.context["positions"]) == [held]
    page = response.content.decode()
    assert "Nguyễn Văn Hùng" in page and "20/06/2016" in page and "28/06/2021" in page
    assert "Đặng Thị Dung" not in page


def test_the_positions_on_date_page_lists_50_a_page(as_clerk, world):
    people = Person.objects.bulk_create([Person(organization=world.ward, full_name=f"Người {i:03d}")
                                         for i in range(60)])
    Position.objects.bulk_create([Position(person=person, organization=world.ward, title=Title.MEMBER,
                                           start_date="2020-01-01") for person in people])
    first = as_clerk.get(reverse("positions_on_date"), {"on": "28/06/2021"})
    second = as_clerk.get(reverse("positions_on_date"), {"on": "28/06/2021", "page": 2})
    assert len(first.context["positions"]) == 50 and len(second.context["positions"]) == 10
    assert "Trang 1/2 · 60 dòng" in first.content.decode()
    shown = {p.pk for p in first.context["positions"]} | {p.pk for p in second.context["positions"]}
    assert len(shown) == 60


# The audit page ------------------------------------------------------------------------------------------------


@pytest.fixture
def entries(as_clerk, world, monkeypatch):
    """An old creation (15/01/2024) and a recent edit of a person, made through the pages."""
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2024, 1, 15, 3, tzinfo=datetime.UTC))
    as_clerk.post(reverse("person_create"), person_data(world))
    monkeypatch.undo()
    as_clerk.post(reverse("person_edit", args=[world.hung.pk]), hung_data(world, phone="0987654999"))
    return {e.action: e for e in LogEntry.objects.all()}


def audit_rows(client, **query):
    response = client.get(reverse("audit_log"), query)
    assert response.status_code == 200
    return response, [e.action for e in response.context["page"]]


def test_the_audit_page_filters_by_action(as_clerk, entries):
    assert audit_rows(as_clerk)[1] == ["org.person.updated", "org.person.created"]
    assert audit_rows(as_clerk, action="org.person.created")[1] == ["org.person.created"]


def test_the_audit_page_filters_by_date_range(as_clerk, entries):
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert audit_rows(as_clerk, since="01/01/2024", until="31/01/2024")[1] == ["org.person.created"]
    assert audit_rows(as_clerk, since=today)[1] == ["org.person.updated"]
    assert audit_rows(as_clerk, until="14/01/2024")[1] == []


def test_the_audit_page_explains_a_reversed_date_range(as_clerk, entries):
    response, _ = audit_rows(as_clerk, since="10/02/2024", until="01/02/2024")
    assert field_error("until", "“Đến ngày” không được trước “Từ ngày”.") in response.content.decode()
