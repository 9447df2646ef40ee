"""The member search at national scale (issue 15): one order, two ways of reading it (members.search).

A one-word search over a large scope on PostgreSQL reads the name words' index (members migration 0018) in its
order; elsewhere the matches are found and sorted. Both must give the same rows, in the same order, with the same
count; the triggers must keep the index's copy of every name, unit and member."""

import datetime
import uuid

import pytest
from django.db import connection

from conftest import bulk_members, copies_follow_moves, make_org
from core.pagination import capped_count
from core.search import fold, name_words, sort_key
from members import search
from members.lists import ALL_FILTER, select_members
from members.models import NameWord, PartyMember, Status
from org.models import Kind, Person

TODAY = datetime.date(2026, 12, 4)
NAMES = [
    "Nguyễn Văn Hùng", "Nguyễn Thị Nga", "Ngô Thị Ngân", "Nguyễn Ngọc Ánh", "Đặng Văn Nghĩa", "Lê Văn Nam",
    "Trần Nguyên Hải", "Hoàng Thị Ngọc Anh", "Phạm Ngọc Ngà", "Vũ Đình Đông", "Đỗ Thị Dung", "Bùi Văn Văn",
    "Lê Thị Hồng Nhung", "Nguyễn Anh Tuấn", "Hồ Văn Hưng", "Hoàng Hùng", "Trương Thị Thu Thủy", "Đinh Văn An",
]
QUERIES = ["n", "ng", "ngu", "nguyen", "ngoc", "van", "thi", "h", "hung", "d", "đ", "dong", "a", "an", "thu", "xyz",
           "nguyen van", "ng v h", "thi ng", "van hung", "ngoc ngoc", "le van nam", "a b", "hoang thi ngoc anh",
           "n 01", "01"]


@pytest.fixture
def named(world, clerk):
    """NAMES in the clerk's two chi bộ, and again in the other ward: members of every status a search lists."""
    members = []
    for index, name in enumerate(NAMES):
        for unit in (world.cell if index % 2 else world.cell2, world.other_group):
            person = Person.objects.create(organization=unit, full_name=name)
            members.append(PartyMember.objects.create(
                person=person, organization=unit, status=Status.OFFICIAL if index % 3 else Status.PROBATIONARY,
                status_since=datetime.date(2020, 1, 1)))
    return members


def listed(user, query, *, within=None):
    found = select_members(user, today=TODAY, q=query, status=ALL_FILTER, within=within)
    return [member.pk for member in found], capped_count(found)  # as the pages count


def both_ways(user, query, monkeypatch, *, within=None):
    """(rows and count read by the walk, the same read by finding and sorting the matches)."""
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    monkeypatch.setattr(search, "WALK_MATCHES", -1)
    walked = listed(user, query, within=within)
    monkeypatch.setattr(search, "WALK_SCOPE", float("inf"))
    scanned = listed(user, query, within=within)
    return walked, scanned


@pytest.mark.parametrize("name", ["nguyen van hung", "le le  van", "a", "", " bui van "])
def test_the_name_words_in_sql_are_the_python_ones(db, name):
    """dangvu_name_words (PostgreSQL, members migration 0018) must split a name as core.search.name_words does: the
    walk keeps a member at the word whose offset is where the typed word first appears."""
    expected = name_words(name)
    assert [word for word, _ in expected] == name.split()
    assert all(name[start:start + len(word)] == word for word, start in expected)
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # no name words' table: SQLite finds and sorts
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, start FROM dangvu_name_words(%s)", [name])
        assert cursor.fetchall() == expected


def test_a_search_lists_by_the_word_matched_then_by_name(named, clerk):
    """"ng" lists by the word of the name it matched, without accents, letter by letter: Nghĩa, then Ngô, Ngọc,
    Nguyên and Nguyễn, each group by name; a member once, at the first word of its name that matches ("Phạm Ngọc
    Ngà" under Ngọc, "Nguyễn Thị Nga" under Nguyễn)."""
    rows, count = listed(clerk, "ng")
    names = [PartyMember.objects.get(pk=pk).person.full_name for pk in rows]
    assert count == len(rows) == len(set(rows))
    words = [next(word for word in fold(name).split() if word.startswith("ng")) for name in names]
    assert words == sorted(words)
    for word in set(words):
        group = [name for name, matched in zip(names, words, strict=True) if matched == word]
        assert group == sorted(group, key=sort_key), word
    assert names[0] == "Đặng Văn Nghĩa"
    assert names.index("Ngô Thị Ngân") < names.index("Phạm Ngọc Ngà") < names.index("Nguyễn Thị Nga")
    assert "Lê Văn Nam" not in names and "Trần Nguyên Hải" in names
    # A whole word: plain name order.
    rows, _ = listed(clerk, "nguyen")
    assert [PartyMember.objects.get(pk=pk).person.full_name for pk in rows] == sorted(
        ["Nguyễn Văn Hùng", "Nguyễn Thị Nga", "Nguyễn Ngọc Ánh", "Trần Nguyên Hải", "Nguyễn Anh Tuấn"], key=sort_key)


@pytest.mark.parametrize("query", QUERIES)
def test_the_walk_and_the_sort_give_the_same_rows_order_and_count(named, world, clerk, superior, admin_user, query,
                                                                   monkeypatch):
    """For the ward's clerk, the level above, the admin and a unit chosen within: the same members, in the same
    order, counted alike, whichever way is read (on SQLite there is one way)."""
    for user, within in ((clerk, None), (superior, None), (admin_user, None), (admin_user, world.ward),
                         (superior, world.cell)):
        walked, scanned = both_ways(user, query, monkeypatch, within=within)
        assert walked == scanned, (user, within, query)
    everyone, _ = listed(admin_user, query)
    if query in {"n", "ng", "h", "a"}:
        assert len(everyone) >= 6  # the test says something
    ward_rows, _ = listed(clerk, query)
    assert {member.organization.path[:len(world.ward.path)]
            for member in PartyMember.objects.filter(pk__in=ward_rows)} <= {world.ward.path}


def test_a_ward_never_reads_another_wards_members_through_the_walk(named, world, clerk, outsider, monkeypatch):
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    mine, _ = listed(clerk, "n")
    theirs, _ = listed(outsider, "n")
    assert mine and theirs and not set(mine) & set(theirs)
    assert set(theirs) == set(PartyMember.objects.for_user(outsider, "members.view").search("n", reader=outsider)
                              .values_list("pk", flat=True))


def test_a_walk_is_counted_from_the_name_words_alone_unless_the_members_are_filtered(named, admin_user, superior,
                                                                                   monkeypatch):
    """With no condition on the member but the scope (which the name words carry), a walk's count reads the name
    words' index alone; a status chosen, or any filter added afterwards, counts the members themselves."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    for user in (admin_user, superior):
        everyone = select_members(user, today=TODAY, q="n", status=ALL_FILTER)
        assert everyone.count_source().model is NameWord
        matching = PartyMember.objects.for_user(user, "members.view").search("n", reader=user)
        assert capped_count(everyone.select_related("organization")) == matching.count() > 0
        official = select_members(user, today=TODAY, q="n", status=Status.OFFICIAL)
        assert official.count_source() is official
        assert capped_count(official) == matching.filter(status=Status.OFFICIAL).count()
        assert 0 < capped_count(official) < capped_count(everyone)
        narrowed = everyone.filter(status=Status.OFFICIAL)
        assert narrowed.count_source() is narrowed and capped_count(narrowed) == capped_count(official)


def test_a_bulk_insert_writes_the_words_of_all_its_members_at_once(world):
    """An import inserts hundreds of members in one statement: their words are written by one statement too, which
    never reads the words' table once per member (0018's trigger did, and with the table's statistics saying it was
    empty, read it whole each time: an import took time in the square of its size)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    names = [f"Nguyễn Văn Bulk {index:03d}" for index in range(300)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_xact_user_tables "
                       "WHERE relname = 'members_nameword'")
        before = cursor.fetchone()[0]
        bulk_members([world.cell], names, analyze=False)
        cursor.execute("SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_xact_user_tables "
                       "WHERE relname = 'members_nameword'")
        assert cursor.fetchone()[0] == before
    written = NameWord.objects.filter(word="bulk")
    assert written.count() == 300
    assert sorted(row.search_name for row in written) == sorted(fold(name) for name in names)
    assert {row.unit_path for row in written} == {world.cell.path}


def test_the_name_words_follow_every_write(named, world, clerk):
    """The index's copy: a member added in bulk, a person renamed, a member moved, a unit moved, a member deleted."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        assert not search.walks(PartyMember.objects.all())
        return

    def words_of(member):
        return sorted((word.word, word.start, word.unit_path, word.search_name, word.sort_name)
                      for word in NameWord.objects.filter(member=member))

    def expected(member):
        member.refresh_from_db()
        person = member.person
        person.refresh_from_db()
        return sorted((word, start, member.unit_path, person.search_name, person.sort_name)
                      for word, start in name_words(person.search_name))

    name = "Tạ Quang Bửu"
    person = Person(id=uuid.uuid4(), organization=world.cell, full_name=name, search_name=fold(name),
                    sort_name=sort_key(name))
    Person.objects.bulk_create([person])
    bulk = PartyMember.objects.bulk_create([PartyMember(person=person, organization=world.cell,
                                                        status=Status.OFFICIAL, status_since=TODAY)])[0]
    assert [word for word, *_ in words_of(bulk)] == ["buu", "quang", "ta"]
    assert words_of(bulk) == expected(bulk)
    renamed = named[0]
    renamed.person.full_name = "Nguyễn Văn Hưng Thịnh"
    renamed.person.save()
    assert words_of(renamed) == expected(renamed)
    moved = named[2]
    copies_follow_moves(world, moved, named, lambda member: words_of(member) == expected(member))
    gone = named[4]
    assert NameWord.objects.filter(member=gone).count() == 3
    PartyMember.objects.filter(pk=gone.pk).delete()
    assert not NameWord.objects.filter(member_id=gone.pk).exists()
    assert NameWord.objects.exists()
    with connection.cursor() as cursor:  # as Django's flush empties the tables between tests
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's deferred keys, checked now: no pending events
        cursor.execute("TRUNCATE members_partymember CASCADE")
    assert not NameWord.objects.exists()


@pytest.fixture
def nation(world):
    """20,000 members in another ward (Nguyễn, Ngô, Lê…): enough for PostgreSQL's statistics to speak."""
    ward = make_org(world.city, "Đảng ủy phường Quy Mô", Kind.WARD_COMMITTEE)
    cells = [make_org(ward, f"Chi bộ {index}", Kind.CELL) for index in range(1, 5)]
    surnames, givens = ["Nguyễn", "Ngô", "Lê", "Trần", "Phạm"], ["Hùng", "Nga", "Anh", "Ngọc", "Dũng", "Hà"]
    bulk_members(cells, [f"{surnames[index % 5]} Văn {givens[index % 6]} {index:05d}" for index in range(20_000)])
    return ward


def test_over_a_large_scope_a_one_word_search_reads_the_name_words_index_in_order(nation, world, clerk, admin_user,
                                                                                 monkeypatch):
    """The admin's "ng" over 20,000 members: PostgreSQL estimates the scope above the threshold, and the page is a
    range of the name words' index in its order (no sort of the 16,000 matches), its count stopped at 10,001. The
    ward's clerk keeps the scope's index. SQLite has one way."""
    monkeypatch.setattr(search, "WALK_SCOPE", 10_000)
    everyone = select_members(admin_user, today=TODAY, q="ng", status=ALL_FILTER)
    page = everyone[:50]
    assert len(page) == 50
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        assert not search.walks(PartyMember.objects.all())
        return
    assert search.walks(PartyMember.objects.for_user(admin_user, "members.view"))
    assert not search.walks(PartyMember.objects.for_user(clerk, "members.view"))
    plan = page.explain()
    assert "members_nameword_order" in plan and "Sort" not in plan, plan
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM members_nameword WHERE word LIKE 'ng%%'")
        assert cursor.fetchone()[0] > 10_000
    assert capped_count(everyone) == 10_001
    ward_plan = select_members(clerk, today=TODAY, q="ng", status=ALL_FILTER)[:50].explain()
    assert "members_nameword" not in ward_plan and "member_unit_path" in ward_plan, ward_plan


def test_a_walk_of_several_words_stops_counting_at_its_budget(named, admin_user, client, monkeypatch):
    """Past RangeCount.budget rows of the first word's range, a walk's count is the matches found so far: the API
    says it is a lower bound (count_exact false), and the page "ít nhất"."""
    from core.pagination import AtLeast, RangeCount, SearchPaginator
    from org.tests.test_api_people import bearer

    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        assert not search.walks(PartyMember.objects.all())
        return
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    monkeypatch.setattr(search, "WALK_MATCHES", -1)
    everyone, _ = listed(admin_user, "nguyen v")
    assert len(everyone) >= 2
    monkeypatch.setattr(RangeCount, "budget", 1)  # the first row of the range: one match at most
    found = select_members(admin_user, today=TODAY, q="nguyen v", status=ALL_FILTER)
    count = capped_count(found)
    assert isinstance(count, AtLeast) and count <= 1
    assert [member.pk for member in found] == everyone  # the page itself is not cut short
    assert [member.pk for member in SearchPaginator(found, 50).get_page(1).object_list] == everyone
    answer = client.get("/api/v1/members", {"q": "nguyen v", "status": ALL_FILTER, "page_size": 1},
                        **bearer(client, admin_user)).json()
    assert answer["count_exact"] is False and answer["count"] == 1 and len(answer["items"]) == 1
    second = client.get("/api/v1/members", {"q": "nguyen v", "status": ALL_FILTER, "page_size": 1, "page": 2},
                        **bearer(client, admin_user)).json()
    assert [item["id"] for item in second["items"]] == [str(everyone[1])] and second["count"] == 2
    client.force_login(admin_user)
    monkeypatch.setattr("core.views.paginate.__defaults__", (1,))  # a page of one row
    page = client.get("/members/", {"q": "nguyen v", "status": ALL_FILTER})
    assert [member.pk for member in page.context["page"]] == everyone[:1]
    assert "Trang 1 · ít nhất 2 dòng" in page.content.decode()  # one seen, and one more follows


def test_a_search_of_several_words_walks_when_a_page_lies_near_the_start_of_the_range(nation, admin_user, monkeypatch):
    """"nguyen hung" over 20,000 members: 667 matches among 4,000 Nguyễn, far fewer than WALK_MATCHES, but a page is
    expected within a few hundred rows of the "nguyen" range: it is read in order, not found and sorted. A range
    expected to hold a page only past WALK_READ rows is found and sorted."""
    from core import walk

    monkeypatch.setattr(search, "WALK_SCOPE", 10_000)
    everyone = select_members(admin_user, today=TODAY, q="nguyen hung", status=ALL_FILTER)
    assert len(everyone[:50]) == 50
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    assert "members_nameword_order" in everyone[:50].explain()
    assert capped_count(everyone) == PartyMember.objects.search("nguyen hung", reader=admin_user).count() == 667
    monkeypatch.setattr(walk, "WALK_READ", 10)
    sorted_page = select_members(admin_user, today=TODAY, q="nguyen hung", status=ALL_FILTER)
    assert "members_nameword" not in sorted_page[:50].explain()
    assert [member.pk for member in sorted_page[:50]] == [member.pk for member in everyone[:50]]
