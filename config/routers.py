"""The read replica (DATABASE_REPLICA_URL): which database a query goes to.

Writes always go to the primary. A read goes to the replica only when one is configured and the request being
answered allows it: `config.middleware.ReplicaReadsMiddleware` allows the GET and HEAD pages of a browser whose last
write is older than READ_YOUR_WRITES_SECONDS, so that a clerk always sees what she has just saved (a replica may lag
a few seconds behind). Everything else reads the primary: other methods, API calls with a token (a script that
writes and reads back keeps no cookie to say when it wrote), background work and management commands (no request),
and, within an allowed request, every read after its first write or inside a transaction.
"""

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

READ_YOUR_WRITES_SECONDS = 10

# Whether the request being answered may read the replica; False outside requests.
replica_reads_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads_allowed", default=False)

# Read from the primary whatever the request: sessions (a login must hold on the next page), login failures and
# lockouts (a lagging copy would grant extra tries), the background tasks' queue (claimed by the worker).
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_tasks_database"})


def replica_configured() -> bool:
    return settings.REPLICA_DB_ALIAS in settings.DATABASES


def may_read_replica(model) -> bool:
    """A read may go to the replica: one is configured, the request allows it, the model's rows are not needed
    fresh, and the primary has no transaction open (what a transaction writes, it reads back from the primary)."""
    return (replica_configured() and replica_reads_allowed.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return settings.REPLICA_DB_ALIAS if may_read_replica(model) else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        """The primary; and the rest of the request reads from it too (read-your-writes within a request)."""
        replica_reads_allowed.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: their rows may be related

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica receives the primary's schema by replication
