"""Pattern indexes so that membership and card number prefixes are index lookups on PostgreSQL."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS members_membership_no_pattern ON members_partymember (membership_no varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS members_card_no_pattern ON members_partymember (card_no varchar_pattern_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS members_membership_no_pattern", "DROP INDEX IF EXISTS members_card_no_pattern"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
