"""The read replica (config.routers, config.middleware.ReplicaReadsMiddleware): which database each read goes to.
Replication itself is the database's business; these tests hold the decisions. The replica is a second alias of the
test database (a settings override), so a page routed to it still answers."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config.middleware import LAST_WRITE_COOKIE, ReplicaReadsMiddleware
from config.routers import READ_YOUR_WRITES_SECONDS, ReplicaRouter
from documents.models import Document
from org.models import Organization

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def replica(settings):
    """A replica configured: the primary's settings under a second alias."""
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}
    return "replica"


def routed(request, *models, then=None):
    """The database each model's reads went to while the middleware answered `request` (with `then` run first
    inside the view), and the response."""
    chosen = {}

    def view(request):
        if then is not None:
            then()
        chosen.update({model: router.db_for_read(model) for model in models})
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(view)(request)
    return chosen, response


def test_without_a_replica_every_read_is_the_primarys_and_no_cookie_is_set():
    get, _ = routed(RequestFactory().get("/members/"), Organization)
    chosen, response = routed(RequestFactory().post("/members/"), Organization)
    assert get == chosen == {Organization: "default"}
    assert LAST_WRITE_COOKIE not in response.cookies


def test_a_page_read_goes_to_the_replica_but_sessions_and_lockouts_stay_on_the_primary(replica):
    from axes.models import AccessAttempt

    chosen, response = routed(RequestFactory().get("/"), Organization, Document, Session, AccessAttempt)
    assert chosen == {Organization: replica, Document: replica, Session: "default", AccessAttempt: "default"}
    assert LAST_WRITE_COOKIE not in response.cookies
    assert routed(RequestFactory().head("/"), Organization)[0] == {Organization: replica}


def test_a_write_request_reads_the_primary_and_marks_the_browser_for_the_next_seconds(replica):
    chosen, response = routed(RequestFactory().post("/documents/new/"), Organization)
    assert chosen == {Organization: "default"}
    cookie = response.cookies[LAST_WRITE_COOKIE]
    assert cookie["max-age"] == READ_YOUR_WRITES_SECONDS and cookie["httponly"]
    assert abs(float(cookie.value) - time.time()) < 5


def test_a_long_write_is_timed_from_its_end(replica, monkeypatch):
    """A POST of 30 s (an import, a merger): the next seconds' reads must still come from the primary."""
    readings = [1000.0]  # the clock reads 1000 when the request comes, 1030 ever after

    def clock():
        return readings.pop() if readings else 1030.0

    monkeypatch.setattr("config.middleware.time.time", clock)
    _chosen, response = routed(RequestFactory().post("/members/import/"), Organization)
    assert float(response.cookies[LAST_WRITE_COOKIE].value) == 1030.0


@pytest.mark.parametrize(("seconds_ago", "database"), [
    (0, "default"), (READ_YOUR_WRITES_SECONDS - 1, "default"), (-2, "default"),  # another server's clock ahead
    (READ_YOUR_WRITES_SECONDS + 1, "replica"), (-3600, "replica"), (None, "replica"),
])
def test_a_browser_that_wrote_in_the_last_seconds_reads_the_primary(replica, seconds_ago, database):
    request = RequestFactory().get("/members/")
    if seconds_ago is not None:
        request.COOKIES[LAST_WRITE_COOKIE] = f"{time.time() - seconds_ago:.3f}"
    else:
        request.COOKIES[LAST_WRITE_COOKIE] = "not a time"
    assert routed(request, Organization)[0] == {Organization: database}


def test_an_api_call_with_a_token_reads_the_primary(replica):
    request = RequestFactory().get("/api/v1/dashboard", HTTP_AUTHORIZATION="Bearer abc")
    assert routed(request, Organization)[0] == {Organization: "default"}


def test_after_its_first_write_a_read_request_reads_the_primary(replica):
    """A GET that writes (a dossier opened is recorded) reads what follows from the primary."""
    def write():
        assert router.db_for_write(Organization) == "default"

    assert routed(RequestFactory().get("/members/"), Organization, then=write)[0] == {Organization: "default"}


def test_outside_a_request_every_read_is_the_primarys(replica):
    """Background work and management commands have no request to allow the replica."""
    assert router.db_for_read(Organization) == "default"
    assert router.db_for_write(Organization) == "default"


def test_the_replica_is_never_migrated(replica):
    assert ReplicaRouter().allow_migrate("default", "org") is True
    assert ReplicaRouter().allow_migrate(replica, "org") is False


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(replica):
    """What a transaction reads (SELECT … FOR UPDATE included, which a standby refuses) comes from the primary."""
    def in_a_transaction():
        with transaction.atomic():
            assert router.db_for_read(Organization) == "default"

    chosen, _ = routed(RequestFactory().get("/members/"), Organization, then=in_a_transaction)
    assert chosen == {Organization: replica}  # after the transaction, without a write: the replica again


@pytest.mark.django_db(transaction=True)
def test_pages_read_the_replica_until_the_clerk_saves_then_the_primary(replica, client, clerk, world, monkeypatch):
    """Through the whole stack (settings' MIDDLEWARE and DATABASE_ROUTERS): the replica alias is the test database
    itself, so every page still answers; the router's answers are recorded."""
    connections._connections.replica = connections["default"]
    decisions = []
    original = ReplicaRouter.db_for_read

    def recording(self, model, **hints):
        decisions.append((model, original(self, model, **hints)))
        return decisions[-1][1]

    monkeypatch.setattr(ReplicaRouter, "db_for_read", recording)
    try:
        client.force_login(clerk)
        assert client.get("/documents/").status_code == 200
        by_model = dict(decisions)
        assert by_model[Session] == "default" and by_model[Document] == replica

        decisions.clear()
        response = client.post("/documents/incoming/new/", {})
        assert response.status_code in (200, 302) and LAST_WRITE_COOKIE in response.cookies
        assert decisions and {database for _, database in decisions} == {"default"}

        decisions.clear()
        assert client.get("/documents/").status_code == 200  # the cookie of the save is still fresh
        assert {database for _, database in decisions} == {"default"}
    finally:
        del connections._connections.replica


def settings_in_a_fresh_interpreter(**environment) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings", DANGVU_TESTING="1")
    code = ("import json; from django.conf import settings; "
            "print(json.dumps({'databases': sorted(settings.DATABASES), "
            "'replica': settings.DATABASES.get('replica'), 'routers': settings.DATABASE_ROUTERS}, default=str))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_database_replica_url_adds_the_replica_mirrored_by_the_primary_in_tests():
    configured = settings_in_a_fresh_interpreter(DATABASE_URL="postgres://dangvu@db1.example.vn/dangvu",
                                                 DATABASE_REPLICA_URL="postgres://dangvu@db2.example.vn/dangvu")
    assert configured["databases"] == ["default", "replica"]
    assert configured["replica"]["HOST"] == "db2.example.vn" and configured["replica"]["TEST"] == {"MIRROR": "default"}
    assert configured["routers"] == ["config.routers.ReplicaRouter"]
    assert settings_in_a_fresh_interpreter()["databases"] == ["default"]
