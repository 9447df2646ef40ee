"""On PostgreSQL the database itself refuses UPDATE and DELETE on audit rows (TRUNCATE, used by test
teardown, stays possible). SQLite relies on the model and queryset guards."""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

FORBID = """
CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_logentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_logentry_append_only
    BEFORE UPDATE OR DELETE ON audit_logentry
    FOR EACH ROW EXECUTE FUNCTION audit_logentry_append_only();
"""
ALLOW = """
DROP TRIGGER IF EXISTS audit_logentry_append_only ON audit_logentry;
DROP FUNCTION IF EXISTS audit_logentry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]
    operations = [RunSQLOnPostgreSQL([FORBID], [ALLOW])]
