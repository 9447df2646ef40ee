"""A search's count and page come from one statement (core.pagination); other lists page as Django does."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import SearchPaginator, counted_slice, ordered_as_search
from core.search import search_order, sort_key
from org.models import Person
from org.tests.test_api_people import URL, bearer


@pytest.fixture
def namesakes(world):
    Person.objects.bulk_create(
        Person(organization=world.cell2, full_name=f"Lê Văn Nam {n:02}", search_name=f"le van nam {n:02}",
               sort_name=sort_key(f"Lê Văn Nam {n:02}"))
        for n in range(7)
    )


def searched(query="nam"):
    return Person.objects.search(query).order_by(search_order("search_name"), "id")


def test_a_search_is_recognised_by_its_order(db):
    assert ordered_as_search(searched())
    assert not ordered_as_search(Person.objects.search("nam").order_by("search_name", "id"))
    assert not ordered_as_search(Person.objects.all())
    assert not ordered_as_search(searched().distinct())


def test_the_count_and_the_page_of_a_search_are_one_statement(namesakes, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = SearchPaginator(searched(), 3).get_page(2)
        names = [person.full_name for person in page]
        assert page.paginator.count == 7 and page.paginator.num_pages == 3
    assert names == ["Lê Văn Nam 03", "Lê Văn Nam 04", "Lê Văn Nam 05"]
    assert page.has_next() and page.has_previous()


@pytest.mark.parametrize("number", [1, 3, 9, "x", None, 0, -1])
def test_every_page_number_gives_what_djangos_paginator_gives(namesakes, number):
    ours = SearchPaginator(searched(), 3).get_page(number)
    django = Paginator(searched(), 3).get_page(number)

    assert (ours.number, ours.paginator.count, list(ours)) == (django.number, django.paginator.count, list(django))


def test_a_search_without_matches_is_one_statement_and_an_empty_first_page(namesakes, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = SearchPaginator(searched("khong co ai"), 3).get_page(1)
        assert (page.number, page.paginator.count, list(page)) == (1, 0, [])


def test_other_orders_keep_the_paginators_count(namesakes, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = SearchPaginator(Person.objects.order_by("search_name", "id"), 3).get_page(1)
        assert page.paginator.count == 10 and len(page) == 3


def test_past_the_last_row_the_slice_is_empty_and_counted(namesakes):
    assert counted_slice(searched(), 100, 3) == (7, [])
    assert counted_slice(searched(), 6, 3)[0] == 7


def counts(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if 'COUNT(*)' in query["sql"]]


def test_the_api_counts_a_search_in_the_pages_statement(client, clerk, namesakes):
    headers = bearer(client, clerk)
    with CaptureQueriesContext(connection) as listing:
        unsearched = client.get(URL, {"page_size": 3}, **headers).json()
    with CaptureQueriesContext(connection) as searching:
        answer = client.get(URL, {"q": "le nam", "page_size": 3, "page": 3}, **headers).json()

    assert answer["count"] == 7 and [item["full_name"] for item in answer["items"]] == ["Lê Văn Nam 06"]
    assert unsearched["count"] == 9  # the ward's people: two of the world, seven namesakes
    assert len(counts(listing)) == 1 and counts(searching) == []
    # No COUNT; on PostgreSQL the search asks the planner's estimate of the scope first (core.walk): an EXPLAIN.
    explained = [query for query in searching.captured_queries if query["sql"].startswith("EXPLAIN")]
    assert len(explained) == (connection.vendor == "postgresql")
    assert len(searching.captured_queries) - len(explained) == len(listing.captured_queries) - 1


def test_a_long_list_is_counted_no_further_than_the_cap(client, world, clerk, monkeypatch):
    """Past the cap the count stops (one + the cap), the page says "hơn …", the API says count_exact false."""
    from django.urls import reverse

    import core.api
    import core.pagination

    monkeypatch.setattr(core.pagination.SearchPaginator, "cap", 55)
    monkeypatch.setattr(core.api, "COUNT_CAP", 55)
    monkeypatch.setattr(core.api, "capped_count", lambda queryset: core.pagination.capped_count(queryset, 55))
    Person.objects.bulk_create(Person(organization=world.ward, full_name=f"Người {n:02}") for n in range(60))
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("person_list")).content.decode()
    assert "hơn 55 dòng" in page
    counted = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert counted and all("LIMIT 56" in sql for sql in counted)
    answer = client.get("/api/v1/people", **bearer(client, clerk)).json()
    assert answer["count"] == 56 and answer["count_exact"] is False
    exact = client.get("/api/v1/people", {"q": "nguyen van hung"}, **bearer(client, clerk)).json()
    assert exact["count"] == 1 and exact["count_exact"] is True


def test_a_range_count_reads_no_further_than_its_budget(world, monkeypatch):
    """RangeCount counts the rows of a range, in its order, meeting a condition: exactly while the whole range fits
    in its budget; past it, the matches found so far, a lower bound (AtLeast); past the cap, cap + 1."""
    from django.db.models import Q

    from core.pagination import AtLeast, RangeCount, is_exact

    Person.objects.bulk_create(Person(organization=world.ward, full_name=f"Người {n:02}", sort_name=f"nguoi {n:02}")
                               for n in range(30))
    rows = Person.objects.filter(full_name__startswith="Người").order_by("sort_name")
    tens = RangeCount(rows, Q(full_name__endswith="0"))  # Người 00, 10, 20
    assert tens.capped(100) == 3 and is_exact(tens.capped(100), 100)
    assert tens.capped(2) == 3 and not is_exact(3, 2)  # more than the cap
    monkeypatch.setattr(RangeCount, "budget", 14)  # Người 00 … 13 counted: two of them end in 0
    assert tens.capped(100) == 2 and isinstance(tens.capped(100), AtLeast) and not is_exact(tens.capped(100), 100)
    monkeypatch.setattr(RangeCount, "budget", 20)  # Người 00 … 19: not Người 20, the row that says the range goes on
    assert tens.capped(100) == 2 and isinstance(tens.capped(100), AtLeast)
    monkeypatch.setattr(RangeCount, "budget", 30)  # the whole range: exact
    assert tens.capped(100) == 3 and not isinstance(tens.capped(100), AtLeast)
    assert RangeCount(rows, Q(pk__in=[])).capped(100) == 0


def test_pages_counted_to_a_lower_bound_are_open_ended(world):
    """A count that is only a lower bound (AtLeast) does not cut a page short nor hide the pages past it: a next page
    is offered while one more row follows, and the count grows to the rows seen."""
    from core.pagination import AtLeast

    Person.objects.bulk_create(Person(organization=world.ward, full_name=f"Người {n:02}", sort_name=f"nguoi {n:02}")
                               for n in range(5))
    people = Person.objects.filter(full_name__startswith="Người").order_by("sort_name")
    paginator = SearchPaginator(people, 2)
    paginator.__dict__["count"] = AtLeast(1)  # as a RangeCount past its budget says
    names, number = [], 1
    while True:
        page = paginator.get_page(number)
        names += [person.full_name for person in page]
        assert paginator.lower_bound == len(names) + page.has_next()
        if not page.has_next():
            break
        number += 1
    assert names == [f"Người {n:02}" for n in range(5)] and number == 3
