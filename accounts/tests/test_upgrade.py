"""An installation made while users were part of org (before accounts existed) migrates to accounts keeping every
account, role and token, and the audit rows about them still name them. Run through `manage.py migrate`, in a second
database of the run's engine (a SQLite file, or a PostgreSQL database made for the test)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.utils import truncate_name
from django.db.utils import load_backend

ROOT = Path(__file__).resolve().parents[2]
RENAMED = {  # what accounts.0002 renames, back to what org.0001 created
    "accounts_user": "org_user",
    "accounts_user_groups": "org_user_groups",
    "accounts_user_user_permissions": "org_user_user_permissions",
    "accounts_assignment": "org_assignment",
    "accounts_apitoken": "org_apitoken",
}
# The migrations written for the move; an installation of before has none of them.
NEW_MIGRATIONS = [("accounts", "0001_initial"), ("accounts", "0002_tables"), ("org", "0008_accounts_moved"),
                  ("audit", "0004_actor_in_accounts"), ("members", "0014_import_sender_in_accounts"),
                  ("documents", "0009_uploader_in_accounts")]


@pytest.fixture
def second_database(tmp_path):
    """(settings, environment) of an empty database beside the test one, for manage.py to migrate."""
    env = {**os.environ, "DANGVU_DEMO": "1"}
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["DANGVU_VAR_DIR"] = str(tmp_path)
        yield {**connection.settings_dict, "NAME": tmp_path / "dangvu.sqlite3"}, env
        return
    name = truncate_name(f"{connection.settings_dict['NAME']}_upgrade_{uuid.uuid4().hex[:8]}", 63)
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quoted}")
    s = connection.settings_dict
    env["DATABASE_URL"] = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"
    try:
        yield {**s, "NAME": name}, env
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def manage(env, *args) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_sql(settings_dict, *statements, fetch=False):
    db = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="upgrade")
    try:
        with db.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
            rows = cursor.fetchall() if fetch else None
        db.commit() if not db.get_autocommit() else None
        return rows
    finally:
        db.close()


def as_before_accounts(settings_dict):
    """Turn a database migrated today into what an installation of before holds: org's table names, org's content
    types, no record of the migrations of the move; then one account with a role, a token and an audit row."""
    statements = [(f"ALTER TABLE {new} RENAME TO {old}", []) for new, old in RENAMED.items()]
    statements += [("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
                   for app, name in NEW_MIGRATIONS]
    statements += [
        ("UPDATE django_content_type SET app_label = 'org' WHERE app_label = 'accounts'", []),
        ("INSERT INTO org_organization (id, path, depth, numchild, name, kind, cell_category, code, valid_from, "
         "address, note) VALUES (%s, '0001', 1, 0, 'Đảng ủy phường Sài Đồng', 'ward', '', 'sd', '2020-01-01', '', "
         "'')", [uuid.UUID(int=1).hex]),
        ("INSERT INTO org_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
         "date_joined, is_demo) VALUES ('!', %s, 'old-clerk', '', '', '', %s, %s, '2025-01-02 03:04:05', %s)",
         [False, False, True, False]),
        ("INSERT INTO org_assignment (user_id, organization_id, role, created) SELECT id, %s, 'ward_clerk', "
         "'2025-01-02 03:04:05' FROM org_user WHERE username = 'old-clerk'", [uuid.UUID(int=1).hex]),
        ("INSERT INTO org_apitoken (user_id, key_hash, prefix, created, expires_at) SELECT id, 'h', 'p', "
         "'2025-01-02 03:04:05', '2099-01-01 00:00:00' FROM org_user WHERE username = 'old-clerk'", []),
        ("INSERT INTO audit_logentry (created, actor_repr, action, content_type_id, object_id, object_repr, data) "
         "SELECT '2025-01-02 03:04:05', '', 'org.user.created', ct.id, u.id, 'old-clerk', '{}' FROM org_user u, "
         "django_content_type ct WHERE u.username = 'old-clerk' AND ct.app_label = 'org' AND ct.model = 'user'", []),
    ]
    run_sql(settings_dict, *statements)


# The schema of the last release before the move, less its records of the move (as_before_accounts): our apps at
# the migration they had then (apps made since are absent), Django's and the libraries' at their newest.
TO_BEFORE = """
from pathlib import Path

from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OURS_THEN = {"accounts": "0002_tables", "org": "0008_accounts_moved", "audit": "0004_actor_in_accounts",
             "members": "0014_import_sender_in_accounts", "documents": "0009_uploader_in_accounts",
             "meetings": "0005_record_versions"}
root = Path.cwd().resolve()
executor = MigrationExecutor(connection)
libraries = [node for node in executor.loader.graph.leaf_nodes()
             if Path(apps.get_app_config(node[0]).path).resolve().parent != root]
executor.migrate(libraries + list(OURS_THEN.items()))
emit_post_migrate_signal(0, False, "default")  # the content types, as migrate makes them
"""


@pytest.mark.django_db
def test_an_installation_of_before_migrates_keeping_its_accounts(second_database):
    settings_dict, env = second_database
    manage(env, "shell", "-c", TO_BEFORE)
    as_before_accounts(settings_dict)

    out = manage(env, "migrate", "--no-input")

    assert "Recorded accounts.0001_initial as applied" in out and "Applying accounts.0002_tables... OK" in out
    [(username, role, tokens)] = run_sql(settings_dict, (
        "SELECT u.username, a.role, (SELECT COUNT(*) FROM accounts_apitoken t WHERE t.user_id = u.id) "
        "FROM accounts_user u JOIN accounts_assignment a ON a.user_id = u.id", []), fetch=True)
    assert (username, role, tokens) == ("old-clerk", "ward_clerk", 1)
    [(app_label, model)] = run_sql(settings_dict, (
        "SELECT ct.app_label, ct.model FROM audit_logentry e JOIN django_content_type ct ON ct.id = e.content_type_id "
        "WHERE e.action = 'org.user.created'", []), fetch=True)
    assert (app_label, model) == ("accounts", "user")
    assert not run_sql(settings_dict, ("SELECT 1 FROM django_content_type WHERE app_label = 'org' AND model IN "
                                       "('user', 'assignment', 'apitoken')", []), fetch=True)
    assert "No migrations to apply" in manage(env, "migrate", "--no-input")  # and again: nothing left to do
