"""On PostgreSQL the audit log becomes a table partitioned by month of `created` (audit.partitions); SQLite keeps its
plain table (nothing happens there, either way).

Forwards, in one transaction, the table locked: the plain table is renamed aside; a partitioned table of the same
columns takes its name, with the partitions of every month the rows were written in, this month's and the next
months', and a DEFAULT partition; every row is copied, ids kept; the plain table is dropped; then the primary key,
the indexes (each now a partitioned index, on every partition), the foreign keys and the append-only trigger are
created again under their own names. PostgreSQL requires the partition key in the primary key: the database's key is
(id, created), while Django's model keeps `id` as its primary key (ids come from one sequence, so they stay unique;
no table refers to an audit row). The identity column becomes a column with a sequence of its own (PostgreSQL 15 has
no identity column on a partitioned table), which continues where the old one stopped.

Backwards does the reverse: one plain table again, its identity continuing from the sequence, the same indexes,
keys and trigger.
"""

from django.db import migrations

from audit import partitions

TABLE = partitions.TABLE
ASIDE = f"{TABLE}_aside"
SEQUENCE = f"{TABLE}_id_seq"
TRIGGER = f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()"""


def _definitions(cursor) -> tuple[list[str], list[tuple[str, str]]]:
    """The table's indexes (but its primary key) as CREATE INDEX statements, and its foreign keys (name, definition)."""
    cursor.execute(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = to_regclass(%s) AND NOT i.indisprimary "
        "ORDER BY i.indexrelid", [TABLE],
    )
    # A partitioned table's index is written "ON ONLY table": created again, it is built on every partition.
    indexes = [definition.replace(" ON ONLY ", " ON ") for (definition,) in cursor.fetchall()]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(%s) AND contype = 'f' "
        "ORDER BY conname", [TABLE],
    )
    return indexes, cursor.fetchall()


def _last_value(cursor, sequence: str) -> tuple[int, bool]:
    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
    return cursor.fetchone()


def _finish(cursor, primary_key: str, indexes, foreign_keys) -> None:
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no table is dropped with foreign key checks pending on it
    cursor.execute(f"DROP TABLE {ASIDE}")
    cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY ({primary_key})")
    for definition in indexes:
        cursor.execute(definition)
    for name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
    cursor.execute(TRIGGER)


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        indexes, foreign_keys = _definitions(cursor)
        last_value, is_called = _last_value(cursor, SEQUENCE)
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {ASIDE}")
        cursor.execute(f"ALTER SEQUENCE {SEQUENCE} RENAME TO {ASIDE}_id_seq")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {ASIDE} INCLUDING STORAGE INCLUDING COMMENTS) "
                       "PARTITION BY RANGE (created)")
        cursor.execute(f"CREATE SEQUENCE {SEQUENCE} AS bigint OWNED BY {TABLE}.id")
        cursor.execute("SELECT setval(%s, %s, %s)", [SEQUENCE, last_value, is_called])
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{SEQUENCE}')")
        for month in sorted(partitions.months_of_rows(cursor, ASIDE)):
            cursor.execute(partitions.create_partition_sql(month))
        cursor.execute(partitions.create_default_partition_sql())
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {ASIDE}")
        _finish(cursor, "id, created", indexes, foreign_keys)
    # This month's and the next months' partitions (the rows' own months are there already).
    partitions.ensure_partitions(using=schema_editor.connection.alias)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        indexes, foreign_keys = _definitions(cursor)
        last_value, is_called = _last_value(cursor, SEQUENCE)
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {ASIDE}")
        cursor.execute(f"ALTER SEQUENCE {SEQUENCE} RENAME TO {ASIDE}_id_seq")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {ASIDE} INCLUDING STORAGE INCLUDING COMMENTS)")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, %s)", [TABLE, last_value, is_called])
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {ASIDE}")
        _finish(cursor, "id", indexes, foreign_keys)  # the partitions go with the partitioned table


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_actor_in_accounts")]
    operations = [migrations.RunPython(partition, unpartition, elidable=False)]
