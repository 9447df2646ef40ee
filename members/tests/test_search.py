"""Member search (issue 4): accent-insensitive word prefixes over names; numbers by prefix; indexed on PostgreSQL."""

import datetime

import pytest
from django.db import connection

from core.search import word_prefix_q, word_prefixes
from members import services
from members.models import PartyMember
from org.models import Person


@pytest.fixture
def member(world, clerk):
    world.hung.date_of_birth = datetime.date(1960, 5, 1)
    world.hung.save()
    member = services.register_candidate(person=world.hung, organization=world.cell, day=datetime.date(2020, 9, 1),
                                         actor=clerk)
    services.update_member(member, actor=clerk, membership_no="01-469379", card_no="01.797732")
    return member


@pytest.mark.parametrize("query", [
    "nguyen van hung", "Nguyễn Văn Hùng", "ngu va hu", "hung", "van", "NGUYEN", "01-469", "01.79", "0010600",
])
def test_it_finds_a_member_by_word_prefixes_and_number_prefixes(member, query, clerk):
    assert list(PartyMember.objects.search(query, reader=clerk)) == [member]


@pytest.mark.parametrize("query", ["guyen", "hung van x", "02-469", "uyen van", "0020600"])
def test_it_does_not_match_inside_words_or_other_numbers(member, query, clerk):
    assert list(PartyMember.objects.search(query, reader=clerk)) == []


def test_on_postgresql_the_name_and_numbers_have_search_indexes(db):
    """The indexes that keep search fast at national scale (bench/member_search.py measures them)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite scans: ward scale only
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('org_person', 'members_partymember')")
        names = {row[0] for row in cursor.fetchall()}
    assert {"org_person_search_name_trgm", "org_person_word_prefixes", "org_person_cccd_pattern",
            "members_membership_no_pattern", "members_card_no_pattern"} <= names


@pytest.mark.parametrize("name", ["nguyen van hung", "dang thi dung", "a", "", "le le  van"])
def test_the_indexed_word_prefixes_are_the_python_ones(db, name):
    """dangvu_word_prefixes (PostgreSQL, migration org 0003) must give core.search.word_prefixes: the index answers
    the member search only if both agree on what "a word starts with" means."""
    expected = word_prefixes(name)
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite searches with LIKE: nothing indexed to compare
        assert expected == {w[:n] for w in name.split() for n in range(1, len(w) + 1)}
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT dangvu_word_prefixes(%s)", [name])
        assert set(cursor.fetchone()[0]) == expected


def test_on_postgresql_the_name_words_are_one_condition_on_the_word_prefix_index(member, clerk):
    """The member search's condition is the index's expression, so PostgreSQL can answer it from the index (shown
    on the folded names alone, the only way left once scans are disabled: the table is tiny)."""
    queryset = PartyMember.objects.search("ngu van", reader=clerk)
    assert list(queryset) == [member]
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # LIKE per word
        return
    assert 'dangvu_word_prefixes("org_person"."search_name") @>' in str(queryset.query)
    names = Person.objects.filter(word_prefix_q("search_name", ["ngu", "van"]))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        assert "Bitmap Index Scan on org_person_word_prefixes" in names.explain()
    assert list(names) == [member.person]


def test_a_search_does_not_reveal_a_cccd_its_caller_may_not_read(client, member, clerk, superior):
    """Issue 12: the level above (no people.view_sensitive) must not recover a member's CCCD digit by digit through
    the search of the list, the API or the export; the ward's clerk still finds by it."""
    from django.urls import reverse

    from members.tests.test_api_members import bearer

    assert list(PartyMember.objects.search("0010600", reader=superior)) == []
    assert list(PartyMember.objects.search("01-469", reader=superior)) == [member]  # the membership number is listed
    headers = bearer(client, superior)
    for prefix in ("00", "0010", "001060000123"):  # the CCCD; "0" alone starts the membership number too
        assert client.get("/api/v1/members", {"q": prefix, "status": "all"}, **headers).json()["count"] == 0
    client.force_login(superior)
    assert list(client.get(reverse("member_list"), {"q": "0010600"}).context["page"]) == []
    import io

    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(client.get(reverse("member_export"), {"q": "0010600"}).content)).active
    assert sheet.max_row == 2  # title and headers only
    client.force_login(clerk)
    assert [m.pk for m in client.get(reverse("member_list"), {"q": "0010600"}).context["page"]] == [member.pk]


def test_one_letter_words_are_tested_on_the_rows_the_longer_words_found(member, clerk):
    """On PostgreSQL the GIN index intersects the words of two letters or more; a one-letter word (whose posting list
    holds most of the country) is a LIKE on the rows found. Same matches either way."""
    for query, found in (("nguyen v h", [member]), ("ng x", []), ("v h", [member]), ("n", [member])):
        assert list(PartyMember.objects.search(query, reader=clerk)) == found, query
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # LIKE per word
        return
    sql = str(Person.objects.filter(word_prefix_q("search_name", ["nguyen", "v", "h"])).query)
    assert "ARRAY[nguyen]" in sql and "LIKE v%" in sql and "LIKE % h%" in sql, sql  # str(query): unquoted params
    assert "ARRAY[v]" in str(Person.objects.filter(word_prefix_q("search_name", ["v"])).query)
