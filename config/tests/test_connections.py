"""A worker thread keeps its database connection between the requests it serves, on SQLite as on PostgreSQL: opening
one (and, on SQLite, running its PRAGMAs) cost more than a page's session and user queries, and halved the rate of
the lightest pages (bench/http.py). On PostgreSQL, a connection the server dropped is replaced at the next request."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def conn_max_age(**environment) -> float:
    """CONN_MAX_AGE of the default database as a server's settings set it (a fresh interpreter, not under pytest)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DANGVU_TESTING"}}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings", DANGVU_DEMO="1")
    script = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    return float(result.stdout)


def test_a_server_keeps_its_connections_on_either_engine(tmp_path):
    assert conn_max_age(DANGVU_VAR_DIR=str(tmp_path)) >= 60
    assert conn_max_age(DANGVU_VAR_DIR=str(tmp_path), DATABASE_URL="postgres://u@127.0.0.1:1/x") >= 60


@pytest.mark.django_db(transaction=True)
def test_the_connection_outlives_a_request():
    connection.ensure_connection()
    opened = connection.connection
    request_started.send(sender=None)  # what Django does at the start and end of each request: close_old_connections
    request_finished.send(sender=None)
    assert connection.connection is opened
    with connection.cursor() as cursor:  # and it still answers
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_at_the_next_request():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's file is not a server that drops a connection")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (dropped,) = cursor.fetchone()
    connection.connection.close()  # as a restarted server leaves it
    request_started.send(sender=None)
    # The first use of a kept connection in a request checks it (CONN_HEALTH_CHECKS), finds it unusable and opens
    # another; without the check, this statement would fail.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != dropped
