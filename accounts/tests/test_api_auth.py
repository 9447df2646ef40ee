"""Bearer tokens over HTTP: issue, use, expire, revoke, wrong password, throttling; errors are JSON."""

import datetime

import pytest
from axes.utils import reset
from django.utils import timezone

from accounts.backends import LOCKOUT_MESSAGE
from accounts.models import ApiToken
from audit.models import LogEntry
from conftest import PASSWORD

TOKEN_URL = "/api/v1/auth/token"
UNAUTHENTICATED = "Chưa đăng nhập hoặc mã truy cập không hợp lệ/hết hạn."


def obtain(client, username, password=PASSWORD, **extra):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json", **extra
    )


def bearer(client, user) -> dict:
    response = obtain(client, user.username)
    assert response.status_code == 200, response.content
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def test_it_issues_a_token_that_opens_the_api(client, clerk):
    response = obtain(client, "clerk")

    assert response.status_code == 200
    body = response.json()
    assert len(body["token"]) > 30
    expires_at = datetime.datetime.fromisoformat(body["expires_at"])
    assert expires_at > timezone.now()
    token = ApiToken.objects.get(user=clerk)
    assert token.key_hash != body["token"]
    assert LogEntry.objects.filter(action="org.api_token.issued", actor=clerk).exists()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {body['token']}"}
    assert client.get("/api/v1/organizations", **headers).status_code == 200


def test_it_refuses_a_wrong_password_with_401(client, clerk):
    response = obtain(client, "clerk", "sai-mat-khau")

    assert response.status_code == 401
    assert response.json() == {"detail": "Sai tên đăng nhập hoặc mật khẩu."}
    assert not ApiToken.objects.exists()


def test_it_refuses_an_unknown_user_with_401(client, world):
    assert obtain(client, "nobody").status_code == 401


def test_it_asks_for_username_and_password(client, world):
    response = client.post(TOKEN_URL, {"username": "clerk"}, content_type="application/json")

    assert response.status_code == 422
    assert "password" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Token abc", "Basic Y2xlcms6eA=="])
def test_it_answers_401_in_json_without_a_valid_token(client, world, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/organizations", **extra)

    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_gets_401(client, clerk):
    headers = bearer(client, clerk)
    ApiToken.objects.filter(user=clerk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get("/api/v1/organizations", **headers)

    assert response.status_code == 401
    assert response.json()["detail"] == UNAUTHENTICATED


def test_revoking_the_token_closes_it(client, clerk):
    headers = bearer(client, clerk)

    response = client.delete(TOKEN_URL, **headers)

    assert response.status_code == 204
    assert ApiToken.objects.get(user=clerk).revoked_at is not None
    assert LogEntry.objects.filter(action="org.api_token.revoked", actor=clerk).exists()
    assert client.get("/api/v1/organizations", **headers).status_code == 401
    assert client.delete(TOKEN_URL, **headers).status_code == 401


def test_revoking_one_token_leaves_the_others_open(client, clerk):
    first, second = bearer(client, clerk), bearer(client, clerk)

    client.delete(TOKEN_URL, **first)

    assert client.get("/api/v1/organizations", **second).status_code == 200


def test_a_deactivated_user_loses_the_api(client, clerk):
    headers = bearer(client, clerk)
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])

    assert client.get("/api/v1/organizations", **headers).status_code == 401


@pytest.fixture
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    reset()
    yield
    reset()


def test_repeated_failures_lock_the_account_with_a_429_in_json(client, clerk, throttling):
    assert obtain(client, "clerk", "sai-1").status_code == 401

    responses = [obtain(client, "clerk", "sai-2"), obtain(client, "clerk")]

    for response in responses:
        assert response.status_code == 429
        assert response.json() == {"detail": LOCKOUT_MESSAGE}
    assert not ApiToken.objects.exists()


def test_failures_for_an_account_do_not_lock_it_out_from_another_address(client, clerk, throttling):
    """Issue 12: typing a clerk's name wrongly from one address must not lock her out everywhere."""
    obtain(client, "clerk", "sai-1")
    obtain(client, "clerk", "sai-2")

    assert obtain(client, "clerk").status_code == 429  # at the address that failed
    assert obtain(client, "clerk", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_lockout_holds_for_the_address_with_another_account(client, clerk, secretary, throttling):
    obtain(client, "clerk", "sai-1", REMOTE_ADDR="203.0.113.7")
    obtain(client, "ghost", "sai-2", REMOTE_ADDR="203.0.113.7")

    assert obtain(client, "secretary", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert obtain(client, "secretary", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_body_that_is_not_json_gets_a_json_400(client, clerk):
    response = client.post(TOKEN_URL, "{username:", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung yêu cầu không phải JSON hợp lệ."}


def test_a_body_that_is_not_an_object_gets_a_json_422(client, clerk):
    response = client.post(TOKEN_URL, "[1, 2]", content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"] == "nội dung yêu cầu: phải là một đối tượng JSON"


def test_the_openapi_schema_lists_the_paths(client, world, clerk):
    client.force_login(clerk)
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "dangvu API"
    assert set(schema["paths"]) >= {
        "/api/v1/auth/token",
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/people",
        "/api/v1/people/{id}",
        "/api/v1/people/{id}/history",
    }
    assert "BearerAuth" in schema["components"]["securitySchemes"]
    assert client.get("/api/v1/docs").status_code == 200


def test_the_docs_are_for_logged_in_users_except_in_demo_mode(client, world, clerk, settings):
    """Issue 12: outside demo mode the interactive docs and the schema need a logged-in user."""
    settings.DEMO_MODE = False
    for path in ("/api/v1/docs", "/api/v1/openapi.json"):
        assert client.get(path).status_code == 302, path
    settings.DEMO_MODE = True
    assert client.get("/api/v1/docs").status_code == 200
    settings.DEMO_MODE = False
    client.force_login(clerk)
    assert client.get("/api/v1/docs").status_code == 200


def test_a_new_password_or_a_deactivation_ends_the_tokens_and_a_user_can_end_them_all(client, world, clerk):
    """Issue 12: tokens die with the password they were obtained by, and with the account; DELETE /auth/tokens
    ends every token of the caller."""
    def token():
        return client.post("/api/v1/auth/token", {"username": clerk.username, "password": PASSWORD},
                           content_type="application/json").json()["token"]

    def works(key):
        return client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200

    first = token()
    clerk.set_password(PASSWORD)  # the same words, a new hash: a change all the same
    clerk.save()
    assert not works(first)
    second, third = token(), token()
    assert client.delete("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 204
    assert not works(second) and not works(third)
    fourth = token()
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])
    clerk.is_active = True
    clerk.save(update_fields=["is_active"])
    assert not works(fourth)  # reactivated, but the token of before stays ended


def test_a_password_is_compared_as_typed_as_on_the_login_page(client, world):
    """Review of issue 12: the text rule for input must not change a password (a Mac types "é" as e + accent)."""
    from conftest import make_user

    user = make_user("mac-user")
    user.set_password("me\u0301o\tmèo")
    user.save()
    response = client.post("/api/v1/auth/token", {"username": "mac-user", "password": "me\u0301o\tmèo"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["token"]
