"""Indexes for accent-insensitive search on PostgreSQL: a trigram index on the folded name answers both
"starts with" and "a word starts with" (LIKE 'w%' / LIKE '% w%'); a pattern index answers CCCD prefixes.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. SQLite scans instead, which
is fast enough at ward scale."""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS org_person_search_name_trgm ON org_person USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS org_person_cccd_pattern ON org_person (cccd varchar_pattern_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS org_person_cccd_pattern",
    "DROP INDEX IF EXISTS org_person_search_name_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]
