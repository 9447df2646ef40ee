"""Two app servers behind one load balancer share everything a request may need (issue 15, "Several app servers"):
two gunicorn servers on two loopback ports, over ONE database and ONE S3-compatible object store (moto's S3 server,
a real HTTP endpoint), each with its own local folder (MEDIA_ROOT), so that a file kept on one server's disk would
be missing on the other. A file uploaded through A downloads byte for byte through B; a session made on A is valid
on B; a login lockout earned on A holds on B.

The servers see the test's database: on PostgreSQL the test database itself (the test is transactional, so what it
writes is committed); on SQLite, whose test database lives in this process's memory, a copy of it in a file, made
after the test has written its rows, which both servers then share.
"""

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import quote

import boto3
import pytest
import requests
from django.db import connection
from moto.server import ThreadedMotoServer

from accounts.backends import LOCKOUT_MESSAGE
from accounts.permissions import Role
from conftest import PASSWORD, make_user
from documents import services
from tests.servers import ROOT, START_TIMEOUT, AppServer, server_environment

SECRET_KEY = "two-servers-share-one-secret-key-" + "k3J9_" * 8
BUCKET = "dangvu-files"
FAILURE_LIMIT = 2

pytestmark = pytest.mark.django_db(transaction=True)


def database_url_for_servers(folder: Path) -> str:
    """The test's database, as the servers reach it: PostgreSQL's test database by its name; SQLite's in-memory
    test database copied into a file (SQLite's online backup API) that both servers share."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(settings["USER"] or "", safe="")
        if settings["PASSWORD"]:
            credentials += ":" + quote(settings["PASSWORD"], safe="")
        host = settings["HOST"] or "127.0.0.1"
        return f"postgres://{credentials}@{host}:{settings['PORT'] or 5432}/{quote(settings['NAME'], safe='')}"
    assert connection.vendor == "sqlite", connection.vendor
    copy = folder / "shared.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(copy)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return f"sqlite:///{copy}"


@contextlib.contextmanager
def object_store():
    """moto's S3 server on a free loopback port, with an empty private bucket: the OBJECT_STORE_* of the servers
    and a boto3 client to look inside."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        environment = {"OBJECT_STORE_URL": f"http://{host}:{port}", "OBJECT_STORE_BUCKET": BUCKET,
                       "OBJECT_STORE_ACCESS_KEY": "dangvu-test", "OBJECT_STORE_SECRET_KEY": "dangvu-test-secret",
                       "OBJECT_STORE_REGION": "us-east-1"}
        client = boto3.client("s3", endpoint_url=environment["OBJECT_STORE_URL"], region_name="us-east-1",
                              aws_access_key_id="dangvu-test", aws_secret_access_key="dangvu-test-secret")
        client.create_bucket(Bucket=BUCKET)
        yield environment, client
    finally:
        server.stop()


class Server(AppServer):
    """One app server (one sync worker) with its own DANGVU_VAR_DIR (so its own MEDIA_ROOT) and the shared database,
    object store and secret key."""

    def __init__(self, name: str, folder: Path, shared: dict[str, str]):
        self.var_dir = folder / name
        self.var_dir.mkdir()
        super().__init__(name, folder / f"{name}.log", server_environment(**shared, DANGVU_VAR_DIR=str(self.var_dir)))

    def stored_files(self) -> list[Path]:
        files = self.var_dir / "files"
        return [path for path in files.rglob("*") if path.is_file()] if files.exists() else []


@contextlib.contextmanager
def two_servers(folder: Path, shared: dict[str, str]):
    servers = [Server("a", folder, shared), Server("b", folder, shared)]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        for server in servers:
            server.wait_until_it_answers(deadline)
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def letter(world, clerk):
    return services.register_incoming(organization=world.ward, symbol="339-CV/QU", issuer_name="Quận ủy Long Biên",
                                      summary="Về một số nhiệm vụ", actor=clerk)


@pytest.fixture
def treasurer(world):
    """A second clerk, whose account is locked out in the test."""
    return make_user("treasurer", world.ward, Role.WARD_CLERK)


def test_two_servers_share_files_sessions_and_lockouts(clerk, treasurer, letter, tmp_path):
    shared = {"DANGVU_DEMO": "1", "DANGVU_TESTING": "1", "SECRET_KEY": SECRET_KEY, "AXES_ENABLED": "1",
              "AXES_FAILURE_LIMIT": str(FAILURE_LIMIT), "DATABASE_URL": database_url_for_servers(tmp_path)}
    with object_store() as (store, bucket), two_servers(tmp_path, {**shared, **store}) as (a, b):
        # (c) A session made by logging in on A is valid on B (and B without it asks for a login).
        login = a.login(clerk.username, PASSWORD)
        assert login.status_code == 302, a.output()
        session = {"sessionid": login.browser.cookies["sessionid"]}
        assert requests.get(f"{b.url}/documents/", allow_redirects=False, timeout=10).status_code == 302
        on_b = requests.get(f"{b.url}/documents/", cookies=session, allow_redirects=False, timeout=10)
        assert on_b.status_code == 200 and "339-CV/QU" in on_b.text, b.output()

        # (a) A file uploaded through A downloads byte for byte through B; it lies in the object store, on no disk.
        token = requests.post(f"{a.url}/api/v1/auth/token", json={"username": clerk.username, "password": PASSWORD},
                              timeout=10).json()["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        content = b"%PDF-1.4\n" + os.urandom(300_000) + b"\n%%EOF\n"
        uploaded = requests.post(f"{a.url}/api/v1/documents/{letter.pk}/attachments", headers=bearer,
                                 files={"file": ("339-CV-QU.pdf", content, "application/pdf")}, timeout=30)
        assert uploaded.status_code == 201, (uploaded.text, a.output())
        download = requests.get(f"{b.url}/api/v1/documents/{letter.pk}/attachments/{uploaded.json()['id']}",
                                headers=bearer, timeout=30)
        assert download.status_code == 200, (download.text, b.output())
        assert download.content == content
        objects = bucket.list_objects_v2(Bucket=BUCKET)["Contents"]
        assert len(objects) == 1 and objects[0]["Key"].startswith(f"documents/{letter.pk}/")
        assert bucket.get_object(Bucket=BUCKET, Key=objects[0]["Key"])["Body"].read() == content
        assert a.stored_files() == [] and b.stored_files() == []

        # (b) A lockout earned on A holds on B: the right password, which B accepted before, is refused there.
        assert b.login(treasurer.username, PASSWORD).status_code == 302
        for _ in range(FAILURE_LIMIT):
            assert a.login(treasurer.username, "not-the-password").status_code in (200, 429)
        refused = b.login(treasurer.username, PASSWORD)
        assert refused.status_code == 429 and LOCKOUT_MESSAGE in refused.text
        assert "sessionid" not in refused.browser.cookies


def shared_state_settings(**environment) -> subprocess.CompletedProcess:
    """Where a server started with `environment` keeps what the servers share, read by a fresh interpreter as a
    server would (not under pytest): the backends of the cache, sessions and lockouts, and the file storage."""
    env = server_environment(**environment, DANGVU_DEMO="1")
    code = textwrap.dedent("""
        import json, django
        django.setup()
        from django.conf import settings
        from django.core.cache import caches
        from django.core.files.storage import storages
        cache, storage = caches["default"], storages["default"]
        cache._cache  # the backend's client: its library is installed
        print(json.dumps({"cache": type(cache).__name__, "sessions": settings.SESSION_ENGINE,
                          "axes": settings.AXES_HANDLER, "storage": type(storage).__name__,
                          "options": {name: getattr(storage, name, None) for name in (
                              "bucket_name", "endpoint_url", "region_name", "addressing_style", "default_acl",
                              "querystring_auth", "file_overwrite")}}))
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_by_default_files_are_on_disk_and_the_cache_is_the_processs_own():
    done = shared_state_settings()
    assert done.returncode == 0, done.stderr
    chosen = json.loads(done.stdout)
    assert (chosen["cache"], chosen["storage"]) == ("LocMemCache", "FileSystemStorage")
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["axes"] == "axes.handlers.database.AxesDatabaseHandler"


def test_the_environment_names_a_shared_cache_and_a_private_object_store():
    done = shared_state_settings(CACHE_URL="redis://127.0.0.1:6379/0", OBJECT_STORE_BUCKET=BUCKET,
                                 OBJECT_STORE_URL="http://127.0.0.1:9000", OBJECT_STORE_REGION="vn-hanoi-1",
                                 OBJECT_STORE_ACCESS_KEY="key", OBJECT_STORE_SECRET_KEY="secret")
    assert done.returncode == 0, done.stderr
    chosen = json.loads(done.stdout)
    assert (chosen["cache"], chosen["storage"]) == ("RedisCache", "S3Storage")
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"  # sessions stay in the database
    assert chosen["options"] == {"bucket_name": BUCKET, "endpoint_url": "http://127.0.0.1:9000",
                                 "region_name": "vn-hanoi-1", "addressing_style": "path", "default_acl": None,
                                 "querystring_auth": True, "file_overwrite": False}


def test_a_cache_url_that_is_not_redis_is_refused_at_start_up():
    done = shared_state_settings(CACHE_URL="memcached://127.0.0.1:11211")
    assert done.returncode != 0 and "CACHE_URL must be a Redis address" in done.stderr
