"""Logging in and out: Vietnamese pages, throttling by account and by address (also behind a proxy), demo accounts,
POST-only logout, CSRF."""

import pytest
from axes.utils import reset
from django.test import Client
from django.urls import reverse

from accounts.backends import client_ip
from conftest import PASSWORD, make_user

WRONG = "sai-mat-khau-roi"


def log_in(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def throttled(settings, db):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    yield
    reset()


def test_the_login_page_is_in_vietnamese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="vi">' in page
    assert "<h1>Đăng nhập</h1>" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_a_wrong_password_is_refused_in_vietnamese(client, clerk):
    response = log_in(client, "clerk", WRONG)
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_leads_to_the_dashboard(client, clerk):
    response = log_in(client, "clerk")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_three_failures_for_one_account_lock_it_at_that_address_even_with_the_right_password(client, clerk, throttled):
    for _ in range(3):
        log_in(client, "clerk", WRONG, ip="10.0.1.1")
    response = log_in(client, "clerk", ip="10.0.1.1")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_for_an_account_from_other_addresses_do_not_lock_it_out_everywhere(client, clerk, throttled):
    """Issue 12: a stranger typing the clerk's name from elsewhere does not lock her out of her own office."""
    for n in range(3):
        log_in(client, "clerk", WRONG, ip=f"10.0.1.{n}")
    assert log_in(client, "clerk", ip="10.0.1.9").status_code == 302


def test_three_failures_from_one_address_lock_that_address_for_every_account(client, clerk, secretary, throttled):
    for username in ("khach1", "khach2", "khach3"):
        log_in(client, username, WRONG, ip="10.0.2.1")
    response = log_in(client, "clerk", ip="10.0.2.1")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert log_in(client, "secretary", ip="10.0.2.2").status_code == 302


def test_the_limit_is_not_reached_below_three_failures(client, clerk, throttled):
    for n in range(2):
        log_in(client, "clerk", WRONG, ip=f"10.0.3.{n}")
    assert log_in(client, "clerk", ip="10.0.3.9").status_code == 302


@pytest.mark.parametrize(("demo_mode", "status"), [(True, 302), (False, 200)])
def test_a_demo_account_logs_in_only_in_demo_mode(client, settings, world, demo_mode, status):
    make_user("demo", world.ward, "ward_clerk", is_demo=True)
    settings.DEMO_MODE = demo_mode
    response = log_in(client, "demo")
    assert response.status_code == status
    assert ("_auth_user_id" in client.session) is demo_mode


def test_logout_is_a_post_and_a_get_does_not_log_out(client, clerk):
    log_in(client, "clerk")
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("dashboard")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_login_without_the_csrf_token_is_refused(clerk):
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, "clerk").status_code == 403
    assert "_auth_user_id" not in client.session
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


# Behind a reverse proxy every request comes from the proxy's address; the proxy names the client in X-Forwarded-For.
PROXY = "10.9.9.9"


def log_in_via_proxy(client, username, password=PASSWORD, forwarded_for="203.0.113.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_failures_of_one_client_do_not_lock_another_out(client, clerk, settings, throttled):
    settings.PROXY_COUNT = 1
    for username in ("khach1", "khach2", "khach3"):
        log_in_via_proxy(client, username, WRONG, forwarded_for="203.0.113.1")
    assert log_in_via_proxy(client, "clerk", forwarded_for="203.0.113.1").status_code == 429
    assert log_in_via_proxy(client, "clerk", forwarded_for="203.0.113.2").status_code == 302


def test_behind_one_proxy_a_forged_first_entry_does_not_dodge_the_address_lock(client, clerk, settings, throttled):
    settings.PROXY_COUNT = 1
    for n, username in enumerate(("khach1", "khach2", "khach3")):
        log_in_via_proxy(client, username, WRONG, forwarded_for=f"198.51.100.{n}, 203.0.113.1")
    assert log_in_via_proxy(client, "clerk", forwarded_for="198.51.100.9, 203.0.113.1").status_code == 429


def test_without_proxy_count_a_forged_x_forwarded_for_does_not_dodge_the_address_lock(
    client, clerk, settings, throttled
):
    settings.PROXY_COUNT = 0
    for n, username in enumerate(("khach1", "khach2", "khach3")):
        log_in_via_proxy(client, username, WRONG, forwarded_for=f"198.51.100.{n}")
    assert log_in_via_proxy(client, "clerk", forwarded_for="198.51.100.9").status_code == 429


@pytest.mark.parametrize(("proxy_count", "forwarded_for", "expected"), [
    (0, "203.0.113.1", PROXY),
    (1, "203.0.113.1", "203.0.113.1"),
    (1, " 198.51.100.7 ,  203.0.113.1 ", "203.0.113.1"),
    (2, "203.0.113.1, 10.0.0.2", "203.0.113.1"),
    (2, "203.0.113.1", PROXY),  # shorter than the proxies in front: not what our proxies sent
    (1, None, PROXY),
    (1, "", PROXY),
    (1, "unknown", PROXY),
    (1, "2001:DB8::1", "2001:db8::1"),
])
def test_the_client_address_is_read_as_far_back_as_the_trusted_proxies_reach(
    rf, settings, proxy_count, forwarded_for, expected
):
    settings.PROXY_COUNT = proxy_count
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, **headers)) == expected
