"""Pattern indexes so that membership and card number prefixes are index lookups on PostgreSQL."""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

FORWARD = [
    "CREATE INDEX IF NOT EXISTS members_membership_no_pattern ON members_partymember (membership_no varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS members_card_no_pattern ON members_partymember (card_no varchar_pattern_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS members_membership_no_pattern", "DROP INDEX IF EXISTS members_card_no_pattern"]


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]
