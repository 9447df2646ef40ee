"""PostgreSQL: a member's copies (its name words, 0019; its numbers, 0020) are written under a lock that a change of
its person waits for, or waits for a change of its person.

A member's copies are rewritten by deleting its rows and inserting them anew, from a change of the member (which holds
the member's row lock) or from a change of its person (a rename, a CCCD, a move), which held only the person's.
Two transactions changing a member and its person at the same moment (a card number and the CCCD, a move and a
rename) then raced: the second's DELETE waited for the first's rows, did not see the rows the first inserted, and
its INSERT failed on their keys (or, for the words of another name, left both). Each rewrite now takes the member's
row lock first (FOR NO KEY UPDATE, as an UPDATE of the member does): the second waits for the first to commit, then
reads and deletes what the first wrote.

Members inserted for a person being renamed or given another CCCD at the same moment raced too: the insert wrote the
copies from the person as it was, and the person's change, not seeing the new members, left them so. An insert now
takes a share lock on its members' people first (FOR SHARE, which a change of the person waits for, and which waits
for one): whichever commits second sees the other's change.
"""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL

# Before a member's copies are rewritten: its row's lock (held already when the member itself changed).
LOCK = "EXECUTE 'SELECT 1 FROM members_partymember WHERE id = $1 FOR NO KEY UPDATE' USING member;"
# Before an insert's copies are written: a share lock on the inserted members' people.
PEOPLE_LOCK = "EXECUTE 'SELECT 1 FROM org_person WHERE id IN (SELECT person_id FROM inserted_members) FOR SHARE';"
# As 0019 and 0020 wrote them (frozen history: restated, not imported).
NUMBER_ROWS = """
    SELECT m.id, k.kind, k.number, m.unit_path, p.unit_path, m.membership_no, m.card_no, concat(p.cccd),
           k.kind <> 1 AND length(m.membership_no) > 0
               AND m.membership_no COLLATE "C" <= k.number COLLATE "C",
           k.kind <> 2 AND length(m.card_no) > 0
               AND (m.card_no COLLATE "C" < k.number COLLATE "C" OR m.card_no = k.number AND k.kind = 3),
           k.kind <> 3 AND length(concat(p.cccd)) > 0 AND p.cccd COLLATE "C" < k.number COLLATE "C"
    FROM {source} m JOIN org_person p ON p.id = m.person_id,
         LATERAL (VALUES (1, m.membership_no::text), (2, m.card_no::text), (3, p.cccd::text)) AS k(kind, number)
    WHERE length(k.number) > 0
"""
NUMBER_COLUMNS = ("member_id, kind, number, unit_path, person_path, membership_no, card_no, cccd, membership_before, "
                  "card_before, cccd_before")
WORDS = """
            EXECUTE 'DELETE FROM members_nameword WHERE member_id = $1' USING member;
            EXECUTE 'INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
                     SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
                     FROM members_partymember m JOIN org_person p ON p.id = m.person_id,
                          dangvu_name_words(p.search_name) w
                     WHERE m.id = $1 AND w.start < 32768' USING member;
"""
NUMBERS = f"""
            EXECUTE 'DELETE FROM members_membernumber WHERE member_id = $1' USING member;
            EXECUTE 'INSERT INTO members_membernumber ({NUMBER_COLUMNS}) {NUMBER_ROWS.format(source="members_partymember")}
                     AND m.id = $1' USING member;
"""


def write_function(name: str, statements: str, *, locked: bool) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}(member uuid) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            {LOCK if locked else ""}
            {statements}
        END $$
    """


WORDS_OF_INSERTED = """
            EXECUTE 'INSERT INTO members_nameword (member_id, start, word, sort_name, search_name, unit_path)
                     SELECT m.id, w.start, w.word, p.sort_name, p.search_name, m.unit_path
                     FROM inserted_members m JOIN org_person p ON p.id = m.person_id,
                          dangvu_name_words(p.search_name) w
                     WHERE w.start < 32768';
"""
NUMBERS_OF_INSERTED = f"""
            EXECUTE 'INSERT INTO members_membernumber ({NUMBER_COLUMNS}) {NUMBER_ROWS.format(source="inserted_members")}';
"""


def inserted_function(name: str, statements: str, *, locked: bool) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {PEOPLE_LOCK if locked else ""}
            {statements}
            RETURN NULL;
        END $$
    """


def functions(*, locked: bool) -> list[str]:
    return [write_function("members_nameword_write", WORDS, locked=locked),
            write_function("members_membernumber_write", NUMBERS, locked=locked),
            inserted_function("members_nameword_of_inserted", WORDS_OF_INSERTED, locked=locked),
            inserted_function("members_membernumber_of_inserted", NUMBERS_OF_INSERTED, locked=locked)]


FORWARD = functions(locked=True)
BACKWARD = functions(locked=False)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0020_member_numbers"),
    ]

    operations = [RunSQLOnPostgreSQL(FORWARD, BACKWARD)]
