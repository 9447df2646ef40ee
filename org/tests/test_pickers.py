"""Search-as-you-type pickers (issue 15): a form's select of units or people holds only the chosen option; the search
beside it fetches at most 20 matches the user may pick; the form still validates the choice against its scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.permissions import Role
from conftest import make_org, make_user
from core.pickers import PICK_LIMIT
from members import services
from org.models import Kind, Person


def pick(client, source, field, query, **params):
    return client.get(reverse("pick", args=[source]), {"field": field, f"{field}__search": query, **params})


def test_a_picker_renders_the_chosen_option_only_and_does_not_grow_with_the_units(client, world, clerk):
    client.force_login(clerk)
    url = reverse("positions_on_date")
    first = client.get(url, {"on": "28/06/2021"}).content.decode()
    for index in range(30):
        make_org(world.ward, f"Chi bộ thêm {index}", Kind.CELL)
    page = client.get(url, {"on": "28/06/2021"}).content.decode()
    assert "Chi bộ thêm" not in page and "Chi bộ số 2" not in page
    assert len(page) == len(first)
    assert 'name="organization__search"' in page and 'data-picker="true"' in page
    chosen = client.get(url, {"on": "28/06/2021", "organization": str(world.cell2.pk)}).content.decode()
    assert f'<option value="{world.cell2.pk}" selected>Chi bộ số 2 — Đảng ủy phường Sài Đồng</option>' in chosen


def test_the_search_answers_the_users_scope_only(client, world, clerk):
    client.force_login(clerk)
    answer = pick(client, "units", "organization", "chi bo", perm="org.view", blank="Mọi tổ chức").content.decode()
    assert answer.startswith('<option value="" selected>Mọi tổ chức</option>')
    assert "Chi bộ số 1 — Đảng ủy phường Sài Đồng" in answer and "Chi bộ số 2" in answer
    assert "Bồ Đề" not in pick(client, "units", "organization", "bo de", perm="org.view").content.decode()
    assert "Không tìm thấy" in pick(client, "units", "organization", "bo de", perm="org.view").content.decode()
    cells = pick(client, "units", "organization", "sai dong", perm="org.view", kinds="cell").content.decode()
    assert "Chi bộ" not in cells  # the ward's name matches, but only chi bộ were asked for (none named so)
    people = pick(client, "people", "person", "binh", perm="people.view").content.decode()
    assert "Trần Văn Bình" not in people  # of the other ward
    assert "Nguyễn Văn Hùng (1960)" in pick(client, "people", "person", "hung", perm="people.view").content.decode()
    assert pick(client, "units", "organization", "chi", perm="no.such").status_code == 404
    assert pick(client, "nothing", "organization", "chi", perm="org.view").status_code == 404
    assert pick(client, "units", "organization", "", perm="org.view").content == b""
    client.logout()
    assert pick(client, "units", "organization", "chi", perm="org.view").status_code == 302


def test_the_search_lists_at_most_its_limit_in_a_bounded_number_of_queries(client, world, clerk):
    for index in range(PICK_LIMIT + 5):
        make_org(world.ward, f"Chi bộ khu {index:02d}", Kind.CELL)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        answer = pick(client, "units", "organization", "chi bo khu", perm="org.view").content.decode()
    assert answer.count("Chi bộ khu") == PICK_LIMIT and "gõ thêm để thu hẹp" in answer
    assert len(queries) <= 5  # session, user, grants, the matches, their parents


def test_the_form_refuses_a_unit_outside_the_scope_whatever_the_picker_sent(client, world, clerk):
    client.force_login(clerk)
    refused = client.get(reverse("positions_on_date"), {"on": "28/06/2021", "organization": str(world.other_ward.pk)})
    assert "Hãy chọn" in refused.content.decode() or "không hợp lệ" in refused.content.decode()
    assert refused.context["positions"] is None


def test_the_transfer_form_searches_people_without_a_dossier_only(client, world, clerk):
    services.register_candidate(person=world.hung, organization=world.cell, day=datetime.date(2024, 3, 1),
                                actor=clerk)
    Person.objects.create(organization=world.ward, full_name="Nguyễn Thị Hương")
    client.force_login(clerk)
    page = client.get(reverse("member_receive")).content.decode()
    assert "kinds=not_member" in page
    answer = pick(client, "people", "person", "nguyen", perm="people.view", kinds="not_member").content.decode()
    assert "Nguyễn Thị Hương" in answer and "Nguyễn Văn Hùng" not in answer


@pytest.mark.parametrize("name", ["audit_log", "meeting_create", "member_register", "document_receive",
                                  "document_draft", "fee_sheet"])
def test_the_scope_wide_pickers_are_search_fields(client, world, clerk, name):
    client.force_login(clerk)
    page = client.get(reverse(name)).content.decode()
    assert 'data-picker="true"' in page and "__search" in page


def test_the_ward_filter_of_the_lists_does_not_list_every_ward(client, world, superior):
    """The level above filters its lists by ward through a picker: the page holds the chosen ward only."""
    for index in range(20):
        make_org(world.district, f"Đảng ủy phường Thêm {index:02d}", Kind.WARD_COMMITTEE)
    client.force_login(superior)
    page = client.get(reverse("person_list")).content.decode()
    assert 'id="id_ward"' in page and "Đảng ủy phường Thêm" not in page and "Bồ Đề" not in page.split("<table")[0]
    chosen = client.get(reverse("person_list"), {"ward": str(world.other_ward.pk)}).content.decode()
    assert f'<option value="{world.other_ward.pk}" selected>Đảng ủy phường Bồ Đề — Quận ủy Long Biên</option>' in chosen
    answer = pick(client, "units", "ward", "them 1", perm="org.view", kinds="commune_committee,ward_committee")
    assert answer.content.decode().count("Đảng ủy phường Thêm 1") == 10


def test_a_picker_lists_nothing_to_a_role_that_may_not_read_units_or_people(client, world):
    """A ward body's reporter holds tasks.view: naming it as the permission does not open the tree or the people."""
    reporter = make_user("reporter", world.ubnd, Role.UNIT_REPORTER)
    client.force_login(reporter)
    for source, field, query in (("units", "organization", "chi"), ("people", "person", "nguyen")):
        answer = pick(client, source, field, query, perm="tasks.view").content.decode()
        assert "Không tìm thấy" in answer and "Chi bộ" not in answer and "Nguyễn" not in answer


def test_the_choice_made_stays_chosen_while_searching(client, world, clerk):
    client.force_login(clerk)
    answer = pick(client, "units", "organization", "chi bo so 1", perm="org.view", blank="Tất cả",
                  organization=str(world.cell2.pk)).content.decode()
    assert answer.startswith(f'<option value="">Tất cả</option><option value="{world.cell2.pk}" selected>')
    assert "Chi bộ số 1 — Đảng ủy phường Sài Đồng" in answer
    assert pick(client, "units", "organization", "chi", perm="org.view", organization="x").status_code == 200


def test_a_position_picker_searches_the_units_own_ward(client, world, admin_user):
    """The administrator sees two wards; a position of Sài Đồng takes a person of Sài Đồng: so does its search."""
    client.force_login(admin_user)
    page = client.get(reverse("position_create", args=[world.ward.pk])).content.decode()
    assert f"within={world.ward.pk}" in page
    inside = pick(client, "people", "person", "nguyen", perm="people.view", within=str(world.ward.pk))
    outside = pick(client, "people", "person", "tran", perm="people.view", within=str(world.ward.pk))
    assert "Nguyễn Văn Hùng" in inside.content.decode() and "Trần Văn Bình" not in outside.content.decode()
    hidden = pick(client, "people", "person", "tran", perm="people.view", within=str(world.other_ward.pk))
    assert "Trần Văn Bình" in hidden.content.decode()  # the administrator sees Bồ Đề
    client.force_login(make_user("c2", world.ward, Role.WARD_CLERK))
    refused = pick(client, "people", "person", "tran", perm="people.view", within=str(world.other_ward.pk))
    assert "Trần Văn Bình" not in refused.content.decode()


def test_the_ward_filter_of_someone_who_sees_no_ward_searches_her_own_units(client, world):
    """A chi bộ secretary of two chi bộ in two wards filters by chi bộ: the picker searches chi bộ, not wards."""
    other_cell = make_org(world.other_ward, "Chi bộ Bồ Đề 1", Kind.CELL)
    secretary = make_user("two-cells", world.cell, Role.CELL_SECRETARY)
    secretary.assignments.create(organization=other_cell, role=Role.CELL_SECRETARY)
    client.force_login(secretary)
    page = client.get(reverse("member_list")).content.decode()
    assert "kinds=cell&amp;" in page or "kinds=cell\"" in page
    answer = pick(client, "units", "ward", "chi bo", perm="org.view", kinds="cell").content.decode()
    assert "Chi bộ số 1" in answer and "Chi bộ Bồ Đề 1" in answer and "Chi bộ số 2" not in answer
