"""Bad input never becomes a 500: NUL characters, absurd dates; error pages speak Vietnamese."""

import pytest
from django.urls import reverse

from conftest import PASSWORD
from org.models import Person


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


@pytest.mark.parametrize("path", ["/people/?q=%00", "/audit/?actor=a%00b"])
def test_a_nul_in_a_query_string_is_refused_with_a_clear_400(client, world, clerk, path):
    login(client, clerk)
    response = client.get(path)
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


def test_a_nul_in_an_api_body_is_refused_and_changes_nothing(client, world, clerk):
    token = client.post(
        "/api/v1/auth/token", {"username": "clerk", "password": PASSWORD}, content_type="application/json"
    ).json()["token"]
    response = client.patch(
        f"/api/v1/people/{world.hung.pk}", {"full_name": "A\x00B"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert Person.objects.get(pk=world.hung.pk).full_name == "Nguyễn Văn Hùng"
    login_with_nul = client.post(
        "/api/v1/auth/token", {"username": "cl\x00erk", "password": PASSWORD}, content_type="application/json"
    )
    assert login_with_nul.status_code == 400


@pytest.mark.parametrize("query", [{"until": "31/12/9999"}, {"since": "01/01/0001"}])
def test_the_audit_page_refuses_dates_out_of_range_with_a_message(client, world, clerk, query):
    login(client, clerk)
    response = client.get(reverse("audit_log"), query)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_error_pages_are_in_vietnamese(client, world, cell_secretary, outsider):
    login(client, outsider)
    missing = client.get(reverse("person_detail", args=[world.hung.pk]))
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode()
    login(client, cell_secretary)
    forbidden = client.get(reverse("audit_log"))
    assert forbidden.status_code == 403
    assert "Bạn không có quyền xem nhật ký thay đổi." in forbidden.content.decode()


def test_the_audit_link_shows_only_to_those_who_may_open_it(client, world, cell_secretary, clerk):
    login(client, cell_secretary)
    assert reverse("audit_log") not in client.get(reverse("dashboard")).content.decode()
    login(client, clerk)
    assert reverse("audit_log") in client.get(reverse("dashboard")).content.decode()


def test_a_nul_in_a_body_of_any_declared_type_is_refused(client, world, clerk):
    """Issue 12: a JSON body declared as something else reaches the API too; its NUL is refused all the same."""
    from members.tests.test_api_members import bearer

    headers = bearer(client, clerk)
    for content_type in ("application/xml", "application/octet-stream", ""):
        response = client.post("/api/v1/people", data=b'{"full_name": "A\\u0000B", "organization": "x"}',
                               content_type=content_type, **headers)
        assert response.status_code == 400, content_type
