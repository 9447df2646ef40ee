"""GET /api/v1/organizations[/{id}]: what each persona sees of the tree, and in how many queries."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, make_org
from org.models import Committee, CommitteeKind, CommitteeMember, Kind, Person, Position, Term, Title

URL = "/api/v1/organizations"


def bearer(client, user) -> dict:
    response = client.post(
        "/api/v1/auth/token", {"username": user.username, "password": PASSWORD}, content_type="application/json"
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def names(client, user) -> list[str]:
    response = client.get(URL, **bearer(client, user))
    assert response.status_code == 200
    return [item["name"] for item in response.json()["items"]]


def test_the_clerk_sees_their_ward_subtree_in_tree_order(client, clerk, world):
    assert names(client, clerk) == [
        "Đảng ủy phường Sài Đồng", "Chi bộ số 1", "Chi bộ số 2", "UBND phường Sài Đồng", "Tổ dân phố số 1",
    ]


def test_the_superior_sees_the_district_and_both_wards(client, superior, world):
    seen = names(client, superior)

    assert seen[0] == "Quận ủy Long Biên"
    assert {"Đảng ủy phường Sài Đồng", "Đảng ủy phường Bồ Đề", "Chi bộ số 1"} <= set(seen)
    assert "Thành ủy Hà Nội" not in seen


def test_the_cell_secretary_sees_only_their_cell(client, cell_secretary, world):
    assert names(client, cell_secretary) == ["Chi bộ số 1"]


def test_the_outsider_does_not_see_ward_a(client, outsider, world):
    assert names(client, outsider) == ["Đảng ủy phường Bồ Đề", "Tổ dân phố số 1 Bồ Đề"]


def test_each_item_names_its_parent_and_kind(client, superior, world):
    response = client.get(URL, **bearer(client, superior))

    items = {item["id"]: item for item in response.json()["items"]}
    assert items[str(world.district.pk)]["parent"] == str(world.city.pk)
    assert items[str(world.ward.pk)]["parent"] == str(world.district.pk)
    assert items[str(world.cell.pk)]["parent"] == str(world.ward.pk)
    assert items[str(world.other_ward.pk)]["parent"] == str(world.district.pk)
    cell = items[str(world.cell.pk)]
    assert cell["kind"] == "cell"
    assert cell["kind_label"] == "Chi bộ"
    assert cell["depth"] == 4
    assert cell["is_open"] is True
    assert cell["valid_from"] is None


def test_a_root_has_no_parent(client, admin_user, world):
    response = client.get(URL, **bearer(client, admin_user))

    root = response.json()["items"][0]
    assert root["name"] == "Thành ủy Hà Nội"
    assert root["parent"] is None


def test_a_dissolved_organisation_is_not_open(client, clerk, world):
    world.cell2.valid_until = datetime.date(2020, 1, 1)
    world.cell2.save(update_fields=["valid_until"])

    response = client.get(URL, **bearer(client, clerk))

    cell2 = next(item for item in response.json()["items"] if item["id"] == str(world.cell2.pk))
    assert cell2["is_open"] is False
    assert cell2["valid_until"] == "2020-01-01"


def test_the_list_is_paginated(client, clerk, world):
    headers = bearer(client, clerk)

    first = client.get(URL, {"page_size": 2}, **headers).json()
    third = client.get(URL, {"page_size": 2, "page": 3}, **headers).json()

    assert first["count"] == 5
    assert [item["name"] for item in first["items"]] == ["Đảng ủy phường Sài Đồng", "Chi bộ số 1"]
    assert [item["name"] for item in third["items"]] == ["Tổ dân phố số 1"]
    assert set(first) == {"items", "count", "count_exact"}


@pytest.mark.parametrize("page", [0, "one", 10**20])
def test_a_bad_page_number_is_a_json_422(client, clerk, world, page):
    response = client.get(URL, {"page": page}, **bearer(client, clerk))

    assert response.status_code == 422
    assert response.json()["detail"].startswith("page:")


def test_the_page_size_is_capped(client, clerk, world):
    response = client.get(URL, {"page_size": 10**20}, **bearer(client, clerk))

    assert response.status_code == 200
    assert len(response.json()["items"]) == 5


def test_the_list_takes_the_same_queries_for_more_organisations(client, superior, world):
    headers = bearer(client, superior)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"page_size": 200}, **headers).status_code == 200
        return len(queries)

    few = count_queries()
    for number in range(30):
        make_org(world.ward, f"Tổ dân phố số {number + 2}", Kind.RESIDENTIAL_GROUP)

    assert count_queries() == few
    assert few <= 4, few  # token, grants, count, page


@pytest.fixture
def leadership(world):
    """A term of ward A with its executive committee, one member and the current secretary."""
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=datetime.date(2020, 10, 1))
    committee = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)
    CommitteeMember.objects.create(committee=committee, person=world.hung, start_date=datetime.date(2020, 10, 1))
    current = Position.objects.create(
        person=world.hung, organization=world.ward, title=Title.SECRETARY, start_date=datetime.date(2020, 10, 1)
    )
    Position.objects.create(
        person=world.dung, organization=world.ward, title=Title.DEPUTY_SECRETARY,
        start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2020, 9, 30),
    )
    return {"committee": committee, "position": current}


def test_the_detail_shows_committees_current_positions_and_children(client, clerk, world, leadership):
    response = client.get(f"{URL}/{world.ward.pk}", **bearer(client, clerk))

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Đảng ủy phường Sài Đồng"
    assert body["parent"] == str(world.district.pk)
    [committee] = body["committees"]
    assert committee["kind"] == "executive"
    assert committee["kind_label"] == "Ban Chấp hành"
    assert committee["term"] == "2020–2025"
    assert committee["members"] == [
        {
            "id": str(leadership["committee"].memberships.get().pk),
            "person": {"id": str(world.hung.pk), "full_name": "Nguyễn Văn Hùng"},
            "start_date": "2020-10-01",
            "end_date": None,
        }
    ]
    assert body["positions"] == [
        {
            "id": str(leadership["position"].pk),
            "person": {"id": str(world.hung.pk), "full_name": "Nguyễn Văn Hùng"},
            "title": "secretary",
            "title_label": "Bí thư",
            "label": "Bí thư",
            "start_date": "2020-10-01",
            "end_date": None,
        }
    ]
    assert [child["name"] for child in body["children"]] == [
        "Chi bộ số 1", "Chi bộ số 2", "UBND phường Sài Đồng", "Tổ dân phố số 1",
    ]


def test_the_detail_takes_the_same_queries_for_more_members_and_positions(client, clerk, world, leadership):
    headers = bearer(client, clerk)
    url = f"{URL}/{world.ward.pk}"

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, **headers).status_code == 200
        return len(queries)

    few = count_queries()
    for number in range(10):
        person = Person.objects.create(organization=world.ward, full_name=f"Ủy viên {number}")
        CommitteeMember.objects.create(
            committee=leadership["committee"], person=person, start_date=datetime.date(2020, 10, 1)
        )
        Position.objects.create(
            person=person, organization=world.ward, title=Title.EXECUTIVE_COMMITTEE_MEMBER,
            start_date=datetime.date(2020, 10, 1),
        )

    assert count_queries() == few


def test_the_detail_is_404_for_the_outsider(client, outsider, world):
    response = client.get(f"{URL}/{world.ward.pk}", **bearer(client, outsider))

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_the_detail_is_404_above_the_callers_scope(client, clerk, world):
    assert client.get(f"{URL}/{world.district.pk}", **bearer(client, clerk)).status_code == 404


def test_an_unknown_or_malformed_id_is_json(client, clerk, world):
    headers = bearer(client, clerk)

    assert client.get(f"{URL}/{uuid.uuid4()}", **headers).status_code == 404
    malformed = client.get(f"{URL}/123", **headers)
    assert malformed.status_code == 422
    assert malformed.json()["detail"] == "id: mã định danh (UUID) không hợp lệ"


def test_the_list_needs_a_token(client, world):
    assert client.get(URL).status_code == 401
