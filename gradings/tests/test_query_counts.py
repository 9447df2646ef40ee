"""The grading page and the staff page cost the same number of queries however many rows they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_org
from gradings.models import Grade
from gradings.services import decide_gradings
from members.models import PartyMember, Status
from org.models import Kind, Person
from staffing.services import assign_post, create_post

D = datetime.date


def _queries(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [2, 12])
def test_the_grading_page_is_bounded(client, clerk, world, size):
    cells = [make_org(world.ward, f"Chi bộ thêm {n}", Kind.CELL) for n in range(size)]
    decisions = []
    for number, cell in enumerate(cells):
        person = Person.objects.create(organization=cell, full_name=f"Người {number}", search_name=f"nguoi {number}")
        member = PartyMember.objects.create(person=person, organization=cell, status=Status.OFFICIAL,
                                            status_since=D(2000, 1, 1))
        decisions.append({"member": member, "grade": Grade.GOOD})
    decide_gradings(ward=world.ward, actor=clerk, year=2024, decided_on=D(2024, 12, 20), decisions=decisions)
    client.force_login(clerk)
    assert _queries(client, reverse("grading_list"), {"ward": world.ward.pk, "year": 2024}) == 11


@pytest.mark.parametrize("size", [2, 12])
def test_the_staff_page_is_bounded(client, clerk, world, size):
    for number in range(size):
        post = create_post(ward=world.ward, unit=world.ward, title=f"Chức danh {number}", actor=clerk)
        assign_post(post, person=world.hung, allowance=1_000_000, start_date=D(2020, 1, 1), actor=clerk)
    client.force_login(clerk)
    assert _queries(client, reverse("staffing"), {"ward": world.ward.pk}) == 10
