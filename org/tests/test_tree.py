"""The organisation tree, level by level (issue 15): the page lists the user's top units open, a unit's children come
when it is opened, the unit opened is remembered, a search jumps to any unit; nothing outside the scope shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.permissions import Role
from conftest import make_org, make_user
from org.models import Kind

TREE = reverse("organization_tree")


def login(client, user):
    client.force_login(user)


def children_url(unit):
    return reverse("organization_children", args=[unit.pk])


@pytest.fixture
def province(world):
    """30 more wards of 10 chi bộ each under the district: what the tree must not render at once."""
    wards = []
    for index in range(30):
        ward = make_org(world.district, f"Đảng ủy phường Thử {index:02d}", Kind.WARD_COMMITTEE)
        for cell in range(10):
            make_org(ward, f"Chi bộ thử {index:02d}-{cell}", Kind.CELL)
        wards.append(ward)
    return wards


def test_the_clerk_sees_the_ward_open_and_nothing_of_another_ward(client, world, clerk):
    login(client, clerk)
    page = client.get(TREE).content.decode()
    assert "Đảng ủy phường Sài Đồng" in page and "Chi bộ số 1" in page and "Tổ dân phố số 1" in page
    assert "Bồ Đề" not in page and "Quận ủy Long Biên" not in page
    assert client.get(children_url(world.other_ward)).status_code == 404
    assert "Bồ Đề" not in client.get(TREE, {"open": str(world.other_ward.pk)}).content.decode()
    assert "Bồ Đề" not in client.get(TREE, {"q": "bo de"}).content.decode().split("<ul class=\"org-tree\">")[0]
    assert client.get(TREE, {"open": "not-a-uuid"}).status_code == 200


def test_a_province_opens_level_by_level_and_the_page_does_not_grow_with_it(client, world, superior, province):
    login(client, superior)
    page = client.get(TREE).content.decode()
    assert "Đảng ủy phường Thử 29" in page and "Chi bộ thử" not in page  # the wards listed, closed
    assert f'hx-get="{children_url(province[3])}"' in page
    level = client.get(children_url(province[3]), HTTP_HX_REQUEST="true").content.decode()
    assert "Chi bộ thử 03-0" in level and "Chi bộ thử 03-9" in level and "Chi bộ thử 04-0" not in level
    # The unit opened is remembered: the next visit shows the path down to it open, and no other ward's chi bộ.
    page = client.get(TREE).content.decode()
    assert "Chi bộ thử 03-9" in page and "Chi bộ thử 04-0" not in page
    opened = client.get(TREE, {"open": str(province[7].pk)}).content.decode()
    assert "Chi bộ thử 07-0" in opened and "Chi bộ thử 03-0" not in opened
    closed = client.get(TREE, {"open": str(world.district.pk)})
    sizes, queries = [], []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            sizes.append(len(client.get(TREE).content))
        queries.append(len(captured))
        make_org(world.district, "Đảng ủy phường Thêm", Kind.WARD_COMMITTEE)
    assert closed.status_code == 200 and queries[0] == queries[1]
    assert sizes[1] - sizes[0] < 1000  # one more ward, one more line


def test_the_search_jumps_to_a_unit_without_accents(client, world, superior):
    login(client, superior)
    page = client.get(TREE, {"q": "chi bo so 2"}).content.decode()
    assert f'href="?open={world.cell2.pk}"' in page
    assert "Không có đơn vị nào" in client.get(TREE, {"q": "khong co dau"}).content.decode()
    opened = client.get(TREE, {"open": str(world.cell2.pk)}).content.decode()
    assert "Chi bộ số 2" in opened


def test_a_chi_bo_secretary_sees_her_chi_bo_only(client, world):
    secretary = make_user("cb", world.cell, Role.CELL_SECRETARY)
    login(client, secretary)
    page = client.get(TREE).content.decode()
    assert "Chi bộ số 1" in page and "Chi bộ số 2" not in page and "Sài Đồng" not in page
    assert client.get(children_url(world.ward)).status_code == 404
