"""The database's own upkeep that services ask for: fresh planner statistics after a bulk write."""

from django.db import connections, router, transaction


def analyze(*models) -> None:
    """Refresh the planner's statistics of the models' tables (PostgreSQL's ANALYZE, one statement), so that the
    next query over rows a bulk write has just added (a member list of thousands, a ward merger) is not planned as
    over the handful autovacuum last counted, which once took minutes. It samples a fixed number of rows: a second or
    two even on a table of millions.

    A no-op on SQLite: the project never runs ANALYZE there (its planner's fixed guesses favour the indexes every
    list is built on, and statistics kept for some tables only would change plans elsewhere).

    Call it once the write is committed (`analyze_after_commit`): inside the transaction it would hold its lock on
    the tables until the end, and the statistics must describe rows other sessions see."""
    tables_by_alias: dict[str, list[str]] = {}
    for model in models:
        tables = tables_by_alias.setdefault(router.db_for_write(model), [])
        if model._meta.db_table not in tables:
            tables.append(model._meta.db_table)
    for alias, tables in tables_by_alias.items():
        connection = connections[alias]
        if connection.vendor != "postgresql" or not tables:
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")


def analyze_after_commit(*models) -> None:
    """`analyze(*models)` once the transaction open now commits (at once outside one; never if it rolls back). Its
    failure (a statement cancelled, say) is logged and leaves the committed write as it is: autovacuum analyses the
    tables later anyway."""
    transaction.on_commit(lambda: analyze(*models), robust=True)
