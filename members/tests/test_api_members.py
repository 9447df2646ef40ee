"""The members API: register, record events (refusals name the rule), the list with search, scoping, audit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import LogEntry
from conftest import PASSWORD
from members.models import MembershipEvent, PartyMember, Status


def bearer(client, user):
    token = client.post(
        "/api/v1/auth/token", {"username": user.username, "password": PASSWORD}, content_type="application/json"
    ).json()["token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def api(client, clerk):
    headers = bearer(client, clerk)

    def call(method, path, body=None):
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(f"/api/v1{path}", **kwargs, **headers)

    return call


@pytest.fixture
def member(api, world):
    world.dung.date_of_birth = datetime.date(1995, 3, 10)
    world.dung.save()
    response = api("post", "/members", {"person": str(world.dung.pk), "organization": str(world.cell.pk),
                                        "date": "2020-09-01"})
    assert response.status_code == 201, response.content
    return response.json()


def test_a_clerk_walks_a_candidate_to_probation_through_the_api(api, member):
    assert member["status"] == "candidate" and member["full_name"] == "Đặng Thị Dung"
    steps = [
        {"kind": "awareness_course", "date": "2020-10-05"},
        {"kind": "cell_admission_resolution", "date": "2021-03-02", "votes_for": 9, "voters_total": 12},
        {"kind": "ward_admission_resolution", "date": "2021-03-20", "votes_for": 11, "voters_total": 15},
        {"kind": "admission_decision", "date": "2021-04-06", "decision_no": "112-QĐ/ĐU"},
        {"kind": "ceremony", "date": "2021-04-20"},
    ]
    for step in steps:
        response = api("post", f"/members/{member['id']}/events", step)
        assert response.status_code == 201, response.content
    dossier = api("get", f"/members/{member['id']}").json()
    assert dossier["status"] == "probationary"
    assert dossier["admitted_on"] == "2021-04-06"
    assert dossier["probation_ends_on"] == "2022-04-20"
    assert [event["kind"] for event in dossier["events"]][-1] == "ceremony"
    assert LogEntry.objects.filter(action="members.dossier.viewed", object_id=member["id"]).count() == 1


def test_a_refused_event_answers_400_naming_the_rule_and_changes_nothing(api, member):
    """docs/rules.md §1.5: the chi bộ resolution needs the awareness course first."""
    before = MembershipEvent.objects.count(), LogEntry.objects.count()
    response = api("post", f"/members/{member['id']}/events",
                   {"kind": "cell_admission_resolution", "date": "2021-03-02", "votes_for": 9, "voters_total": 12})
    assert response.status_code == 400
    assert "lớp bồi dưỡng nhận thức về Đảng" in response.json()["detail"]
    assert (MembershipEvent.objects.count(), LogEntry.objects.count()) == before


def test_an_unknown_event_kind_is_a_422_with_the_field_named(api, member):
    response = api("post", f"/members/{member['id']}/events", {"kind": "promotion", "date": "2021-03-02"})
    assert response.status_code == 422 and response.json()["detail"].startswith("kind:")


def test_the_list_searches_without_accents_and_filters_by_status(api, member):
    assert [m["full_name"] for m in api("get", "/members?q=dang thi").json()["items"]] == ["Đặng Thị Dung"]
    assert api("get", "/members?q=dung&status=official").json()["count"] == 0
    assert api("get", "/members?q=xyz").json()["count"] == 0


def test_outsiders_see_nothing_and_the_level_above_sees_the_list_but_not_dossiers(client, member, outsider,
                                                                                   superior):
    headers = bearer(client, outsider)
    assert client.get(f"/api/v1/members/{member['id']}", **headers).status_code == 404
    assert client.get("/api/v1/members", **headers).json()["count"] == 0
    event = {"kind": "awareness_course", "date": "2020-10-05"}
    response = client.post(f"/api/v1/members/{member['id']}/events", event, content_type="application/json",
                           **headers)
    assert response.status_code == 404
    headers = bearer(client, superior)
    assert client.get("/api/v1/members", **headers).json()["count"] == 1
    assert client.get(f"/api/v1/members/{member['id']}", **headers).status_code == 403


def test_the_list_takes_the_same_queries_for_more_members(api, world, clerk):
    from members import services
    from org.models import Person

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api("get", "/members").status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            person = Person.objects.create(organization=world.cell, full_name=f"Người {i}", search_name=f"nguoi {i}")
            services.register_candidate(person=person, organization=world.cell, day=datetime.date(2024, 1, 2),
                                        actor=clerk)

    add(2)
    small = count()
    add(20)
    assert count() == small
    assert PartyMember.objects.filter(status=Status.CANDIDATE).count() == 22
