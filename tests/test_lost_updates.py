"""Lost updates are detected (issue 12): two clerks edit the same person, member, meeting or document; the second
save, drawn from the version both opened, is refused with a clear message and changes nothing (a form's hidden
version; the API's ETag and If-Match, 412), instead of silently overwriting the first."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from accounts.permissions import Role
from conftest import PASSWORD, make_user
from documents.services import draft_document
from meetings.tests.conftest import session  # noqa: F401 - a fixture
from meetings.tests.test_decisions import enter_session
from members.services import register_candidate

STALE = "vừa được người khác sửa sau khi bạn mở trang này"


@dataclass
class Case:
    record: object
    page: str  # the edit page
    api: str  # the record's API address
    field: str  # a field both clerks change (form and API name alike)
    form_extra: dict  # what else the form needs to be posted as drawn
    api_extra: dict

    def reread(self):
        return type(self.record).objects.get(pk=self.record.pk)


def person_case(world, clerk):
    person = world.hung
    return Case(person, reverse("person_edit", args=[person.pk]), f"/api/v1/people/{person.pk}", "note", {}, {})


def member_case(world, clerk):
    member = register_candidate(person=world.dung, organization=world.cell, day=datetime.date(2024, 1, 2), actor=clerk)
    return Case(member, reverse("member_edit", args=[member.pk]), f"/api/v1/members/{member.pk}", "note", {}, {})


def document_case(world, clerk):
    document = draft_document(organization=world.ward, doc_type="plan", summary="Kế hoạch tháng 12", actor=clerk)
    return Case(document, reverse("document_edit", args=[document.pk]), f"/api/v1/documents/{document.pk}", "note",
                {}, {})


def meeting_case(world, clerk, meeting_world):
    meeting = enter_session(meeting_world, world, clerk)
    return Case(meeting, reverse("meeting_correct", args=[meeting.pk]), f"/api/v1/meetings/{meeting.pk}",
                "conclusion", {"reason": "Bổ sung kết luận", "starts": "14:00"}, {"reason": "Bổ sung kết luận"})


CASES: dict[str, Callable] = {"person": person_case, "member": member_case, "document": document_case,
                              "meeting": meeting_case}


@pytest.fixture(params=sorted(CASES))
def case(request, world, clerk):
    build = CASES[request.param]
    if request.param == "meeting":
        return build(world, clerk, request.getfixturevalue("session"))
    return build(world, clerk)


@pytest.fixture
def second_clerk(world):
    return make_user("clerk2", world.ward, Role.WARD_CLERK)


def drawn(client, url) -> dict:
    """The edit form as the page drew it: every field's value, the hidden version included."""
    form = client.get(url).context["form"]
    return {key: ("" if form[key].value() is None else form[key].value()) for key in form.fields}


def test_the_second_save_of_a_form_is_refused_and_the_first_stands(case, clerk, second_clerk):
    first, second = Client(), Client()
    first.force_login(clerk)
    second.force_login(second_clerk)
    mine, theirs = drawn(first, case.page), drawn(second, case.page)
    assert mine["version"] == theirs["version"] == case.reread().version
    saved = first.post(case.page, {**mine, **case.form_extra, case.field: "Bản của đồng chí thứ nhất"})
    assert saved.status_code == 302
    refused = second.post(case.page, {**theirs, **case.form_extra, case.field: "Bản của đồng chí thứ hai"})
    assert refused.status_code == 200 and STALE in refused.content.decode()
    assert getattr(case.reread(), case.field) == "Bản của đồng chí thứ nhất"
    again = drawn(second, case.page)  # opened again, it shows the first clerk's text and saves
    assert again[case.field] == "Bản của đồng chí thứ nhất"
    assert second.post(case.page, {**again, **case.form_extra, case.field: "Bản sau cùng"}).status_code == 302
    assert getattr(case.reread(), case.field) == "Bản sau cùng"


def bearer(client, user):
    token = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_api_refuses_a_change_drawn_from_an_old_etag_with_412(client, case, clerk, second_clerk):
    mine, theirs = bearer(client, clerk), bearer(client, second_clerk)
    read = client.get(case.api, **mine)
    assert read.status_code == 200 and read["ETag"] == f'"{read.json()["version"]}"'
    etag = read["ETag"]

    def patch(headers, text, if_match):
        body = json.dumps({**case.api_extra, case.field: text})
        return client.patch(case.api, body, content_type="application/json", HTTP_IF_MATCH=if_match, **headers)

    changed = patch(theirs, "Bản của đồng chí thứ hai", etag)
    assert changed.status_code == 200 and changed["ETag"] != etag and changed.json()["version"] > read.json()["version"]
    refused = patch(mine, "Bản của đồng chí thứ nhất", etag)
    assert refused.status_code == 412 and STALE in refused.json()["detail"]
    assert getattr(case.reread(), case.field) == "Bản của đồng chí thứ hai"
    assert patch(mine, "Bản sau cùng", changed["ETag"]).status_code == 200
    assert patch(mine, "x", "ba").status_code == 400
    assert getattr(case.reread(), case.field) == "Bản sau cùng"


def test_the_api_documents_if_match_and_412_on_each_versioned_change():
    from config.api import api

    spec = api.get_openapi_schema()
    for path in ("/api/v1/people/{id}", "/api/v1/members/{id}", "/api/v1/documents/{document_id}",
                 "/api/v1/meetings/{meeting_id}"):
        operation = spec["paths"][path]["patch"]
        assert 412 in operation["responses"], path
        assert any(p["name"] == "If-Match" and p["in"] == "header" for p in operation["parameters"]), path
