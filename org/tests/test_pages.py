"""Every page renders for the personas who may see it, and refuses the others (404 invisible, 403 forbidden)."""

import datetime

import pytest
from django.urls import reverse

from audit.models import LogEntry
from conftest import PASSWORD
from org.models import Committee, CommitteeKind, Organization, Position, Term, Title


@pytest.fixture
def records(world, clerk):
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date="2020-06-20")
    term.refresh_from_db()  # dates as dates
    committee = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)
    membership = committee.memberships.create(person=world.hung, start_date="2020-06-20")
    position = Position.objects.create(
        person=world.hung, organization=world.ward, title=Title.SECRETARY, start_date="2020-06-20"
    )
    return {"term": term, "committee": committee, "membership": membership, "position": position}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def page_urls(world, records):
    """(name, url, permission needed) for every page about ward A's records."""
    return [
        ("organization", reverse("organization_detail", args=[world.ward.pk]), "view"),
        ("organization_edit", reverse("organization_edit", args=[world.ward.pk]), "change"),
        ("organization_create", reverse("organization_create", args=[world.ward.pk]), "change"),
        ("term_create", reverse("term_create", args=[world.ward.pk]), "change"),
        ("committee_create", reverse("committee_create", args=[world.ward.pk]), "change"),
        ("position_create", reverse("position_create", args=[world.ward.pk]), "change"),
        ("committee", reverse("committee_detail", args=[records["committee"].pk]), "view"),
        ("committee_edit", reverse("committee_edit", args=[records["committee"].pk]), "change"),
        ("committee_member_add", reverse("committee_member_add", args=[records["committee"].pk]), "change"),
        ("committee_member_edit", reverse("committee_member_edit", args=[records["membership"].pk]), "change"),
        ("position_edit", reverse("position_edit", args=[records["position"].pk]), "change"),
        ("person", reverse("person_detail", args=[world.hung.pk]), "view"),
        ("person_edit", reverse("person_edit", args=[world.hung.pk]), "change"),
    ]


# persona → what it may do with ward A's records (the ward itself, not only a chi bộ)
EXPECTED = {
    "clerk": {"view": 200, "change": 200},
    "secretary": {"view": 200, "change": 403},
    "inspector": {"view": 200, "change": 403},
    "superior": {"view": 200, "change": 403},
    "cell_secretary": {"view": 404, "change": 404},
    "outsider": {"view": 404, "change": 404},
    "admin_user": {"view": 200, "change": 200},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_page_answers_each_persona_as_its_role_allows(request, client, world, records, persona):
    user = request.getfixturevalue(persona)
    login(client, user)
    for name, url, need in page_urls(world, records):
        response = client.get(url)
        assert response.status_code == EXPECTED[persona][need], (persona, name, response.status_code)


@pytest.mark.parametrize("name", ["dashboard", "organization_tree", "person_list", "positions_on_date"])
def test_list_pages_need_login(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_cell_secretary_sees_their_chi_bo_and_its_people_only(client, world, cell_secretary):
    login(client, cell_secretary)
    assert client.get(reverse("organization_detail", args=[world.cell.pk])).status_code == 200
    assert client.get(reverse("organization_detail", args=[world.cell2.pk])).status_code == 404
    assert client.get(reverse("person_detail", args=[world.dung.pk])).status_code == 200
    assert client.get(reverse("person_edit", args=[world.dung.pk])).status_code == 403
    page = client.get(reverse("person_list")).content.decode()
    assert "Đặng Thị Dung" in page
    assert "Nguyễn Văn Hùng" not in page


def test_outsider_cannot_post_changes_to_another_wards_person(client, world, outsider):
    login(client, outsider)
    response = client.post(reverse("person_edit", args=[world.hung.pk]), {"full_name": "Bị sửa"})
    assert response.status_code == 404
    world.hung.refresh_from_db()
    assert world.hung.full_name == "Nguyễn Văn Hùng"


def test_audit_page_is_refused_to_roles_without_audit_rights(client, world, cell_secretary, clerk):
    login(client, cell_secretary)
    assert client.get(reverse("audit_log")).status_code == 403
    login(client, clerk)
    assert client.get(reverse("audit_log")).status_code == 200


def test_tree_shows_the_visible_subtree_only(client, world, clerk, superior):
    login(client, clerk)
    page = client.get(reverse("organization_tree")).content.decode()
    assert "Đảng ủy phường Sài Đồng" in page and "Chi bộ số 1" in page
    assert "Bồ Đề" not in page and "Quận ủy Long Biên" not in page
    login(client, superior)
    page = client.get(reverse("organization_tree")).content.decode()
    assert "Quận ủy Long Biên" in page and "Bồ Đề" in page and "Sài Đồng" in page
    assert "Thành ủy Hà Nội" not in page


def test_dashboard_shows_real_counts(client, world, clerk, records):
    login(client, clerk)
    response = client.get(reverse("dashboard"))
    totals = response.context["totals"]
    # ward, 2 chi bộ, UBND, 1 tổ dân phố
    assert totals == {"organizations": 5, "committees": 1, "people": 2, "positions": 1, "members": 0, "overdue": 0,
                      "meetings": 0, "documents": 0, "tasks_open": 0, "tasks_overdue": 0, "tasks_done": 0,
                      "probation_ending": 0, "cells_not_met": 2, "targets": 0, "targets_achieved": 0,
                      "targets_behind": 0, "inspections_planned": 0, "inspections_done": 0, "follow_ups_overdue": 0}
    assert 'data-stat="people">2<' in response.content.decode()


def test_a_units_page_shows_the_history_of_its_positions_and_committees(client, world, clerk):
    from org import services

    services.create_position(
        organization=world.ward, actor=clerk, person=world.hung, title=Title.SECRETARY, start_date="2020-06-20"
    )
    login(client, clerk)
    page = client.get(reverse("organization_detail", args=[world.ward.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "Giao chức danh" in history and "Nguyễn Văn Hùng" in history and "20/06/2020" in history


def test_only_the_administrator_creates_a_top_level_unit(client, world, clerk, admin_user):
    login(client, clerk)
    assert client.get(reverse("organization_create_root")).status_code == 403
    client.force_login(admin_user)
    data = {"name": "Tỉnh ủy Lai Châu", "kind": "province_committee"}
    response = client.post(reverse("organization_create_root"), data)
    assert response.status_code == 302
    assert Organization.objects.get(name="Tỉnh ủy Lai Châu").depth == 1


def test_a_clerk_closes_a_term_on_its_edit_page(client, world, clerk, records):
    login(client, clerk)
    url = reverse("term_edit", args=[records["term"].pk])
    response = client.post(url, {"name": "2020–2025", "start_date": "20/06/2020", "end_date": "30/06/2025"})
    assert response.status_code == 302
    records["term"].refresh_from_db()
    assert str(records["term"].end_date) == "2025-06-30"
    assert LogEntry.objects.filter(action="org.term.updated").exists()


def test_committee_and_person_pages_show_the_history_of_seats_and_positions(client, world, clerk, records):
    from org import services

    services.add_committee_member(committee=records["committee"], actor=clerk, person=world.dung,
                                  start_date=datetime.date(2021, 1, 1))
    services.create_position(organization=world.cell, actor=clerk, person=world.dung, title=Title.SECRETARY,
                             start_date=datetime.date(2021, 1, 1))
    login(client, clerk)
    committee_page = client.get(reverse("committee_detail", args=[records["committee"].pk])).content.decode()
    assert "Thêm ủy viên" in committee_page[committee_page.index('id="history"'):]
    person_page = client.get(reverse("person_detail", args=[world.dung.pk])).content.decode()
    assert "Giao chức danh" in person_page[person_page.index('id="history"'):]


def test_the_live_search_answers_htmx_with_the_results_alone(client, world, clerk):
    login(client, clerk)
    response = client.get(reverse("person_list"), {"q": "hung"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body
    assert "HX-Request" in response["Vary"]
    restore = client.get(reverse("person_list"), {"q": "hung"}, HTTP_HX_REQUEST="true",
                         HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode()


def test_a_clerk_edits_a_committee_and_the_change_is_audited(client, world, clerk, records):
    login(client, clerk)
    url = reverse("committee_edit", args=[records["committee"].pk])
    response = client.post(url, {"kind": "executive", "term": str(records["term"].pk), "note": "Khóa XIV"})
    assert response.status_code == 302
    entry = LogEntry.objects.get(action="org.committee.updated")
    assert entry.changes == {"note": {"old": "", "new": "Khóa XIV"}}
