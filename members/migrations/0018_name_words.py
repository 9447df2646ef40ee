"""PostgreSQL: the words of every member's folded name, one row each, in the order a one-word search shows them
(issue 15, the national search). `members_nameword` holds (word, the name's sort key, the member) with the folded
name, the word's offset in it and the member's unit path beside them in one b-tree, so that "who has a word starting
with 'ng'" is a range of that index read in the search's order (members.search): the first page of a one-word search
over the whole country, and its count capped at 10,001, read from the index alone, where the GIN index of the word
prefixes (org 0003) finds the 2 million Nguyễn only to sort them all.

The rows are a copy kept by triggers, as the unit paths are (org.unit_paths): a member written, its person renamed,
its unit moved, the member deleted or the members' table emptied, whoever writes. No foreign key: Django empties the
tables it manages (between tests, `flush`) with a TRUNCATE that a key from this unmanaged table would refuse; a
trigger empties this one after it. `dangvu_name_words` must split a folded name as core.search.name_words does
(tested).
The word and the sort key are in the "C" collation whatever the database's: the index orders them byte by byte, as
the search's order does on every path and on SQLite. SQLite has no such table: a ward's data is searched by scan.
"""

from django.db import migrations, models

from config.migration_operations import RunSQLOnPostgreSQL

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION dangvu_name_words(name text) RETURNS TABLE (word text, start integer)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT part, start FROM (
            SELECT part, (sum(length(part) + 1) OVER (ORDER BY n) - length(part) - 1)::integer AS start
            FROM unnest(string_to_array(name, ' ')) WITH ORDINALITY AS t(part, n)
        ) AS words
        WHERE part <> ''
    $$
    """,
    """
    CREATE TABLE IF NOT EXISTS members_nameword (
        member_id uuid NOT NULL,
        start smallint NOT NULL,
        word varchar(150) COLLATE "C" NOT NULL,
        sort_name varchar(500) COLLATE "C" NOT NULL,
        search_name varchar(150) NOT NULL,
        unit_path varchar(255) COLLATE "C" NOT NULL,
        PRIMARY KEY (member_id, start)
    )
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_write(member uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM members_nameword WHERE member_id = member;
        INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
        SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
        FROM members_partymember m JOIN org_person p ON p.id = m.person_id,
             dangvu_name_words(p.search_name) w
        WHERE m.id = member AND w.start < 32768;
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_of_member() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM members_nameword_write(NEW.id);
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_nameword_inserted AFTER INSERT ON members_partymember
        FOR EACH ROW EXECUTE FUNCTION members_nameword_of_member()
    """,
    """
    CREATE OR REPLACE TRIGGER members_nameword_updated AFTER UPDATE ON members_partymember
        FOR EACH ROW WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path OR OLD.person_id IS DISTINCT FROM NEW.person_id)
        EXECUTE FUNCTION members_nameword_of_member()
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_member_gone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM members_nameword WHERE member_id = OLD.id;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_nameword_deleted AFTER DELETE ON members_partymember
        FOR EACH ROW EXECUTE FUNCTION members_nameword_member_gone()
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_members_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE members_nameword;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_nameword_truncated AFTER TRUNCATE ON members_partymember
        FOR EACH STATEMENT EXECUTE FUNCTION members_nameword_members_emptied()
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM members_nameword_write(m.id) FROM members_partymember m WHERE m.person_id = NEW.id;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_nameword_renamed AFTER UPDATE ON org_person
        FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name
                           OR OLD.sort_name IS DISTINCT FROM NEW.sort_name)
        EXECUTE FUNCTION members_nameword_of_person()
    """,
    """
    INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
    SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
    FROM members_partymember m JOIN org_person p ON p.id = m.person_id, dangvu_name_words(p.search_name) w
    WHERE w.start < 32768
    ON CONFLICT DO NOTHING
    """,
    """
    CREATE INDEX IF NOT EXISTS members_nameword_order ON members_nameword (word, sort_name, member_id)
        INCLUDE (start, search_name, unit_path)
    """,
    "ANALYZE members_nameword",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS members_nameword_truncated ON members_partymember",
    "DROP TRIGGER IF EXISTS members_nameword_deleted ON members_partymember",
    "DROP FUNCTION IF EXISTS members_nameword_members_emptied()",
    "DROP FUNCTION IF EXISTS members_nameword_member_gone()",
    "DROP TRIGGER IF EXISTS members_nameword_renamed ON org_person",
    "DROP TRIGGER IF EXISTS members_nameword_updated ON members_partymember",
    "DROP TRIGGER IF EXISTS members_nameword_inserted ON members_partymember",
    "DROP FUNCTION IF EXISTS members_nameword_of_person()",
    "DROP FUNCTION IF EXISTS members_nameword_of_member()",
    "DROP FUNCTION IF EXISTS members_nameword_write(uuid)",
    "DROP TABLE IF EXISTS members_nameword",
    "DROP FUNCTION IF EXISTS dangvu_name_words(text)",
]


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0017_unit_path"),
        ("org", "0010_organization_search_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                ("pk", models.CompositePrimaryKey("member", "start", blank=True, editable=False, primary_key=True,
                                                  serialize=False)),
                ("member", models.ForeignKey(on_delete=models.DO_NOTHING, related_name="name_words",
                                             to="members.partymember")),
                ("start", models.SmallIntegerField()),
                ("word", models.CharField(max_length=150)),
                ("sort_name", models.CharField(max_length=500)),
                ("search_name", models.CharField(max_length=150)),
                ("unit_path", models.CharField(max_length=255)),
            ],
            options={"db_table": "members_nameword", "managed": False},
        ),
        RunSQLOnPostgreSQL(FORWARD, BACKWARD),
    ]
