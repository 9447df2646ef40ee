"""Meetings × every demo persona: Sài Đồng's session of 28/06/2021 (seed 000) is read, with its papers, by those
who read the ward, added to only by its clerk and the admin, and does not exist for other wards or for Sài Đồng's
chi bộ 1 (a chi bộ secretary sees the meetings of their own chi bộ only)."""

import pytest

from accounts.models import User
from meetings.models import Decision, Meeting
from tests.test_scoping_matrix import EXPECTED, OK, C, V, token_for


@pytest.fixture
def session(demo):
    return Meeting.objects.get(organization__code="saidong", kind="regular", starts_at__date="2021-06-28")


def expected(username, need, created=200):
    status = EXPECTED[username]["ward"][need]
    return created if status == OK else status


OTHER = {"kind": "other", "title": "Thông qua quy chế làm việc", "votes_for": 13}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_meeting_pages_answer_each_persona_as_its_role_allows(client, session, username):
    client.force_login(User.objects.get(username=username))
    decisions = Decision.objects.count()

    assert client.get(session.get_absolute_url()).status_code == expected(username, V)
    assert client.get(f"/meetings/{session.pk}/minutes/", {"format": "pdf"}).status_code == expected(username, V)
    posted = client.post(f"/meetings/{session.pk}/decisions/", {"subject": "other", "title": OTHER["title"],
                                                               "votes_for": 13, "votes_against": 0,
                                                               "votes_abstained": 0})
    assert posted.status_code == expected(username, C, created=302)
    listed = {meeting.pk for meeting in client.get("/meetings/").context["page"]}
    assert (session.pk in listed) == (expected(username, V) == OK)
    assert Decision.objects.count() == decisions + (1 if expected(username, C) == OK else 0)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_meeting_endpoints_answer_each_persona_as_its_role_allows(client, session, username):
    headers = token_for(client, username)
    decisions = Decision.objects.count()

    assert client.get(f"/api/v1/meetings/{session.pk}", **headers).status_code == expected(username, V)
    minutes = client.get(f"/api/v1/meetings/{session.pk}/minutes", {"format": "docx"}, **headers)
    assert minutes.status_code == expected(username, V)
    added = client.post(f"/api/v1/meetings/{session.pk}/decisions", OTHER, content_type="application/json",
                        **headers)
    assert added.status_code == expected(username, C, created=201)
    items = client.get("/api/v1/meetings", **headers).json()["items"]
    assert (str(session.pk) in {item["id"] for item in items}) == (expected(username, V) == OK)
    assert Decision.objects.count() == decisions + (1 if expected(username, C) == OK else 0)
