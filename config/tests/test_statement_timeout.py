"""A statement of a page or API request runs at most REQUEST_STATEMENT_TIMEOUT seconds on PostgreSQL (issue 15): past
it the request gets a 503 in Vietnamese, and the session gets the server's default back for whatever runs next
outside a request (commands, the worker, a test's setup). On SQLite nothing happens."""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path

from config.middleware import (
    STATEMENT_CANCELLED,
    on_connection_created,
    request_statement_timeout,
    set_statement_timeout,
)

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's statement_timeout")


def slow(request):
    # In a savepoint, so that the test's own transaction survives the cancellation (a request outside a test runs in
    # autocommit: nothing to survive).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")
    return HttpResponse("xong")


def shown(request):
    return HttpResponse(current_timeout())


def counted(request):
    from org.models import Organization

    return HttpResponse(str(Organization.objects.count()))


urlpatterns = [path("slow/", slow), path("api/v1/slow", slow), path("shown/", shown), path("counted/", counted)]


def current_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.fixture
def urls(settings):
    settings.ROOT_URLCONF = __name__


@on_postgresql
def test_a_statement_past_the_limit_is_cancelled_and_the_page_says_so_in_vietnamese(client, urls, settings):
    settings.REQUEST_STATEMENT_TIMEOUT = 0.2
    response = client.get("/slow/")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert STATEMENT_CANCELLED in response.content.decode() and "Traceback" not in response.content.decode()
    api = client.get("/api/v1/slow")
    assert api.status_code == 503 and api.json() == {"detail": STATEMENT_CANCELLED}
    assert current_timeout() == "0"  # the session's default again: what runs next outside a request has no limit


@on_postgresql
def test_only_the_requests_statements_run_under_the_limit(client, urls, settings):
    assert current_timeout() == "0"
    assert client.get("/shown/").content.decode() == "30s"  # the default: 30 seconds
    settings.REQUEST_STATEMENT_TIMEOUT = 1.5
    assert client.get("/shown/").content.decode() == "1500ms"
    settings.REQUEST_STATEMENT_TIMEOUT = 0  # no limit
    assert client.get("/shown/").content.decode() == "0"
    assert current_timeout() == "0"


@on_postgresql
def test_a_connection_opened_during_a_request_gets_the_limit():
    token = request_statement_timeout.set(30_000)
    try:
        on_connection_created(None, connection)  # as Django signals each new session
        assert current_timeout() == "30s"
    finally:
        request_statement_timeout.reset(token)
        set_statement_timeout(connection, None)
    assert current_timeout() == "0"


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite has no statement timeout")
def test_on_sqlite_it_is_a_no_op(client, urls, settings):
    settings.REQUEST_STATEMENT_TIMEOUT = 0.001
    response = client.get("/counted/")
    assert response.status_code == 200 and response.content == b"0"  # the query ran
    assert getattr(connection, "dangvu_statement_timeout", None) is None  # never set
    set_statement_timeout(connection, 5)
    assert getattr(connection, "dangvu_statement_timeout", None) is None
