"""The rows that carry their unit's place in the tree (core.scoping.UnitPathField), kept by the database.

A row's `unit_path` is the tree path of its organisation. Triggers keep it so whichever way a row is written (the
services, a bulk import, the scale generator, a restore) and whenever a unit moves in the tree (the ward merger moves
chi bộ under the new ward; treebeard rewrites their paths in one UPDATE): the database writes the copy, so no writer
can forget it. `install()` (re)creates them idempotently: from the migrations that add such a field, and after every
`migrate`. On SQLite they are dropped before every `migrate` (org.apps): a migration that rebuilds a table there
renames a copy into its place, which SQLite refuses while a trigger names the table; the rows written meanwhile are
corrected when they come back.
"""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections

from core.scoping import UnitPathField

ORGANIZATIONS = "org_organization"


def carriers(models=None) -> list[tuple[str, str, str, str]]:
    """(table, primary key column, unit path column, organisation column) of every model (of `models`) with a unit
    path."""
    found = []
    for model in apps.get_models() if models is None else models:
        for field in model._meta.concrete_fields:
            if isinstance(field, UnitPathField):
                source = model._meta.get_field(field.source)
                found.append((model._meta.db_table, model._meta.pk.column, field.column, source.column))
    return found


def _postgresql(table: str, pk: str, column: str, source: str) -> list[str]:
    name = f"{table}_{column}"
    return [
        f"""CREATE OR REPLACE FUNCTION {name}_of_unit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.{column} := COALESCE((SELECT path FROM {ORGANIZATIONS} WHERE id = NEW.{source}), '');
                RETURN NEW;
            END $$""",
        f"""CREATE OR REPLACE TRIGGER {name}_of_unit BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}_of_unit()""",
        f"""CREATE OR REPLACE FUNCTION {name}_unit_moved() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {table} SET {column} = NEW.path WHERE {source} = NEW.id;
                RETURN NULL;
            END $$""",
        f"""CREATE OR REPLACE TRIGGER {name}_unit_moved AFTER UPDATE OF path ON {ORGANIZATIONS}
            FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION {name}_unit_moved()""",
    ]


def _sqlite(table: str, pk: str, column: str, source: str) -> list[str]:
    # SQLite's triggers cannot change the row being written: each writes the copy after it, once (the WHEN stops a
    # second round; recursive triggers are off anyway).
    name = f"{table}_{column}"
    unit_path = f"COALESCE((SELECT path FROM {ORGANIZATIONS} WHERE id = NEW.{source}), '')"
    write = f"UPDATE {table} SET {column} = {unit_path} WHERE {pk} = NEW.{pk}"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {name}_inserted AFTER INSERT ON {table} BEGIN {write}; END",
        f"""CREATE TRIGGER IF NOT EXISTS {name}_updated AFTER UPDATE ON {table}
            WHEN NEW.{column} IS NOT {unit_path} BEGIN {write}; END""",
        f"""CREATE TRIGGER IF NOT EXISTS {name}_unit_moved AFTER UPDATE OF path ON {ORGANIZATIONS}
            WHEN OLD.path IS NOT NEW.path
            BEGIN UPDATE {table} SET {column} = NEW.path WHERE {source} = NEW.id; END""",
    ]


def _trigger_names(table: str, column: str, vendor: str) -> set[str]:
    name = f"{table}_{column}"
    if vendor == "postgresql":
        return {f"{name}_of_unit", f"{name}_unit_moved"}
    return {f"{name}_inserted", f"{name}_updated", f"{name}_unit_moved"}


def _existing_triggers(cursor, vendor: str) -> set[str]:
    if vendor == "postgresql":
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {row[0] for row in cursor.fetchall()}


def install(using: str = DEFAULT_DB_ALIAS, found=None) -> list[str]:
    """Create the triggers of every carrier (or of those `found`) that lacks them, and correct the copies of its
    rows (written while it had none). Returns the tables it installed."""
    conn = connections[using]
    statements = _postgresql if conn.vendor == "postgresql" else _sqlite
    tables = set(conn.introspection.table_names())
    installed = []
    with conn.cursor() as cursor:
        existing = _existing_triggers(cursor, conn.vendor)
        for table, pk, column, source in carriers() if found is None else found:
            if table not in tables or ORGANIZATIONS not in tables or column not in {
                    info.name for info in conn.introspection.get_table_description(cursor, table)}:
                continue  # migrated to a state before the field
            if _trigger_names(table, column, conn.vendor) <= existing:
                continue
            for statement in statements(table, pk, column, source):
                cursor.execute(statement)
            refresh(cursor, table, column, source, conn.vendor)
            installed.append(table)
    return installed


def refresh(cursor, table: str, column: str, source: str, vendor: str) -> int:
    """Write the copy where it differs; returns how many rows it wrote."""
    if vendor == "postgresql":  # a join: a million rows in seconds, where a subquery per row takes minutes
        cursor.execute(f"""UPDATE {table} SET {column} = o.path FROM {ORGANIZATIONS} o
                           WHERE o.id = {table}.{source} AND {table}.{column} IS DISTINCT FROM o.path""")
        written = cursor.rowcount
        cursor.execute(f"UPDATE {table} SET {column} = '' WHERE {source} IS NULL AND {column} <> ''")
        return written + cursor.rowcount
    path = f"COALESCE((SELECT path FROM {ORGANIZATIONS} WHERE {ORGANIZATIONS}.id = {table}.{source}), '')"
    cursor.execute(f"UPDATE {table} SET {column} = {path} WHERE {column} IS NOT {path}")
    return cursor.rowcount


def uninstall(using: str = DEFAULT_DB_ALIAS, found=None) -> None:
    """Drop the triggers of the carriers (`found`: a migration taken back)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        for table, _pk, column, _source in carriers() if found is None else found:
            for name in _trigger_names(table, column, conn.vendor):
                on = ORGANIZATIONS if name.endswith("_unit_moved") else table
                if conn.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {on}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def keep_in_migration(app_label: str, model_name: str):
    """The migration operation that follows adding a unit path field: its triggers installed, its rows filled (and,
    taken back, its triggers dropped)."""
    from django.db import migrations

    def found(apps):
        return carriers([apps.get_model(app_label, model_name)])

    def forward(apps, schema_editor):
        conn = schema_editor.connection
        if conn.vendor == "postgresql":
            install(conn.alias, found=found(apps))
        else:  # filled now, the triggers after the migrate (see above)
            with conn.cursor() as cursor:
                for table, _pk, column, source in found(apps):
                    refresh(cursor, table, column, source, conn.vendor)

    def backward(apps, schema_editor):
        uninstall(schema_editor.connection.alias, found=found(apps))

    return migrations.RunPython(forward, backward)


def before_migrate(using: str = DEFAULT_DB_ALIAS) -> None:
    """On SQLite, drop every unit path trigger before the migrations run (see above)."""
    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%unit_path%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
