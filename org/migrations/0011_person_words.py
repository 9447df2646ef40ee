"""PostgreSQL: the words of every person's folded name, one row each, in the order a one-word search of people shows
them (issue 15), as members 0018/0019 keep them for the members: `org_personword` holds (word, the name's sort key,
the person) with the folded name, the word's offset in it and the person's unit path beside them in one b-tree, so
that the people a province sees whose name has a word starting with "nguyen" are a range of that index, read in the
search's order (org.search), where finding the 72,000 of them and sorting them took 200 ms for one page.

The rows are a copy kept by triggers, whoever writes: an INSERT of people adds all its rows' words in one statement
(its transition table); a rename or a move rewrites one person's words (statements planned at each call); a delete
or the table emptied removes them. No foreign key, as for the members' words (Django's flush truncates org_person).
SQLite has no such table: its people are searched by scan.
"""

from django.db import migrations, models

from config.migration_operations import RunSQLOnPostgreSQL

COLUMNS = "person_id, start, word, sort_name, search_name, unit_path"
WORDS_OF = """SELECT p.id, w.start, w.word, p.sort_name, p.search_name, p.unit_path
              FROM {table} p, dangvu_name_words(p.search_name) w WHERE w.start < 32768"""

FORWARD = [
    """
    CREATE TABLE IF NOT EXISTS org_personword (
        person_id uuid NOT NULL,
        start smallint NOT NULL,
        word varchar(150) COLLATE "C" NOT NULL,
        sort_name varchar(500) COLLATE "C" NOT NULL,
        search_name varchar(150) NOT NULL,
        unit_path varchar(255) COLLATE "C" NOT NULL,
        PRIMARY KEY (person_id, start)
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION org_personword_of_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'INSERT INTO org_personword ({COLUMNS}) {WORDS_OF.format(table="inserted_people")}';
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER org_personword_inserted AFTER INSERT ON org_person
        REFERENCING NEW TABLE AS inserted_people
        FOR EACH STATEMENT EXECUTE FUNCTION org_personword_of_inserted()
    """,
    f"""
    CREATE OR REPLACE FUNCTION org_personword_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'DELETE FROM org_personword WHERE person_id = $1' USING NEW.id;
            EXECUTE 'INSERT INTO org_personword ({COLUMNS}) {WORDS_OF.format(table="org_person")} AND p.id = $1'
                USING NEW.id;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER org_personword_updated AFTER UPDATE ON org_person
        FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name
                           OR OLD.sort_name IS DISTINCT FROM NEW.sort_name
                           OR OLD.unit_path IS DISTINCT FROM NEW.unit_path)
        EXECUTE FUNCTION org_personword_of_person()
    """,
    """
    CREATE OR REPLACE FUNCTION org_personword_person_gone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'DELETE FROM org_personword WHERE person_id = $1' USING OLD.id;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER org_personword_deleted AFTER DELETE ON org_person
        FOR EACH ROW EXECUTE FUNCTION org_personword_person_gone()
    """,
    """
    CREATE OR REPLACE FUNCTION org_personword_people_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE org_personword;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER org_personword_truncated AFTER TRUNCATE ON org_person
        FOR EACH STATEMENT EXECUTE FUNCTION org_personword_people_emptied()
    """,
    f"INSERT INTO org_personword ({COLUMNS}) {WORDS_OF.format(table='org_person')} ON CONFLICT DO NOTHING",
    """
    CREATE INDEX IF NOT EXISTS org_personword_order ON org_personword (word, sort_name, person_id)
        INCLUDE (start, search_name, unit_path)
    """,
    "ANALYZE org_personword",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS org_personword_truncated ON org_person",
    "DROP TRIGGER IF EXISTS org_personword_deleted ON org_person",
    "DROP TRIGGER IF EXISTS org_personword_updated ON org_person",
    "DROP TRIGGER IF EXISTS org_personword_inserted ON org_person",
    "DROP FUNCTION IF EXISTS org_personword_people_emptied()",
    "DROP FUNCTION IF EXISTS org_personword_person_gone()",
    "DROP FUNCTION IF EXISTS org_personword_of_person()",
    "DROP FUNCTION IF EXISTS org_personword_of_inserted()",
    "DROP TABLE IF EXISTS org_personword",
]


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0010_organization_search_name"),
        ("members", "0018_name_words"),  # dangvu_name_words()
    ]

    operations = [
        migrations.CreateModel(
            name="PersonWord",
            fields=[
                ("pk", models.CompositePrimaryKey("person", "start", blank=True, editable=False, primary_key=True,
                                                  serialize=False)),
                ("person", models.ForeignKey(on_delete=models.DO_NOTHING, related_name="name_words",
                                             to="org.person")),
                ("start", models.SmallIntegerField()),
                ("word", models.CharField(max_length=150)),
                ("sort_name", models.CharField(max_length=500)),
                ("search_name", models.CharField(max_length=150)),
                ("unit_path", models.CharField(max_length=255)),
            ],
            options={"db_table": "org_personword", "managed": False},
        ),
        RunSQLOnPostgreSQL(FORWARD, BACKWARD),
    ]
