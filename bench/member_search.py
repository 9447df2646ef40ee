"""Member search speed (issue 4, "Search that stays fast"): the project's search, Django's naive `icontains` and
hand-written SQL, side by side over N synthetic Party members.

    .venv/bin/python bench/member_search.py [--members N] [--queries Q] [--seed S]
    scripts/with-postgres.sh .venv/bin/python bench/member_search.py --members 1000000

Without DATABASE_URL: a throw-away SQLite file under a fresh temporary DANGVU_VAR_DIR, removed at the end.
With DATABASE_URL (PostgreSQL): that database is used as is -- migrated, then filled. Point it at a scratch database
(scripts/with-postgres.sh starts one and throws it away). The bench refuses to run on a database that holds anything
but a previous bench run (whose rows it deletes first).

1. Generates N members (default 200,000; up to national scale, 5.6 million): Vietnamese names drawn from the
   surname / middle / given-name lists of demo/data.py with realistic frequencies, gender-consistent middle names;
   each a Person in one of 30 chi bộ under one ward (created here), search_name = core.search.fold(full_name),
   a CCCD 001 + sex/century digit + 2-digit birth year + 6 digits (unique), and an official PartyMember with a unique
   membership number ("01-" + 7 digits) and card number ("01." + 7 digits). bulk_create in batches of 10,000, one
   transaction per batch; on PostgreSQL above 200,000 members, COPY through psycopg. If the project has a search
   token table and core.search.search_tokens(), the tokens are filled with that function.
2. Draws Q queries from the generated rows (5 kinds in turn: full name typed without accents, word prefixes,
   surname + given name, card-number prefix, CCCD prefix) and answers each of them, as the UI's first page does:
   total count + first 50 rows (member id, full name) ordered by the folded name, then the member id:
     a. project:  PartyMember.objects.search(q), ordered as the UI and the API order a search (by
                  core.search.search_order("person__search_name"), then id; plainly by the name before it), through
                  Django's Paginator
     b. naive:    PartyMember.objects.filter(person__full_name__icontains=word) for each typed word, same order and
                  page (over the accented name: it does not find unaccented input; its hit counts are printed);
                  also timed given the same query typed with accents ("naive,acc"), when it does find the names
     c. hand SQL: one statement written for the vendor, answering (a)'s query with the indexes the project has
                  (the matches found once give the count and the page); its ids are checked against (a)'s.
   Each method is warmed up on the first 10 queries, then every query is timed (perf_counter) per method, the methods
   interleaved. Prints median / p95 in ms per query kind and the ratios, the hit counts, the database vendor and
   version, the indexes of org_person / members_partymember, and the plans of the project's query for one
   multi-word query and for its slowest query (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).

Memory stays bounded: rows are generated and written one batch at a time; only Q sample rows are kept.
PostgreSQL gets VACUUM ANALYZE after the load (autovacuum would do it in production); SQLite is not ANALYZEd (the
project never runs it).
"""

import argparse
import bisect
import datetime
import functools
import inspect
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
import uuid
from pathlib import Path

# Not this folder: bench/http.py would stand in for the standard library's http.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"  # a generated secret key; nothing else of the demo is used
VAR_DIR = tempfile.mkdtemp(prefix="dangvu-bench-")
os.environ["DANGVU_VAR_DIR"] = VAR_DIR  # the SQLite file (when no DATABASE_URL) lives and dies here
os.environ["AXES_ENABLED"] = "0"

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.db.models.expressions import DatabaseDefault  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

import core.search  # noqa: E402

try:
    from core.pagination import COUNT_CAP, SearchPaginator
except ImportError:  # a commit before it: Django's Paginator
    SearchPaginator = COUNT_CAP = None
try:
    from members.search import WALK_MATCHES, ordered_search, walks
except ImportError:  # a commit before it: one way, by name
    ordered_search = walks = None
try:
    from core.pagination import RangeCount
    from core.walk import worth_walking
    from members.models import NameWord
except ImportError:  # a commit before them: a walk of several words when many matches are expected; counted whole
    RangeCount = worth_walking = None
from core.search import fold  # noqa: E402
from demo.data import GIVEN_NAMES, MIDDLE_NAMES, SURNAMES  # noqa: E402
from members.models import PartyMember, Status  # noqa: E402
from org.models import CellCategory, Gender, Kind, Organization, Person  # noqa: E402

BATCH = 10_000
PAGE = 50  # the UI's and the API's page size
COPY_ABOVE = 200_000  # on PostgreSQL, COPY instead of bulk_create above this many members
MAX_MEMBERS = 9_999_999  # capacity of the 7-digit membership / card serials
CELLS = 30
CODE_PREFIX = "bench-"  # codes of the organisations a bench run creates: how a previous run is recognised
WARMUP = 10
TODAY = datetime.date(2025, 6, 30)
PERSON_TABLE, MEMBER_TABLE = Person._meta.db_table, PartyMember._meta.db_table

# Plain strings, not the enums: psycopg's COPY would write an Enum by its name.
MALE, FEMALE, OFFICIAL = Gender.MALE.value, Gender.FEMALE.value, Status.OFFICIAL.value
# Given names by rank (demo/data.py lists them roughly most common first): Zipf-like weights.
GIVEN_WEIGHTS = {gender: [1 / (rank + 1) ** 0.8 for rank in range(len(names))] for gender, names in GIVEN_NAMES.items()}
MALE_SHARE = 0.62  # roughly the share of men among Party members
SECOND_MIDDLE = {MALE: 0.05, FEMALE: 0.22}  # "Lê Thị Hồng Nhung"


def cumulative(weights):
    return list(itertools.accumulate(weights))


class Names:
    """Draws Vietnamese names: surname by frequency, gender-consistent middle name(s), given name by rank."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.surnames = [name for name, _ in SURNAMES]
        self.surname_cum = cumulative([weight for _, weight in SURNAMES])
        self.given_cum = {gender: cumulative(weights) for gender, weights in GIVEN_WEIGHTS.items()}

    def draw(self, gender: str) -> str:
        rng = self.rng
        surname = self.surnames[bisect.bisect(self.surname_cum, rng.random() * self.surname_cum[-1])]
        middles = MIDDLE_NAMES[gender]  # repeated entries ("Văn" ×3, "Thị" ×3) carry the frequencies
        middle = rng.choice(middles)
        if rng.random() < SECOND_MIDDLE[gender]:
            second = rng.choice(middles)
            if second != middle:
                middle = f"{middle} {second}"
        cum = self.given_cum[gender]
        given = GIVEN_NAMES[gender][bisect.bisect(cum, rng.random() * cum[-1])]
        return f"{surname} {middle} {given}"


@functools.lru_cache(maxsize=200_000)
def folded(full_name: str) -> str:
    return fold(full_name)


class Numbers:
    """Unique identifiers without a set of all the numbers drawn: serials through a permutation of their range."""

    def __init__(self, rng: random.Random):
        self.cccd_next = {}  # (sex/century digit, yy) -> serial
        self.cccd_offset = {}
        self.rng = rng
        self.member_offset = rng.randrange(10**7)
        self.card_offset = rng.randrange(10**7)

    def cccd(self, gender: str, born: datetime.date) -> str:
        digit = (0 if born.year < 2000 else 2) + (1 if gender == FEMALE else 0)
        key = (digit, born.year % 100)
        serial = self.cccd_next.get(key, 0)
        if serial >= 10**6:
            raise SystemExit(f"more than a million members born in {born.year} of one sex: CCCD serials exhausted")
        self.cccd_next[key] = serial + 1
        offset = self.cccd_offset.setdefault(key, self.rng.randrange(10**6))
        six = (serial * 480_163 + offset) % 10**6  # 480163 is prime to 10^6: a bijection of 0..999999
        return f"001{digit}{key[1]:02d}{six:06d}"

    def membership_no(self, index: int) -> str:
        return f"01-{(index * 7_654_321 + self.member_offset) % 10**7:07d}"

    def card_no(self, index: int) -> str:
        return f"01.{(index * 3_141_593 + self.card_offset) % 10**7:07d}"


def random_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)  # reproducible from --seed


def random_day(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


# Safety: a scratch database only ------------------------------------------------------------------------------------

# Filled by `migrate` itself (post_migrate), not data.
MIGRATION_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


def token_support():
    """(model, search_tokens, owner field, token field) when the project has a search token table, else None."""
    candidates = [model for model in apps.get_models() if "searchtoken" in model.__name__.lower()]
    if not candidates:
        return None
    model = candidates[0]
    build = getattr(core.search, "search_tokens", None)
    owners = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model in (Person, PartyMember)]
    texts = [f for f in model._meta.concrete_fields
             if isinstance(f, models.CharField) and not f.is_relation and not f.primary_key]
    if build is None or len(owners) != 1 or len(texts) != 1:
        raise SystemExit(
            f"{model._meta.label} exists but this bench does not know how to fill it (it expects core.search."
            f"search_tokens(text) and one foreign key to Person/PartyMember plus one text column): update the bench."
        )
    return model, build, owners[0], texts[0]


def bench_tables(tokens) -> list[str]:
    tables = [MEMBER_TABLE, PERSON_TABLE, Organization._meta.db_table]
    if tokens:
        tables.insert(0, tokens[0]._meta.db_table)
    return tables


def refuse_foreign_data(tokens) -> bool:
    """Exits if the database holds anything but a previous bench run; True when a previous run is there."""
    existing = set(connection.introspection.table_names())
    org_table = Organization._meta.db_table
    with connection.cursor() as cursor:
        def has_rows(sql):
            cursor.execute(sql)
            return cursor.fetchone() is not None

        foreign = []
        bench_filter = {
            org_table: f"SELECT 1 FROM {org_table} WHERE code IS NULL OR code NOT LIKE '{CODE_PREFIX}%' LIMIT 1",
            PERSON_TABLE: f"SELECT 1 FROM {PERSON_TABLE} WHERE organization_id NOT IN "
                          f"(SELECT id FROM {org_table} WHERE code LIKE '{CODE_PREFIX}%') LIMIT 1",
            MEMBER_TABLE: f"SELECT 1 FROM {MEMBER_TABLE} WHERE organization_id NOT IN "
                          f"(SELECT id FROM {org_table} WHERE code LIKE '{CODE_PREFIX}%') LIMIT 1",
        }
        previous = org_table in existing and has_rows(
            f"SELECT 1 FROM {org_table} WHERE code LIKE '{CODE_PREFIX}%' LIMIT 1")
        for table in sorted(existing - MIGRATION_TABLES):
            if tokens and table == tokens[0]._meta.db_table:
                continue  # only ever points at people, checked below
            if table in COPIES:
                continue  # a copy of the members or the people, kept by triggers: checked below through them
            sql = bench_filter.get(table, f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if has_rows(sql):
                foreign.append(table)
    if foreign:
        raise SystemExit(
            f"refusing to run: this database holds data other than a previous bench run (tables {', '.join(foreign)}). "
            "Point DATABASE_URL at a scratch database, e.g. scripts/with-postgres.sh .venv/bin/python "
            "bench/member_search.py"
        )
    return previous


def clear_previous_run(tokens):
    tables = bench_tables(tokens)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Every other table is empty (refuse_foreign_data): CASCADE only satisfies the foreign-key check.
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


# Generation ---------------------------------------------------------------------------------------------------------


def run_code(args) -> str:
    """The code of the root a run creates: says which --members and --seed made the rows (for --keep)."""
    return f"{CODE_PREFIX}city-{args.members}-{args.seed}"


def create_organizations(args) -> list[Organization]:
    root = Organization.objects.add_root(instance=Organization(
        name="Thành ủy (dữ liệu thử tải)", kind=Kind.CITY_COMMITTEE, code=run_code(args)))
    ward = Organization.objects.add_child(root, instance=Organization(
        name="Đảng ủy phường Thử Tải", kind=Kind.WARD_COMMITTEE, code=f"{CODE_PREFIX}ward"))
    cells = []
    for number in range(1, CELLS + 1):
        agency = number > CELLS - 5
        cells.append(Organization.objects.add_child(ward, instance=Organization(
            name=f"Chi bộ cơ quan số {number}" if agency else f"Chi bộ khu dân cư số {number}",
            kind=Kind.CELL, cell_category=CellCategory.AGENCY if agency else CellCategory.RESIDENTIAL,
            code=f"{CODE_PREFIX}cb{number:02d}",
        )))
        ward.refresh_from_db()
    return cells


class RowMaker:
    """Column values of one model, the given ones plus each other field's default (what bulk_create would store)."""

    def __init__(self, model, now):
        self.fields = list(model._meta.concrete_fields)
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif not (f.has_default() and callable(f.default)):
                self.defaults[f.attname] = f.get_default()
        self.copy_fields = [f for f in self.fields if not isinstance(self.defaults.get(f.attname), DatabaseDefault)]
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.copy_fields)

    def values(self, given: dict) -> tuple:
        defaults = self.defaults
        return tuple(
            given[f.attname] if f.attname in given
            else defaults[f.attname] if f.attname in defaults
            else f.get_default()
            for f in self.copy_fields
        )


def generate(args, rng, cells, tokens, sample_size):
    """Writes args.members members; returns a reservoir sample of `sample_size` generated rows."""
    names, numbers = Names(rng), Numbers(rng)
    now = timezone.now()
    use_copy = connection.vendor == "postgresql" and args.members > COPY_ABOVE
    person_rows, member_rows = RowMaker(Person, now), RowMaker(PartyMember, now)
    token_rows = RowMaker(tokens[0], now) if tokens else None
    token_arg = None
    if tokens:
        params = list(inspect.signature(tokens[1]).parameters)
        token_arg = "search_name" if params and ("fold" in params[0] or "search" in params[0]) else "full_name"
    sample = []
    written = token_count = 0
    start = time.perf_counter()
    print(f"generating {args.members:,} members in batches of {BATCH:,} "
          f"({'COPY' if use_copy else 'bulk_create'}, {connection.vendor})", flush=True)
    while written < args.members:
        size = min(BATCH, args.members - written)
        persons, members, token_batch = [], [], []
        for index in range(written, written + size):
            gender = MALE if rng.random() < MALE_SHARE else FEMALE
            full_name = names.draw(gender)
            born = random_day(rng, int(rng.triangular(1935, 2006.99, 1978)))
            admitted_at = min(born.year + 18 + int(rng.expovariate(1 / 9)), TODAY.year - 1)
            official = min(random_day(rng, admitted_at + 1), TODAY)
            cell = cells[index % len(cells)]
            person = {
                "id": random_uuid(rng), "organization_id": cell.pk, "full_name": full_name,
                "search_name": folded(full_name), "gender": gender, "date_of_birth": born,
                "cccd": numbers.cccd(gender, born),
            }
            member = {
                "id": random_uuid(rng), "person_id": person["id"], "organization_id": cell.pk,
                "membership_no": numbers.membership_no(index), "card_no": numbers.card_no(index),
                "status": OFFICIAL, "status_since": official, "official_on": official,
            }
            persons.append(person)
            members.append(member)
            if tokens:
                model, build, owner, text = tokens
                owner_id = person["id"] if owner.related_model is Person else member["id"]
                for token in build(person[token_arg]):
                    token_batch.append({owner.attname: owner_id, text.attname: token})
            # Reservoir sample (algorithm R): the queries are drawn from these.
            row = (full_name, person["search_name"], member["card_no"], person["cccd"])
            if index < sample_size:
                sample.append(row)
            else:
                slot = rng.randrange(index + 1)
                if slot < sample_size:
                    sample[slot] = row
        with transaction.atomic():
            if use_copy:
                with connection.cursor() as cursor:
                    for maker, model, rows in ((person_rows, Person, persons), (member_rows, PartyMember, members),
                                               (token_rows, tokens and tokens[0], token_batch)):
                        if not rows:
                            continue
                        with cursor.copy(f"COPY {model._meta.db_table} ({maker.columns}) FROM STDIN") as copy:
                            for values in rows:
                                copy.write_row(maker.values(values))
            else:
                Person.objects.bulk_create([Person(**values) for values in persons], batch_size=BATCH)
                PartyMember.objects.bulk_create([PartyMember(**values) for values in members], batch_size=BATCH)
                if token_batch:
                    tokens[0].objects.bulk_create([tokens[0](**values) for values in token_batch], batch_size=BATCH)
        written += size
        token_count += len(token_batch)
        elapsed = time.perf_counter() - start
        print(f"  {written:>10,} / {args.members:,} members  {elapsed:7.1f} s  {written / elapsed:9,.0f} members/s",
              flush=True)
    elapsed = time.perf_counter() - start
    rows = 2 * written + token_count
    print(f"generated {written:,} members ({rows:,} rows{f', {token_count:,} search tokens' if tokens else ''}) "
          f"in {elapsed:.1f} s: {written / elapsed:,.0f} members/s, {rows / elapsed:,.0f} rows/s", flush=True)
    return sample


def analyse(tokens, start) -> float:
    """VACUUM ANALYZE after the load (PostgreSQL); the load's seconds."""
    if connection.vendor == "postgresql":
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for table in bench_tables(tokens):
                cursor.execute(f"VACUUM ANALYZE {table}")
        print(f"VACUUM ANALYZE: {time.perf_counter() - began:.1f} s")
    return time.perf_counter() - start


def kept_sample(args, rng, sample_size):
    """Rows of a kept run, drawn at random: the same numbers generate() gave them (Numbers draws its offsets from the
    seeded generator first), fetched by membership number."""
    numbers = Numbers(rng)
    indexes = random.Random(args.seed + 1).sample(range(args.members), min(sample_size, args.members))
    found = {
        member.membership_no: (member.person.full_name, member.person.search_name, member.card_no, member.person.cccd)
        for member in PartyMember.objects.filter(membership_no__in=[numbers.membership_no(i) for i in indexes])
        .select_related("person")
    }
    if len(found) != len(indexes):
        raise SystemExit("--keep: the kept rows are not the ones this seed generates; run without --keep")
    return list(found.values())


# Tables that only copy the members' or the people's columns, kept by triggers: the name words (members 0018, org
# 0011) and the members' numbers (members 0020).
COPIES = {"members_nameword", "org_personword", "members_membernumber"}


# Queries ------------------------------------------------------------------------------------------------------------

KINDS = ("full name", "word prefixes", "surname + given", "one word", "one letter", "card prefix", "CCCD prefix")


def make_queries(sample, count, rng):
    """(kind, typed without accents, the same typed with accents) for `count` queries drawn from `sample`."""
    queries = []
    rows = list(sample)
    rng.shuffle(rows)
    for index in range(count):
        full_name, search_name, card_no, cccd = rows[index % len(rows)]
        words, accented = search_name.split(), full_name.split()
        assert [len(word) for word in words] == [len(word) for word in accented]  # NFC: one letter, one character
        kind = KINDS[index % len(KINDS)]
        if kind == "full name":
            text, with_accents = search_name, full_name
        elif kind == "word prefixes":
            lengths = [rng.randint(min(3, len(words[0])), len(words[0]))]
            lengths += [rng.randint(1, len(word)) for word in words[1:]]
            text = " ".join(word[:length] for word, length in zip(words, lengths, strict=True))
            with_accents = " ".join(word[:length] for word, length in zip(accented, lengths, strict=True))
        elif kind == "surname + given":
            text, with_accents = f"{words[0]} {words[-1]}", f"{accented[0]} {accented[-1]}"
        elif kind == "one word":  # search-as-you-type: the first letters of one word of a name
            position = rng.randrange(len(words))
            length = rng.randint(min(2, len(words[position])), len(words[position]))
            text, with_accents = words[position][:length], accented[position][:length]
        elif kind == "one letter":
            text, with_accents = words[0][:1], accented[0][:1]
        elif kind == "card prefix":
            text = with_accents = card_no[: rng.randint(6, len(card_no))]
        else:
            text = with_accents = cccd[: rng.randint(6, len(cccd))]
        queries.append((kind, text, with_accents))
    return queries


# Who searches: one who may read every CCCD (the search matches the CCCD only where its reader may read it).
READER = types.SimpleNamespace(is_active=True, is_superuser=True, is_authenticated=True)


def project_page(query):
    """As the UI and the API: the project's search, ordered as they order a search, count + first page, through the
    project's paginator (core.pagination) or, before it existed, Django's."""
    if ordered_search is not None:  # members.search: the order and the way of reading it (issue 15)
        queryset = ordered_search(PartyMember.objects.all(), query, reader=READER)
    else:
        queryset = PartyMember.objects.search(query, reader=READER)
        if hasattr(core.search, "search_order"):  # as members.lists.apply_list ordered a search
            queryset = queryset.order_by(core.search.search_order("person__search_name"), "id")
        else:
            queryset = queryset.order_by("person__search_name", "id")
    if SearchPaginator is None:
        page = Paginator(queryset.values_list("id", "person__full_name"), PAGE).page(1)
        return page.paginator.count, list(page.object_list)
    # Model instances, as the pages get them (only what the page shows is read).
    page = SearchPaginator(queryset.select_related("person").only("id", "person", "person__full_name"),
                           PAGE).get_page(1)
    return page.paginator.count, [(member.id, member.person.full_name) for member in page.object_list]


def naive_page(query):
    """Django's naive way: icontains on the accented full name, one filter per typed word."""
    queryset = PartyMember.objects.all()
    for word in query.split():
        queryset = queryset.filter(person__full_name__icontains=word)
    queryset = queryset.order_by("person__search_name", "id")
    page = Paginator(queryset.values_list("id", "person__full_name"), PAGE).page(1)
    return page.paginator.count, list(page.object_list)


def like_escape(word):
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def glob_escape(word):
    return word.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]")


def hand_sql(query):
    """The statement written by hand for (a)'s query: (sql, params).

    Same predicates as PartyMemberQuerySet.search (read from str(queryset.query)): a word with a digit starts the
    membership number, the card number or the CCCD; any other word starts a word of the folded name. (Should the
    project's rule change, the ids check after every query reports it.) By hand:
    - the name words stay on org_person: on PostgreSQL all of them in one condition on the GIN index of the
      word prefixes (org migration 0003), or, before it, a bitmap from the trigram index per word;
    - a number word becomes `m.id IN (three prefix lookups UNION ALL)`, each prefix answered by its own index
      (an OR across the two tables could use none of them);
    - the matches are computed once, in a MATERIALIZED CTE, which gives both the count and the page: one pass
      instead of the Paginator's two.
    On SQLite, prefixes are GLOB 'w*' (case-sensitive, so SQLite may range-scan a BINARY index; LIKE is
    case-insensitive and cannot): for names the same rows as Django's LIKE, because search_name is lower case
    (fold) and so is the query; for numbers the same as the project's prefix ranges. A partial unique index
    serves a query only if the query restates the index's WHERE word for word, hence NOT (card_no = '').
    """
    words = fold(query).split()
    sqlite = connection.vendor == "sqlite"
    where, params, names = [], [], []
    for word in words:
        if any(character.isdigit() for character in word):
            if sqlite:
                pattern, op = glob_escape(word) + "*", "GLOB %s"
            else:
                pattern, op = like_escape(word) + "%", "LIKE %s"
            where.append(
                f"m.id IN (SELECT id FROM {MEMBER_TABLE} WHERE membership_no {op} AND NOT (membership_no = '')"
                f" UNION ALL SELECT id FROM {MEMBER_TABLE} WHERE card_no {op} AND NOT (card_no = '')"
                f" UNION ALL SELECT m2.id FROM {MEMBER_TABLE} m2 JOIN {PERSON_TABLE} p2 ON p2.id = m2.person_id"
                f" WHERE p2.cccd {op} AND p2.cccd IS NOT NULL)"
            )
            params += [pattern] * 3
        elif not sqlite and word_prefix_function():
            names.append(word)
        elif sqlite:
            where.append("(p.search_name GLOB %s OR p.search_name GLOB %s)")
            params += [glob_escape(word) + "*", "* " + glob_escape(word) + "*"]
        else:
            where.append("(p.search_name LIKE %s OR p.search_name LIKE %s)")
            params += [like_escape(word) + "%", "% " + like_escape(word) + "%"]
    if names:  # the name words together, on the GIN index of the word prefixes (org migration 0003); one-letter
        # words, whose posting lists hold most of the table, tested on the rows the longer ones found
        indexed = [word for word in names if len(word) > 1] or names
        where.append("dangvu_word_prefixes(p.search_name) @> %s::text[]")
        params.append(indexed)
        for word in names:
            if word not in indexed:
                where.append("(p.search_name LIKE %s OR p.search_name LIKE %s)")
                params += [like_escape(word) + "%", "% " + like_escape(word) + "%"]
    first = next((word for word in words if not any(character.isdigit() for character in word)), None)
    typed = [word for word in words if not any(character.isdigit() for character in word)]
    if (walks is not None and len(words) == 1 and not typed and number_table()
            and walks(PartyMember.objects.all())):
        return number_walk_sql(words[0])  # the way members.search chooses
    matched_number = None
    if not typed and words and number_table() is not None:  # numbers only: by the number matched (members.search)
        if sqlite:
            pattern, like, byte = glob_escape(words[0]) + "*", "GLOB", ""
        else:
            pattern, like, byte = like_escape(words[0]) + "%", "LIKE", ' COLLATE "C"'
        # The smallest of the member's numbers that match; of two equal, membership, then card (members.search).
        member_no, card_no, cccd = (f"{column}{byte}" for column in ("m.membership_no", "m.card_no", "p.cccd"))
        m_ok = f"(m.membership_no {like} %s AND m.membership_no <> '')"
        c_ok = f"(m.card_no {like} %s AND m.card_no <> '')"
        p_ok = f"(p.cccd {like} %s AND p.cccd IS NOT NULL)"
        matched_number = (f"CASE WHEN {m_ok} AND NOT ({c_ok} AND {card_no} < {member_no})"
                          f" AND NOT ({p_ok} AND {cccd} < {member_no}) THEN {member_no}"
                          f" WHEN {c_ok} AND NOT ({p_ok} AND {cccd} < {card_no}) THEN {card_no} ELSE {cccd} END")
        number_params = [pattern] * 5
    if (walks is not None and typed and len(typed) == len(words) and walks(PartyMember.objects.all())
            and (len(words) == 1 or worth_walking(PartyMember.objects.search(query, reader=READER), typed[0],
                                                  NameWord, matches_above=WALK_MATCHES))):
        return walk_sql(typed)  # the way members.search chooses, by the same estimates
    # The order of a search (members.search): the word of the name the first name word typed matched, byte by byte,
    # then the name's sort key, then the id; by the sort key alone when only numbers were typed.
    select, order = "", "sort_name, id"
    if first is not None and ordered_search is not None:
        spaced = "(' ' || p.search_name)"
        if sqlite:
            rest = f"substr({spaced}, instr({spaced}, %s) + 1)"
            select = f", substr({rest}, 1, instr({rest} || ' ', ' ') - 1) AS matched"
            params = [f" {first}", f" {first}", *params]
        else:
            select = f", split_part(substr({spaced}, strpos({spaced}, %s) + 1), ' ', 1) COLLATE \"C\" AS matched"
            params = [f" {first}", *params]
        order = "matched, sort_name, id"
    elif matched_number is not None:
        select, params, order = f", {matched_number} AS matched", [*number_params, *params], "matched, id"
    # MATERIALIZED: the matches are found once (PostgreSQL: from the indexes' bitmaps), then counted and sorted.
    # Without it PostgreSQL may walk the whole name b-tree in order to feed the LIMIT, which for common
    # names costs seconds (it has no idea how many rows the count will need).
    sql = (
        f"WITH hit AS MATERIALIZED (SELECT m.id, p.full_name, p.sort_name{select}"
        f" FROM {MEMBER_TABLE} m JOIN {PERSON_TABLE} p ON p.id = m.person_id"
        f"{' WHERE ' + ' AND '.join(where) if where else ''})"
        f" SELECT id, full_name, (SELECT count(*) FROM hit) AS total FROM hit ORDER BY {order} LIMIT {PAGE}"
    )
    return sql, params


def walk_sql(words):
    """A search over a large scope, by hand: the name words' index (members migration 0018) read in its order over
    the first word's range, each member at the first word of its name that matches, the other words tested on the name
    beside it; the count stops at COUNT_CAP + 1 and reads the index alone."""
    condition = "h.word LIKE %s AND h.start <= strpos(' ' || h.search_name, %s) - 1"
    params = [like_escape(words[0]) + "%", f" {words[0]}"]
    for word in words[1:]:
        condition += " AND (h.search_name LIKE %s OR h.search_name LIKE %s)"
        params += [like_escape(word) + "%", "% " + like_escape(word) + "%"]
    # The count: the first word's range read no further than RangeCount.budget rows, its matches stopped at
    # COUNT_CAP + 1.
    budget = RangeCount.budget
    sql = (
        f"SELECT h.member_id, p.full_name, (SELECT count(*) FROM (SELECT 1 FROM (SELECT ({condition}) AS counted"
        f" FROM members_nameword h WHERE h.word LIKE %s ORDER BY h.word, h.sort_name LIMIT {budget}) c"
        f" WHERE counted LIMIT {COUNT_CAP + 1}) m) AS total,"
        f" (SELECT count(*) FROM (SELECT 1 FROM members_nameword h WHERE h.word LIKE %s"
        f" ORDER BY h.word, h.sort_name OFFSET {budget} LIMIT 1) x) AS past"
        f" FROM members_nameword h JOIN {MEMBER_TABLE} m ON m.id = h.member_id"
        f" JOIN {PERSON_TABLE} p ON p.id = m.person_id"
        f" WHERE {condition} ORDER BY h.word, h.sort_name, h.member_id LIMIT {PAGE + 1}"
    )
    first = like_escape(words[0]) + "%"
    return sql, [*params, first, first, *params]


def number_walk_sql(word):
    """A number search over a large scope, by hand: the members' numbers' index (members migration 0020) read in its
    order over the number's range, each member at the smallest of its numbers that match; the count reads the index
    alone, no further than RangeCount.budget rows of the range, its matches stopped at COUNT_CAP + 1."""
    pattern = like_escape(word) + "%"
    condition = ("n.number LIKE %s AND NOT (n.membership_before AND n.membership_no LIKE %s)"
                 " AND NOT (n.card_before AND n.card_no LIKE %s) AND NOT (n.cccd_before AND n.cccd LIKE %s)")
    sql = (
        f"SELECT n.member_id, p.full_name, (SELECT count(*) FROM (SELECT 1 FROM (SELECT ({condition}) AS counted"
        f" FROM members_membernumber n WHERE n.number LIKE %s ORDER BY n.number LIMIT {RangeCount.budget}) c"
        f" WHERE counted LIMIT {COUNT_CAP + 1}) m) AS total,"
        f" (SELECT count(*) FROM (SELECT 1 FROM members_membernumber n WHERE n.number LIKE %s"
        f" ORDER BY n.number OFFSET {RangeCount.budget} LIMIT 1) x) AS past"
        f" FROM members_membernumber n JOIN {MEMBER_TABLE} m ON m.id = n.member_id"
        f" JOIN {PERSON_TABLE} p ON p.id = m.person_id"
        f" WHERE {condition} ORDER BY n.number, n.member_id LIMIT {PAGE + 1}"
    )
    return sql, [pattern] * 10


@functools.cache
def number_table():
    """Whether the project orders a number search by the number matched (members migration 0020 and its order):
    True with the members' numbers' table (PostgreSQL), False without it (SQLite), None before it."""
    try:
        from members.search import MatchedNumber  # noqa: F401
    except ImportError:
        return None
    with connection.cursor() as cursor:
        return "members_membernumber" in connection.introspection.table_names(cursor)


@functools.cache
def word_prefix_function() -> bool:
    """Whether the project has PostgreSQL's dangvu_word_prefixes() (org migration 0003, with its GIN index)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'dangvu_word_prefixes')")
        return cursor.fetchone()[0]


def hand_page(query):
    sql, params = hand_sql(query)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    if rows and len(rows[0]) > 3:  # a walk: a page and one row more, and whether its range goes past the budget
        if rows[0][3] and total <= COUNT_CAP:  # a lower bound: at least the rows seen (core.pagination)
            total = max(total, min(len(rows), PAGE) + (len(rows) > PAGE))
        rows = rows[:PAGE]
    return total, [(uuid.UUID(str(row[0])), row[1]) for row in rows]


# (label, function, which form of the query it is given: 1 = typed without accents, 2 = typed with accents)
METHODS = (
    ("project", project_page, 1),
    ("naive", naive_page, 1),
    ("naive, accented", naive_page, 2),
    ("hand SQL", hand_page, 1),
)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


def run_queries(queries, naive_rounds=None):
    """Times every method on every query; the naive ones (seconds each at millions of members) only on the first
    `naive_rounds` queries of each kind when given (None where not timed)."""
    timings = {name: [] for name, _, _ in METHODS}
    hits = {name: [] for name, _, _ in METHODS}
    mismatches = []
    for query in queries[:WARMUP]:
        for name, method, form in METHODS:
            if not name.startswith("naive"):
                method(query[form])
    start = time.perf_counter()
    for number, query in enumerate(queries, 1):
        answers = {}
        for name, method, form in METHODS:
            if name.startswith("naive") and naive_rounds is not None and (number - 1) // len(KINDS) >= naive_rounds:
                timings[name].append(None)
                hits[name].append(None)
                continue
            began = time.perf_counter()
            answers[name] = method(query[form])
            timings[name].append((time.perf_counter() - began) * 1000)
            hits[name].append(answers[name][0])
        if answers["project"] != answers["hand SQL"]:
            mismatches.append((query[1], answers["project"][0], answers["hand SQL"][0]))
        if number % 20 == 0 or number == len(queries):
            print(f"  {number:>5} / {len(queries)} queries  {time.perf_counter() - start:7.1f} s", flush=True)
    return timings, hits, mismatches


# Report -------------------------------------------------------------------------------------------------------------


def project_version() -> str:
    """The commit the project's search was measured at, and whether its files had uncommitted changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "members", "org"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return f"at {commit}{' with uncommitted changes in members/ or org/' if dirty else ''}"


def database_description():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN (%s, %s) ORDER BY 1, 2",
                [PERSON_TABLE, MEMBER_TABLE],
            )
            indexes = [(table, name, definition) for table, name, definition in cursor.fetchall()]
            cursor.execute(
                "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class WHERE relname IN (%s, %s)",
                [PERSON_TABLE, MEMBER_TABLE],
            )
            sizes = dict(cursor.fetchall())
        else:
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
            indexes = []
            for table in (PERSON_TABLE, MEMBER_TABLE):
                cursor.execute(f"PRAGMA index_list({table})")
                for _, name, _unique, origin, _partial in cursor.fetchall():
                    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
                    sql = cursor.fetchone()[0]
                    if sql is None:
                        cursor.execute(f"PRAGMA index_info({name})")
                        columns = ", ".join(row[2] for row in cursor.fetchall())
                        sql = f"({'primary key' if origin == 'pk' else 'unique'} on {columns}, automatic)"
                    indexes.append((table, name, sql))
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            sizes = {"database file": f"{pages * cursor.fetchone()[0] / 2**20:.0f} MB"}
    return version, indexes, sizes


def print_report(args, queries, timings, hits, load_seconds):
    version, indexes, sizes = database_description()
    print()
    print(f"Member search: N = {args.members:,} members, {len(queries)} queries (seed {args.seed}), "
          f"{connection.vendor}: {version}; project {project_version()}")
    print(f"Each query: count (stopping at {COUNT_CAP + 1:,} when a one-word search reads the name words' index) + "
          f"first page of {PAGE} (member id, full name) in the search's order (members.search). "
          f"Times in ms, median / p95.")
    print(f"Sizes: {', '.join(f'{name} {size}' for name, size in sizes.items())}; load {load_seconds:.0f} s")
    print("naive: icontains per word, over the accented full name, of the query typed without accents (as "
          "project and hand SQL get it); naive,acc: the same query typed with accents. Ratios of the medians; "
          "last line: ratios of the p95s.")
    header = (f"{'query kind':17} {'n':>4} | {'project':>8} {'p95':>7} | {'naive':>8} {'p95':>7} | "
              f"{'naive,acc':>9} {'p95':>7} | {'hand SQL':>8} {'p95':>7} | {'naive/proj':>10} {'acc/proj':>8} "
              f"{'proj/hand':>9}")
    print(header)
    print("-" * len(header))
    groups = [(kind, [i for i, query in enumerate(queries) if query[0] == kind]) for kind in KINDS]
    groups.append(("all", list(range(len(queries)))))

    def ratios(values):
        return (f"{values['naive'] / values['project']:9.1f}x {values['naive, accented'] / values['project']:7.1f}x "
                f"{values['project'] / values['hand SQL']:8.2f}x")

    def timed(name, positions):
        return [timings[name][i] for i in positions if timings[name][i] is not None]

    for kind, positions in groups:
        if not positions:
            continue
        med = {name: statistics.median(timed(name, positions)) for name, _, _ in METHODS}
        p95 = {name: percentile(timed(name, positions), 0.95) for name, _, _ in METHODS}
        cells = " | ".join(f"{med[name]:{9 if name == 'naive, accented' else 8}.1f} {p95[name]:7.1f}"
                           for name, _, _ in METHODS)
        print(f"{kind:17} {len(positions):>4} | {cells} | {ratios(med)}")
    print(f"{'all, p95 ratios':17} {'':>4} | {' ' * len(cells)} | {ratios(p95)}")
    print()
    print("Hits (total count per query): mean, and how many queries found nothing")
    print(f"{'query kind':17} {'n':>4} | {'project':>9} {'none':>4} | {'naive':>9} {'none':>4} | "
          f"{'naive,acc':>9} {'none':>4} | example (without / with accents)")
    for kind, positions in groups:
        if not positions:
            continue
        columns = []
        for name, _, _ in METHODS[:3]:
            values = [hits[name][i] for i in positions if hits[name][i] is not None]
            columns.append(f"{statistics.mean(values):9,.1f} {values.count(0):4}")
        example = f"{queries[positions[0]][1]!r} / {queries[positions[0]][2]!r}" if kind != "all" else ""
        print(f"{kind:17} {len(positions):>4} | {' | '.join(columns)} | {example}")
    print()
    print("Indexes:")
    for table, name, definition in indexes:
        print(f"  {table:20} {name:45} {definition}")


def explain(query):
    """The plans of the project's statements (count and page, or one for both) and of the hand-written one."""
    with CaptureQueriesContext(connection) as captured:
        project_page(query)
    statements = [("project " + ("count" if "COUNT(" in item["sql"].upper() else "page"), item["sql"])
                  for item in captured.captured_queries
                  if not item["sql"].startswith("EXPLAIN")]  # the estimate that chooses the way (members.search)
    with CaptureQueriesContext(connection) as captured:
        hand_page(query)
    statements.append(("hand SQL", captured.captured_queries[-1]["sql"]))
    print()
    print(f"Plans for {query!r}:")
    for label, statement in statements:
        print(f"--- {label}: {statement}")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
            for row in cursor.fetchall():
                print("   ", row[0] if connection.vendor == "postgresql" else row[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200_000, help="how many members to generate (200,000)")
    parser.add_argument("--queries", type=int, default=200, help="how many queries to time (200)")
    parser.add_argument("--seed", type=int, default=20250630, help="random seed: same data and queries each run")
    parser.add_argument("--naive-rounds", type=int, default=None,
                        help="time the naive methods on only the first N queries of each kind (seconds each at "
                             "millions of members); their medians are then over those")
    parser.add_argument("--keep", action="store_true",
                        help="keep a previous run's members when it generated the same --members and --seed (5.6 M "
                             "take a while to write): the queries are drawn again from the rows the seed made")
    args = parser.parse_args()
    if not 1 <= args.members <= MAX_MEMBERS:
        parser.error(f"--members must be between 1 and {MAX_MEMBERS:,}")
    if args.queries < 1:
        parser.error("--queries must be at least 1")
    try:
        run(args)
    finally:
        connection.close()
        shutil.rmtree(VAR_DIR, ignore_errors=True)


def run(args):
    rng = random.Random(args.seed)
    tokens = token_support()
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise SystemExit(f"unsupported database vendor {connection.vendor}")
    if connection.vendor == "sqlite":
        print(f"SQLite: throw-away database {connection.settings_dict['NAME']}")
    previous = refuse_foreign_data(tokens)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    if previous and args.keep and Organization.objects.filter(code=run_code(args)).exists():
        print(f"keeping the previous run's {args.members:,} members (--keep)")
        sample = kept_sample(args, rng, sample_size=args.queries)
        load_seconds = 0.0
    else:
        if previous:
            print("deleting the previous bench run")
            clear_previous_run(tokens)
        with transaction.atomic():
            cells = create_organizations(args)
        sample = generate(args, rng, cells, tokens, sample_size=args.queries)
        load_seconds = analyse(tokens, start)
    queries = make_queries(sample, args.queries, rng)
    print(f"timing {len(queries)} queries x {len(METHODS)} methods "
          f"(warm-up: first {min(WARMUP, len(queries))} queries)", flush=True)
    timings, hits, mismatches = run_queries(queries, args.naive_rounds)
    print_report(args, queries, timings, hits, load_seconds)
    multi_word = next((query[1] for query in queries if query[0] == "full name"), queries[0][1])
    explain(multi_word)
    slowest = queries[max(range(len(queries)), key=timings["project"].__getitem__)][1]
    if slowest != multi_word:
        print(f"\n(the project's slowest query: {max(timings['project']):.0f} ms)", end="")
        explain(slowest)
    print()
    if mismatches:
        print(f"MISMATCH: project and hand SQL differ on {len(mismatches)} of {len(queries)} queries:")
        for query, project_total, hand_total in mismatches[:20]:
            print(f"  {query!r}: project {project_total} hits, hand SQL {hand_total} hits (or a different page)")
        raise SystemExit(1)
    print(f"Check: project and hand SQL gave the same count and the same {PAGE} ids for all {len(queries)} queries.")


if __name__ == "__main__":
    main()
