"""PostgreSQL: every prefix of every word of the folded name, as an array with a GIN index, so that "each word of
the query starts a word of the name" (member search) is one index condition, `dangvu_word_prefixes(search_name)
@> ARRAY['nguyen', 'quang', 'd']`. GIN intersects the words' posting lists from the rarest one, so a common
surname costs little; the trigram index (0002) answered `LIKE '% nguyen%'` with bitmaps of a third of the table
(bench/member_search.py). The trigram index stays: the people search matches anywhere in a word.

The function must stay IMMUTABLE and give what core.search.word_prefixes gives (tested); it uses built-ins only,
so the index does not depend on the search_path. SQLite keeps LIKE (fast enough at ward scale)."""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION dangvu_word_prefixes(name text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ARRAY(
            SELECT DISTINCT left(word, n)
            FROM unnest(string_to_array(name, ' ')) AS word, generate_series(1, length(word)) AS n
        )
    $$
    """,
    "CREATE INDEX IF NOT EXISTS org_person_word_prefixes ON org_person USING gin (dangvu_word_prefixes(search_name))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS org_person_word_prefixes",
    "DROP FUNCTION IF EXISTS dangvu_word_prefixes(text)",
]


class Migration(migrations.Migration):
    dependencies = [("org", "0002_search_indexes")]
    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]
