"""Django's `migrate`, after one bookkeeping step for installations older than the accounts app.

Users, roles and tokens were created by org's first migration; accounts.0001 only moves Django's picture of them
(no SQL). An installation made before that move has applied Django's admin migration, which depends on whichever app
holds the user model, now accounts.0001: Django would refuse to migrate it ("InconsistentMigrationHistory"). Since
accounts.0001 changes nothing in the database, recording it as applied where org's first migration already ran is
exactly what running it would do; accounts.0002 then renames the tables as any migration does.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

STATE_ONLY_MOVE = ("accounts", "0001_initial")
TABLES_CREATED_BY = ("org", "0001_initial")


def record_state_only_move(connection) -> bool:
    """Record accounts.0001 as applied on a database whose users org's first migration created; True if it did."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if TABLES_CREATED_BY not in applied or STATE_ONLY_MOVE in applied:
        return False
    recorder.record_applied(*STATE_ONLY_MOVE)
    return True


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if record_state_only_move(connections[options.get("database") or DEFAULT_DB_ALIAS]):
            self.stdout.write("Recorded accounts.0001_initial as applied: the user tables were made by org.0001.")
        return super().handle(*args, **options)
