"""PostgreSQL: the name words' triggers (0018) made linear for bulk writes.

0018 wrote a member's words through a SQL function whose plan PostgreSQL kept for the whole transaction: planned at
the first member of an import, while the words' table looked empty (its statistics said no live rows), it read that
table whole for every later member, so a bulk insert took time in the square of its size (20,000 members: 4 minutes
instead of 10 s). Now:

- an INSERT of members adds the words of all its rows in one statement, from the rows it inserted (a transition
  table), planned when it runs;
- a move or a rename rewrites one member's words with statements planned at each call (EXECUTE), on the table as it
  is then.
"""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION members_nameword_write(member uuid) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'DELETE FROM members_nameword WHERE member_id = $1' USING member;
            EXECUTE 'INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
                     SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
                     FROM members_partymember m JOIN org_person p ON p.id = m.person_id,
                          dangvu_name_words(p.search_name) w
                     WHERE m.id = $1 AND w.start < 32768' USING member;
        END $$
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_of_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
                     SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
                     FROM inserted_members m JOIN org_person p ON p.id = m.person_id,
                          dangvu_name_words(p.search_name) w
                     WHERE w.start < 32768';
            RETURN NULL;
        END $$
    """,
    "DROP TRIGGER IF EXISTS members_nameword_inserted ON members_partymember",
    """
    CREATE TRIGGER members_nameword_inserted AFTER INSERT ON members_partymember
        REFERENCING NEW TABLE AS inserted_members
        FOR EACH STATEMENT EXECUTE FUNCTION members_nameword_of_inserted()
    """,
    """
    CREATE OR REPLACE FUNCTION members_nameword_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            member uuid;
        BEGIN
            FOR member IN EXECUTE 'SELECT id FROM members_partymember WHERE person_id = $1' USING NEW.id LOOP
                PERFORM members_nameword_write(member);
            END LOOP;
            RETURN NULL;
        END $$
    """,
]
# Back to 0018's row trigger for inserts; the functions planned at each call are kept (they write the same rows).
BACKWARD = [
    "DROP TRIGGER IF EXISTS members_nameword_inserted ON members_partymember",
    "DROP FUNCTION IF EXISTS members_nameword_of_inserted()",
    """
    CREATE TRIGGER members_nameword_inserted AFTER INSERT ON members_partymember
        FOR EACH ROW EXECUTE FUNCTION members_nameword_of_member()
    """,
]

class Migration(migrations.Migration):

    dependencies = [
        ("members", "0018_name_words"),
    ]

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]
