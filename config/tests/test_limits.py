"""The answers any request may get before or after its view (issue 12): 414 for an address too long, 413 for a body
too large, 400 for a false length, 429 past the API's rate, 500 for a fault: in the API's JSON `{"detail"}` under
/api/, a Vietnamese page elsewhere; and every operation of the OpenAPI schema lists them."""

import pytest
from django.conf import settings
from django.test import Client

from config.api import COMMON_ANSWERS, api
from org.models import Person
from org.tests.test_api_people import bearer


def test_an_address_too_long_is_a_414_in_json_under_the_api(client, world, clerk):
    response = client.get("/api/v1/people", {"q": "x" * settings.MAX_URL_CHARS}, **bearer(client, clerk))
    assert response.status_code == 414 and "dài quá 4096 ký tự" in response.json()["detail"]


def test_an_address_too_long_is_a_vietnamese_page_elsewhere(client):
    response = client.get("/login/", {"next": "/" + "x" * settings.MAX_URL_CHARS})
    assert response.status_code == 414 and "Địa chỉ yêu cầu dài quá" in response.content.decode()


def test_a_body_too_large_is_a_413_before_it_is_read(client, world, clerk):
    headers = bearer(client, clerk)
    before = Person.objects.count()
    response = client.post("/api/v1/people", {"organization": str(world.ward.pk), "full_name": "A",
                                              "note": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
                           content_type="application/json", **headers)
    assert response.status_code == 413 and response.json()["detail"] == "Nội dung gửi lên lớn quá 2.5 MB."
    assert Person.objects.count() == before


def test_an_upload_may_be_larger_than_a_text_body(client, world, clerk):
    """A 3 MB multipart body passes the limits (its file is then checked by the service: here, not an .xlsx)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/api/v1/members/import", {"file": SimpleUploadedFile("a.xlsx", b"x" * 3_000_000)},
                           **bearer(client, clerk))
    assert response.status_code == 400 and response.json()["detail"] == "Tệp có lỗi, không nhập dòng nào."
    assert response.json()["errors"][0].startswith("Tệp không phải .xlsx")


def test_a_false_content_length_is_a_400(client):
    response = client.generic("POST", "/api/v1/auth/token", b"{}", content_type="application/json",
                              CONTENT_LENGTH="abc")
    assert response.status_code == 400 and response.json()["detail"].startswith("Độ dài nội dung")


def test_past_the_rate_the_api_answers_429(client, world, clerk, monkeypatch):
    headers = bearer(client, clerk)
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    answers = [client.get("/api/v1/people", **headers).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get("/api/v1/people", **headers).json()["detail"] == "Quá nhiều yêu cầu; hãy thử lại sau."


def test_a_fault_under_the_api_is_a_500_in_json(world, clerk, monkeypatch):
    client = Client(raise_request_exception=False)
    headers = bearer(client, clerk)
    monkeypatch.setattr("org.api._people", lambda user: 1 / 0)
    response = client.get("/api/v1/people", {"q": "hung"}, **headers)
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Lỗi máy chủ")


@pytest.mark.parametrize("status", sorted(COMMON_ANSWERS))
def test_every_operation_lists_the_common_answers(status):
    spec = api.get_openapi_schema()
    missing = [f"{method.upper()} {path}" for path, operations in spec["paths"].items()
               for method, operation in operations.items() if status not in operation["responses"]]
    assert missing == []
