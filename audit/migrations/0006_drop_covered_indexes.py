"""The log's foreign keys to the content type and to the organisation lose their own indexes: the composite ones
(content_type, object_id, -created) and (organization, -created) start with them and serve every lookup they did,
the PROTECT checks included. On PostgreSQL each index is one per month (0005), and the planner weighs every index
of every partition a query may read.

Only the indexes are dropped: Django's AlterField would also drop and add the foreign keys again, and adding one
checks every row of the log."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {  # as 0001 named them, on both engines
    "audit_logentry_content_type_id_cb799936": "content_type_id",
    "audit_logentry_organization_id_38b71934": "organization_id",
}


def _run(schema_editor, statements) -> None:
    if schema_editor.connection.vendor == "postgresql":  # no index changes with foreign key checks pending
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    _run(schema_editor, [f'DROP INDEX IF EXISTS "{name}"' for name in INDEXES])


def create(apps, schema_editor):
    _run(schema_editor, [f'CREATE INDEX IF NOT EXISTS "{name}" ON "audit_logentry" ("{column}")'
                         for name, column in INDEXES.items()])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_partition_by_month"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("org", "0010_organization_search_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create)],
            state_operations=[
                migrations.AlterField(
                    model_name="logentry",
                    name="content_type",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="+", to="contenttypes.contenttype"),
                ),
                migrations.AlterField(
                    model_name="logentry",
                    name="organization",
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                            to="org.organization", verbose_name="tổ chức"),
                ),
            ],
        ),
    ]
