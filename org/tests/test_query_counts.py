"""The list pages run a fixed number of queries however many people, positions, units and audit rows there are."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from audit.services import log_action
from conftest import PASSWORD, make_org
from org.models import CellCategory, Committee, CommitteeKind, Kind, Person, Position, Term, Title

D = datetime.date

# page → (url, the most queries it may run): the count measured for a ward clerk (3 of them are the session, the
# user and the user's roles), the same with 5 and with 40 extra rows of each kind.
PAGES = {
    "dashboard": (lambda w, c: reverse("dashboard"), 26),  # one ward: its counts, charts, lists (issue 13)
    "organization_tree": (lambda w, c: reverse("organization_tree"), 6),  # tops, their level, may merge
    "person_list": (lambda w, c: reverse("person_list"), 6),
    "person_list_search": (lambda w, c: reverse("person_list") + "?q=nguyen+van", 6),
    "organization_detail": (lambda w, c: reverse("organization_detail", args=[w.ward.pk]), 11),
    "committee_detail": (lambda w, c: reverse("committee_detail", args=[c.pk]), 6),
    "person_detail": (lambda w, c: reverse("person_detail", args=[w.hung.pk]), 7),
    "audit_log": (lambda w, c: reverse("audit_log"), 6),
    "positions_on_date": (lambda w, c: reverse("positions_on_date") + "?on=28/06/2021", 5),
}


@pytest.fixture
def committee(world):
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    return Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)


def add_rows(world, committee, clerk, start, stop):
    """For each i: a chi bộ, a person of the ward with a seat and two positions, Hùng's past seat and position,
    and audit rows about Hùng, the ward and the committee."""
    for i in range(start, stop):
        cell = make_org(world.ward, f"Chi bộ phụ {i}", Kind.CELL, cell_category=CellCategory.AGENCY)
        person = Person.objects.create(organization=cell, residence=world.group, full_name=f"Nguyễn Văn An {i}",
                                       search_name=f"nguyen van an {i}", date_of_birth=D(1970, 1, 1))
        committee.memberships.create(person=person, start_date=D(2020, 6, 20))
        committee.memberships.create(person=world.hung, start_date=D(1900 + i, 1, 1), end_date=D(1900 + i, 12, 31))
        Position.objects.create(person=person, organization=world.ward, title=Title.MEMBER, start_date=D(2021, 1, 1))
        Position.objects.create(person=person, organization=world.ward, title=Title.OTHER, title_detail="Tổ trưởng",
                                start_date=D(2010, 1, 1), end_date=D(2015, 1, 1))
        Position.objects.create(person=world.hung, organization=cell, title=Title.SECRETARY, start_date=D(2015, 1, 1),
                                end_date=D(2021, 12, 31))
        with transaction.atomic():
            for obj in (world.hung, world.ward, committee):
                log_action("org.person.updated", actor=clerk, obj=obj, organization=world.ward, data={"changes": {
                    "phone": {"old": "*******678", "new": f"*******{i:03}"},
                    "date_of_birth": {"old": "1960-05-01", "new": "1960-05-02"},
                    "residence": {"old": None, "new": "Tổ dân phố số 1"},
                }})


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_list_page_runs_the_same_bounded_number_of_queries_for_5_or_40_rows(
    client, world, clerk, committee, page, django_assert_max_num_queries
):
    url, bound = PAGES[page][0](world, committee), PAGES[page][1]
    assert client.login(username=clerk.username, password=PASSWORD)
    add_rows(world, committee, clerk, 0, 5)
    assert client.get(url).status_code == 200  # warm caches (content types, session)
    with django_assert_max_num_queries(bound) as small:
        assert client.get(url).status_code == 200
    add_rows(world, committee, clerk, 5, 40)
    with django_assert_max_num_queries(bound) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
