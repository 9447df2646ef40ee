"""PostgreSQL: every member's numbers in one index, in the order a number search shows them (issue 15).

A search of a number lists the members whose membership number, card number or CCCD starts with it, by the number
matched (members.search). Found in the three columns' own indexes and sorted, a short prefix over the country
("001078": everyone born in 1978 of one sex) sorted 50,000 members for a page. `members_membernumber` holds one row
per number of each member, (number, member) in one b-tree in the "C" collation, so that the first page of a number
search and its count capped at 10,001 are a range of that index read in order.

Beside each number, the row holds what decides whether it is the one a member is listed at, without reading the
member: a member is listed once, at the smallest of its numbers that match (and that its reader may read), so the row
holds the member's three numbers and, for each, whether it comes before the row's own (byte by byte; of two equal, the
lower kind: 1 the membership number, 2 the card number, 3 the CCCD), the member's unit path (the scope of the members)
and its person's (the scope of the CCCD, people.view_sensitive). A row passed over is one of a member listed earlier in the index's order: a page reads at
most three rows per member it shows.

The rows are a copy kept by triggers, as the name words are (0018, 0019): a member inserted (one statement for all
the rows of an INSERT), its numbers or unit changed, its person's CCCD or unit changed, the member deleted or the
members' table emptied, whoever writes. SQLite has no such table: a ward's data is searched by the columns' indexes.
"""

from django.db import migrations, models

from config.migration_operations import RunSQLOnPostgreSQL

# The rows of the members of `source` (the members' table, or the rows an INSERT added), with their people.
# Whether another of the member's numbers comes before the row's own: byte by byte, and of two equal, the lower kind.
ROWS = """
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
COLUMNS = ("member_id, kind, number, unit_path, person_path, membership_no, card_no, cccd, membership_before, "
           "card_before, cccd_before")

FORWARD = [
    """
    CREATE TABLE IF NOT EXISTS members_membernumber (
        member_id uuid NOT NULL,
        kind smallint NOT NULL,
        number varchar(32) COLLATE "C" NOT NULL,
        unit_path varchar(255) COLLATE "C" NOT NULL,
        person_path varchar(255) COLLATE "C" NOT NULL,
        membership_no varchar(32) COLLATE "C" NOT NULL,
        card_no varchar(32) COLLATE "C" NOT NULL,
        cccd varchar(12) COLLATE "C" NOT NULL,
        membership_before boolean NOT NULL,
        card_before boolean NOT NULL,
        cccd_before boolean NOT NULL,
        PRIMARY KEY (member_id, kind)
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION members_membernumber_write(member uuid) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'DELETE FROM members_membernumber WHERE member_id = $1' USING member;
            EXECUTE 'INSERT INTO members_membernumber ({COLUMNS}) {ROWS.format(source="members_partymember")}
                     AND m.id = $1' USING member;
        END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION members_membernumber_of_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'INSERT INTO members_membernumber ({COLUMNS}) {ROWS.format(source="inserted_members")}';
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_membernumber_inserted AFTER INSERT ON members_partymember
        REFERENCING NEW TABLE AS inserted_members
        FOR EACH STATEMENT EXECUTE FUNCTION members_membernumber_of_inserted()
    """,
    """
    CREATE OR REPLACE FUNCTION members_membernumber_of_member() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM members_membernumber_write(NEW.id);
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_membernumber_updated AFTER UPDATE ON members_partymember
        FOR EACH ROW WHEN (OLD.membership_no IS DISTINCT FROM NEW.membership_no
                           OR OLD.card_no IS DISTINCT FROM NEW.card_no
                           OR OLD.unit_path IS DISTINCT FROM NEW.unit_path
                           OR OLD.person_id IS DISTINCT FROM NEW.person_id)
        EXECUTE FUNCTION members_membernumber_of_member()
    """,
    """
    CREATE OR REPLACE FUNCTION members_membernumber_member_gone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE 'DELETE FROM members_membernumber WHERE member_id = $1' USING OLD.id;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_membernumber_deleted AFTER DELETE ON members_partymember
        FOR EACH ROW EXECUTE FUNCTION members_membernumber_member_gone()
    """,
    """
    CREATE OR REPLACE FUNCTION members_membernumber_members_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE members_membernumber;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_membernumber_truncated AFTER TRUNCATE ON members_partymember
        FOR EACH STATEMENT EXECUTE FUNCTION members_membernumber_members_emptied()
    """,
    """
    CREATE OR REPLACE FUNCTION members_membernumber_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            member uuid;
        BEGIN
            FOR member IN EXECUTE 'SELECT id FROM members_partymember WHERE person_id = $1' USING NEW.id LOOP
                PERFORM members_membernumber_write(member);
            END LOOP;
            RETURN NULL;
        END $$
    """,
    """
    CREATE OR REPLACE TRIGGER members_membernumber_of_person AFTER UPDATE ON org_person
        FOR EACH ROW WHEN (OLD.cccd IS DISTINCT FROM NEW.cccd OR OLD.unit_path IS DISTINCT FROM NEW.unit_path)
        EXECUTE FUNCTION members_membernumber_of_person()
    """,
    f"INSERT INTO members_membernumber ({COLUMNS}) {ROWS.format(source='members_partymember')} ON CONFLICT DO NOTHING",
    """
    CREATE INDEX IF NOT EXISTS members_membernumber_order ON members_membernumber (number, member_id)
        INCLUDE (kind, unit_path, person_path, membership_no, card_no, cccd, membership_before, card_before,
                 cccd_before)
    """,
    # A search reads a short range of the index (a page; a count stopped at 10,001). PostgreSQL misjudges how many
    # rows a numeric prefix holds ("001074": 1,700 expected, 88,000 found), and a parallel scan it then plans for the
    # count costs 26 ms in starting its workers, where one process takes 3 ms.
    "ALTER TABLE members_membernumber SET (parallel_workers = 0)",
    "ANALYZE members_membernumber",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS members_membernumber_of_person ON org_person",
    "DROP TRIGGER IF EXISTS members_membernumber_truncated ON members_partymember",
    "DROP TRIGGER IF EXISTS members_membernumber_deleted ON members_partymember",
    "DROP TRIGGER IF EXISTS members_membernumber_updated ON members_partymember",
    "DROP TRIGGER IF EXISTS members_membernumber_inserted ON members_partymember",
    "DROP FUNCTION IF EXISTS members_membernumber_of_person()",
    "DROP FUNCTION IF EXISTS members_membernumber_members_emptied()",
    "DROP FUNCTION IF EXISTS members_membernumber_member_gone()",
    "DROP FUNCTION IF EXISTS members_membernumber_of_member()",
    "DROP FUNCTION IF EXISTS members_membernumber_of_inserted()",
    "DROP FUNCTION IF EXISTS members_membernumber_write(uuid)",
    "DROP TABLE IF EXISTS members_membernumber",
]


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0019_name_words_bulk"),
        ("org", "0011_person_words"),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberNumber",
            fields=[
                ("pk", models.CompositePrimaryKey("member", "kind", blank=True, editable=False, primary_key=True,
                                                  serialize=False)),
                ("member", models.ForeignKey(on_delete=models.DO_NOTHING, related_name="numbers",
                                             to="members.partymember")),
                ("kind", models.SmallIntegerField()),
                ("number", models.CharField(max_length=32)),
                ("unit_path", models.CharField(max_length=255)),
                ("person_path", models.CharField(max_length=255)),
                ("membership_no", models.CharField(max_length=32)),
                ("card_no", models.CharField(max_length=32)),
                ("cccd", models.CharField(max_length=12)),
                ("membership_before", models.BooleanField()),
                ("card_before", models.BooleanField()),
                ("cccd_before", models.BooleanField()),
            ],
            options={"db_table": "members_membernumber", "managed": False},
        ),
        RunSQLOnPostgreSQL(FORWARD, BACKWARD),
    ]
