"""/api/v1/people: search, sensitive fields, adding and changing a person, and the person's history."""

import json
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import LogEntry
from conftest import PASSWORD
from org.models import Person

URL = "/api/v1/people"


def bearer(client, user) -> dict:
    response = client.post(
        "/api/v1/auth/token", {"username": user.username, "password": PASSWORD}, content_type="application/json"
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def post(client, user, body, url=URL):
    return client.post(url, json.dumps(body, default=str), content_type="application/json", **bearer(client, user))


def patch(client, user, person, body):
    return client.patch(
        f"{URL}/{person.pk}", json.dumps(body, default=str), content_type="application/json",
        **bearer(client, user),
    )


def found(client, user, **params) -> list[str]:
    response = client.get(URL, params, **bearer(client, user))
    assert response.status_code == 200
    return [item["full_name"] for item in response.json()["items"]]


# Listing and searching ----------------------------------------------------------------------------------------


def test_the_clerk_lists_the_people_of_their_ward_only(client, clerk, world):
    assert found(client, clerk) == ["Đặng Thị Dung", "Nguyễn Văn Hùng"]


def test_the_outsider_does_not_see_ward_a(client, outsider, world):
    assert found(client, outsider) == ["Trần Văn Bình"]


def test_search_ignores_diacritics(client, clerk, world):
    assert found(client, clerk, q="nguyen van hung") == ["Nguyễn Văn Hùng"]
    assert found(client, clerk, q="dang") == ["Đặng Thị Dung"]
    assert found(client, clerk, q="Đặng") == ["Đặng Thị Dung"]
    assert found(client, clerk, q="HÙNG") == ["Nguyễn Văn Hùng"]
    assert found(client, clerk, q="binh") == []


def test_the_organization_filter_keeps_its_subtree(client, clerk, world):
    assert found(client, clerk, organization=world.cell.pk) == ["Đặng Thị Dung"]
    assert found(client, clerk, organization=world.ward.pk) == ["Đặng Thị Dung", "Nguyễn Văn Hùng"]


def test_the_organization_filter_is_404_outside_the_callers_scope(client, clerk, world):
    response = client.get(URL, {"organization": world.other_ward.pk}, **bearer(client, clerk))

    assert response.status_code == 404


def test_the_organization_filter_must_be_a_uuid(client, clerk, world):
    response = client.get(URL, {"organization": "ward-a"}, **bearer(client, clerk))

    assert response.status_code == 422
    assert response.json()["detail"] == "organization: mã định danh (UUID) không hợp lệ"


def test_the_clerk_sees_cccd_and_phone(client, clerk, world):
    response = client.get(URL, {"q": "hung"}, **bearer(client, clerk))

    [hung] = response.json()["items"]
    assert hung["cccd"] == "001060000123"
    assert hung["phone"] == "0912345678"
    assert hung["organization"] == {"id": str(world.ward.pk), "name": "Đảng ủy phường Sài Đồng"}
    assert hung["residence"] is None
    assert hung["date_of_birth"] == "1960-05-01"


def test_the_superior_sees_the_person_without_cccd_or_phone(client, superior, world):
    response = client.get(URL, {"q": "hung"}, **bearer(client, superior))

    [hung] = response.json()["items"]
    assert hung["full_name"] == "Nguyễn Văn Hùng"
    assert hung["cccd"] is None
    assert hung["phone"] is None


def test_the_list_is_paginated(client, clerk, world):
    response = client.get(URL, {"page_size": 1, "page": 2}, **bearer(client, clerk))

    assert response.json() == {"items": [response.json()["items"][0]], "count": 2, "count_exact": True}
    assert response.json()["items"][0]["full_name"] == "Nguyễn Văn Hùng"


def test_pages_hold_50_by_default_and_200_at_most(client, clerk, world):
    Person.objects.bulk_create(
        Person(organization=world.cell2, full_name=f"Người số {n}", search_name=f"nguoi so {n:03}") for n in range(205)
    )
    headers = bearer(client, clerk)

    default = client.get(URL, **headers).json()
    capped = client.get(URL, {"page_size": 500}, **headers).json()
    last = client.get(URL, {"page_size": 200, "page": 2}, **headers).json()

    assert (len(default["items"]), default["count"]) == (50, 207)
    assert len(capped["items"]) == 200
    assert len(last["items"]) == 7


def test_the_list_takes_the_same_queries_for_more_people(client, clerk, world):
    headers = bearer(client, clerk)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"page_size": 200}, **headers).status_code == 200
        return len(queries)

    few = count_queries()
    Person.objects.bulk_create(
        Person(
            organization=world.cell2, residence=world.group, full_name=f"Người số {n}", search_name=f"nguoi so {n}"
        )
        for n in range(30)
    )

    assert count_queries() == few
    assert few <= 5, few  # token, grants, count, page, the wards the rows are named by


def test_one_person_is_404_for_the_outsider(client, outsider, world):
    assert client.get(f"{URL}/{world.hung.pk}", **bearer(client, outsider)).status_code == 404


def test_one_person_is_shown_to_the_clerk(client, clerk, world):
    response = client.get(f"{URL}/{world.hung.pk}", **bearer(client, clerk))

    assert response.status_code == 200
    assert response.json()["full_name"] == "Nguyễn Văn Hùng"


# Adding -------------------------------------------------------------------------------------------------------


def test_the_clerk_adds_a_person(client, clerk, world):
    response = post(client, clerk, {
        "organization": world.cell.pk, "full_name": "  Lê   Thị Mai ", "gender": "female",
        "date_of_birth": "1985-03-02", "cccd": "001185000456", "residence": world.group.pk, "phone": "0912 000 111",
    })

    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.full_name == body["full_name"] == "Lê Thị Mai"
    assert person.organization == world.cell
    assert person.residence == world.group
    assert body["residence"] == {"id": str(world.group.pk), "name": "Tổ dân phố số 1"}
    assert body["ethnicity"] == "Kinh"
    assert body["cccd"] == "001185000456"
    assert body["phone"] == "0912000111"
    entry = LogEntry.objects.for_object(person).get()
    assert entry.action == "org.person.created"
    assert entry.actor == clerk


def test_a_bad_cccd_is_refused_in_vietnamese_and_nothing_is_created(client, clerk, world):
    response = post(client, clerk, {"organization": world.ward.pk, "full_name": "Lê Văn Sai", "cccd": "123"})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "cccd: Số CCCD phải gồm đúng 12 chữ số."
    assert body["errors"] == {"cccd": ["Số CCCD phải gồm đúng 12 chữ số."]}
    assert not Person.objects.filter(full_name="Lê Văn Sai").exists()
    assert not LogEntry.objects.filter(action="org.person.created").exists()


def test_a_cccd_already_recorded_is_refused(client, clerk, world):
    response = post(client, clerk, {
        "organization": world.ward.pk, "full_name": "Người trùng", "cccd": world.hung.cccd,
    })

    assert response.status_code == 400
    assert "CCCD" in response.json()["detail"]
    assert not Person.objects.filter(full_name="Người trùng").exists()


def test_a_missing_name_and_an_unknown_field_are_named(client, clerk, world):
    response = post(client, clerk, {"organization": world.ward.pk, "nickname": "Tí"})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "full_name: bắt buộc phải có" in detail
    assert "nickname: trường này không được phép" in detail


def test_the_read_only_secretary_cannot_add(client, secretary, world):
    response = post(client, secretary, {"organization": world.ward.pk, "full_name": "Lê Văn Mới"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền: Thêm, sửa thông tin người."}
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()


def test_the_clerk_cannot_add_into_another_ward(client, clerk, world):
    response = post(client, clerk, {"organization": world.other_ward.pk, "full_name": "Lê Văn Mới"})

    assert response.status_code == 404
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()


def test_the_clerk_cannot_place_a_person_in_another_wards_group(client, clerk, world):
    response = post(client, clerk, {
        "organization": world.ward.pk, "full_name": "Lê Văn Mới", "residence": world.other_group.pk,
    })

    assert response.status_code == 404
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()


def test_adding_needs_a_token(client, world):
    response = client.post(
        URL, json.dumps({"organization": str(world.ward.pk), "full_name": "X"}), content_type="application/json"
    )

    assert response.status_code == 401


def test_a_body_that_is_not_json_is_a_json_400(client, clerk, world):
    response = client.post(URL, "{full_name:", content_type="application/json", **bearer(client, clerk))

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ."


# Changing -----------------------------------------------------------------------------------------------------


def test_the_clerk_changes_a_phone_and_the_history_shows_it(client, clerk, world):
    response = patch(client, clerk, world.hung, {"phone": "0987654321"})

    assert response.status_code == 200
    assert response.json()["phone"] == "0987654321"
    assert response.json()["cccd"] == "001060000123"
    world.hung.refresh_from_db()
    assert world.hung.phone == "0987654321"
    assert world.hung.full_name == "Nguyễn Văn Hùng"
    history = client.get(f"{URL}/{world.hung.pk}/history", **bearer(client, clerk))
    assert history.status_code == 200
    [entry] = history.json()["items"]
    assert entry["action"] == "org.person.updated"
    assert entry["action_label"] == "Sửa thông tin người"
    assert entry["actor"] == "clerk"
    assert entry["changes"] == {"phone": {"old": "*******678", "new": "*******321"}}
    assert entry["created"]


def test_a_patch_changes_only_the_fields_sent(client, clerk, world):
    response = patch(client, clerk, world.hung, {"residence": world.group.pk, "cccd": None})

    assert response.status_code == 200
    world.hung.refresh_from_db()
    assert world.hung.residence == world.group
    assert world.hung.cccd is None
    assert world.hung.phone == "0912345678"
    assert world.hung.date_of_birth.year == 1960


def test_a_patch_moves_a_person_to_another_cell(client, clerk, world):
    response = patch(client, clerk, world.dung, {"organization": world.cell2.pk})

    assert response.status_code == 200
    assert response.json()["organization"]["id"] == str(world.cell2.pk)


def test_the_outsider_cannot_patch(client, outsider, world):
    response = patch(client, outsider, world.hung, {"phone": "0987654321"})

    assert response.status_code == 404
    world.hung.refresh_from_db()
    assert world.hung.phone == "0912345678"


def test_the_read_only_secretary_cannot_patch(client, secretary, world):
    assert patch(client, secretary, world.hung, {"phone": "0987654321"}).status_code == 403


def test_a_bad_date_is_a_422_naming_the_field_and_changes_nothing(client, clerk, world):
    response = patch(client, clerk, world.hung, {"date_of_birth": "01/05/1961", "phone": "0987654321"})

    assert response.status_code == 422
    assert response.json()["detail"] == "date_of_birth: ngày không hợp lệ (định dạng YYYY-MM-DD)"
    assert response.json()["errors"][0]["loc"] == ["body", "payload", "date_of_birth"]
    world.hung.refresh_from_db()
    assert world.hung.phone == "0912345678"


def test_a_rule_broken_by_a_patch_is_a_400_and_changes_nothing(client, clerk, world):
    response = patch(client, clerk, world.hung, {"gender": "female", "phone": "0987654321"})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("cccd: Số CCCD không khớp giới tính")
    world.hung.refresh_from_db()
    assert world.hung.gender == "male"
    assert world.hung.phone == "0912345678"


def test_a_null_for_a_required_reference_is_a_422(client, clerk, world):
    response = patch(client, clerk, world.hung, {"organization": None})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("organization:")


def test_a_patch_of_a_malformed_id_is_a_422(client, clerk, world):
    response = client.patch(
        f"{URL}/not-a-uuid", "{}", content_type="application/json", **bearer(client, clerk)
    )

    assert response.status_code == 422
    assert response.json()["detail"] == "id: mã định danh (UUID) không hợp lệ"


# History ------------------------------------------------------------------------------------------------------


def test_the_history_is_403_for_the_cell_secretary_who_sees_the_person(client, cell_secretary, world):
    response = client.get(f"{URL}/{world.dung.pk}/history", **bearer(client, cell_secretary))

    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền: Xem nhật ký thay đổi."}


def test_the_history_is_404_for_the_cell_secretary_who_does_not_see_the_person(client, cell_secretary, world):
    assert client.get(f"{URL}/{world.hung.pk}/history", **bearer(client, cell_secretary)).status_code == 404


def test_the_history_is_404_for_the_outsider(client, outsider, world):
    assert client.get(f"{URL}/{world.hung.pk}/history", **bearer(client, outsider)).status_code == 404


def test_the_history_is_newest_first_and_paginated(client, clerk, superior, world):
    for phone in ("0900000001", "0900000002", "0900000003"):
        assert patch(client, clerk, world.hung, {"phone": phone}).status_code == 200

    response = client.get(f"{URL}/{world.hung.pk}/history", {"page_size": 2}, **bearer(client, superior))

    body = response.json()
    assert body["count"] == 3
    assert [entry["changes"]["phone"]["new"] for entry in body["items"]] == ["*******003", "*******002"]


def test_an_unknown_person_is_404(client, clerk, world):
    assert client.get(f"{URL}/{uuid.uuid4()}/history", **bearer(client, clerk)).status_code == 404
