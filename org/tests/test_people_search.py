"""The people search at a province's scale (issue 15; org.search): by word prefix, in the member search's order
(the word matched, then the name), read from the people's name words' index (org migration 0011) over a large scope
on PostgreSQL, found and sorted elsewhere: the same rows, order and count either way; the triggers keep the index's
copy of every name and unit."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from conftest import copies_follow_moves, make_org
from core.pagination import capped_count
from core.search import fold, name_words, sort_key
from org import search
from org.models import Kind, Person, PersonWord
from org.tests.test_api_people import bearer

NAMES = [
    "Nguyễn Văn Hùng", "Nguyễn Thị Nga", "Ngô Thị Ngân", "Nguyễn Ngọc Ánh", "Đặng Văn Nghĩa", "Lê Văn Nam",
    "Trần Nguyên Hải", "Hoàng Thị Ngọc Anh", "Phạm Ngọc Ngà", "Vũ Đình Đông", "Đỗ Thị Dung", "Bùi Văn Văn",
]
QUERIES = ["n", "ng", "nguyen", "ngoc", "van", "thi", "h", "hung", "d", "đ", "xyz", "nguyen van", "ng v h",
           "thi ng", "le van nam", "a b", "uyen", "01"]


@pytest.fixture
def people(world):
    """NAMES in the clerk's chi bộ and residential group, and again in the other ward."""
    return [Person.objects.create(organization=unit, full_name=name)
            for index, name in enumerate(NAMES)
            for unit in (world.cell if index % 2 else world.group, world.other_group)]


def listed(user, query, *, within=None):
    people = Person.objects.for_user(user, "people.view")
    if within is not None:
        people = people.under(within)
    found = search.ordered_people(people, query, reader=user, within=within)
    return [person.pk for person in found], capped_count(found)  # as the pages count


def both_ways(user, query, monkeypatch, *, within=None):
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    monkeypatch.setattr(search, "WALK_MATCHES", -1)
    walked = listed(user, query, within=within)
    monkeypatch.setattr(search, "WALK_SCOPE", float("inf"))
    return walked, listed(user, query, within=within)


def test_a_search_is_by_word_prefix_in_the_order_of_the_word_matched(people, clerk):
    rows, count = listed(clerk, "ng")
    names = [Person.objects.get(pk=pk).full_name for pk in rows]
    assert count == len(rows) == len(set(rows))
    words = [next(word for word in fold(name).split() if word.startswith("ng")) for name in names]
    assert words == sorted(words) and names[0] == "Đặng Văn Nghĩa"
    assert not listed(clerk, "uyen")[0]  # a word's middle is not a match
    rows, _ = listed(clerk, "nguyen")
    assert [Person.objects.get(pk=pk).full_name for pk in rows] == sorted(  # the world's own Hùng, and NAMES'
        ["Nguyễn Văn Hùng", "Nguyễn Văn Hùng", "Nguyễn Thị Nga", "Nguyễn Ngọc Ánh", "Trần Nguyên Hải"], key=sort_key)


@pytest.mark.parametrize("query", QUERIES)
def test_the_walk_and_the_sort_give_the_same_rows_order_and_count(people, world, clerk, superior, admin_user, query,
                                                                   monkeypatch):
    for user, within in ((clerk, None), (superior, None), (admin_user, None), (admin_user, world.ward),
                         (superior, world.cell)):
        walked, scanned = both_ways(user, query, monkeypatch, within=within)
        assert walked == scanned, (user, within, query)
    if query in {"n", "ng", "h"}:
        assert len(listed(admin_user, query)[0]) >= 6  # the test says something
    ward_rows, _ = listed(clerk, query)
    assert {path[:len(world.ward.path)] for path in Person.objects.filter(pk__in=ward_rows)
            .values_list("unit_path", flat=True)} <= {world.ward.path}


def test_a_walk_is_counted_from_the_name_words_alone(people, admin_user, superior, monkeypatch):
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite" and not search.walks(Person.objects.all())
        return
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    for user in (admin_user, superior):
        found = search.ordered_people(Person.objects.for_user(user, "people.view"), "n", reader=user)
        assert found.count_source().model is PersonWord
        assert capped_count(found) == Person.objects.for_user(user, "people.view").search("n").count() > 0
        narrowed = found.filter(gender="male")
        assert narrowed.count_source() is narrowed


def test_the_page_and_the_api_list_the_search_in_its_order(people, client, clerk, world, monkeypatch):
    monkeypatch.setattr(search, "WALK_SCOPE", -1)  # on PostgreSQL the walk; on SQLite the one way
    client.force_login(clerk)
    expected, _ = listed(clerk, "ng")
    page = client.get(reverse("person_list"), {"q": "ng"})
    assert [person.pk for person in page.context["page"].object_list] == expected
    api = client.get("/api/v1/people", {"q": "ng"}, **bearer(client, clerk)).json()
    assert [item["id"] for item in api["items"]] == [str(pk) for pk in expected] and api["count"] == len(expected)


def test_the_name_words_follow_every_write(people, world):
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return

    def words_of(person):
        return sorted((row.word, row.start, row.unit_path, row.search_name, row.sort_name)
                      for row in PersonWord.objects.filter(person=person))

    def expected(person):
        person.refresh_from_db()
        return sorted((word, start, person.unit_path, person.search_name, person.sort_name)
                      for word, start in name_words(person.search_name))

    name = "Tạ Quang Bửu"
    bulk = Person.objects.bulk_create([Person(id=uuid.uuid4(), organization=world.cell, full_name=name,
                                              search_name=fold(name), sort_name=sort_key(name))])[0]
    assert [row[0] for row in words_of(bulk)] == ["buu", "quang", "ta"] and words_of(bulk) == expected(bulk)
    renamed = people[0]
    renamed.full_name = "Nguyễn Văn Hưng Thịnh"
    renamed.save()
    assert words_of(renamed) == expected(renamed)
    moved = people[1]
    copies_follow_moves(world, moved, people, lambda person: words_of(person) == expected(person))
    gone = people[4]
    Person.objects.filter(pk=gone.pk).delete()
    assert not PersonWord.objects.filter(person_id=gone.pk).exists() and PersonWord.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE org_person CASCADE")
    assert not PersonWord.objects.exists()


def test_over_a_large_scope_a_one_word_search_reads_the_name_words_index_in_order(world, clerk, admin_user,
                                                                                 monkeypatch):
    """20,000 people in another ward: the admin's "ng" is a range of the people's name words' index in its order
    (no sort of the 16,000 matches), its count stopped at 10,001; the ward's clerk keeps the scope's index."""
    ward = make_org(world.city, "Đảng ủy phường Quy Mô", Kind.WARD_COMMITTEE)
    surnames, givens = ["Nguyễn", "Ngô", "Lê", "Trần", "Phạm"], ["Hùng", "Nga", "Anh", "Ngọc", "Dũng", "Hà"]
    names = [f"{surnames[index % 5]} Văn {givens[index % 6]} {index:05d}" for index in range(20_000)]
    Person.objects.bulk_create([Person(id=uuid.uuid4(), organization=ward, full_name=name, search_name=fold(name),
                                       sort_name=sort_key(name)) for name in names], batch_size=5000)
    if connection.vendor != "postgresql":
        assert not search.walks(Person.objects.all())
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    monkeypatch.setattr(search, "WALK_SCOPE", 10_000)
    everyone = search.ordered_people(Person.objects.for_user(admin_user, "people.view"), "ng", reader=admin_user)
    plan = everyone[:50].explain()
    assert "org_personword_order" in plan and "Sort" not in plan, plan
    assert capped_count(everyone) == 10_001
    mine = search.ordered_people(Person.objects.for_user(clerk, "people.view"), "ng", reader=clerk)
    assert "org_personword" not in mine[:50].explain()
