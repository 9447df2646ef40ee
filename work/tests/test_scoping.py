"""Every task page and endpoint × every demo persona, as for the other apps; and a ward body's reporter sees the tasks
its body leads and nothing else of the ward.

The tasks are Sài Đồng's: one its UBND leads, one its MTTQ leads (both set by the session of 28/06/2021, seed 000),
one the Đảng ủy keeps for itself, one its first chi bộ leads."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo.data import DEMO_ACCOUNTS
from org.models import Organization
from tests.test_scoping_matrix import token_for
from work.models import Task
from work.services import create_task

V, C, R = "view", "change", "report"
OK, FORBIDDEN, HIDDEN = 200, 403, 404
SCOPES = ("ubnd", "mttq", "ward", "cell1")


def everywhere(view, change, report):
    return {scope: {V: view, C: change, R: report} for scope in SCOPES}


def only(own: str, *, report=OK):
    return {scope: ({V: OK, C: FORBIDDEN, R: report} if scope == own else {V: HIDDEN, C: HIDDEN, R: HIDDEN})
            for scope in SCOPES}


READER = everywhere(OK, FORBIDDEN, FORBIDDEN)
STRANGER = everywhere(HIDDEN, HIDDEN, HIDDEN)
EXPECTED = {
    "admin": everywhere(OK, OK, OK),
    "saidong": everywhere(OK, OK, OK),
    "saidong-bithu": READER,
    "saidong-ubkt": READER,
    "longbien": READER,
    "saidong-chibo1": only("cell1"),
    "saidong-ubnd": only("ubnd"),
    "saidong-mttq": only("mttq"),
    "bode": STRANGER,
    "cukhoi": STRANGER,
    "thanhkhetay": STRANGER,
    "cauonglanh": STRANGER,
}


def test_the_matrix_names_every_demo_account():
    assert set(EXPECTED) == {account.username for account in DEMO_ACCOUNTS}


@pytest.fixture
def targets(demo):
    ward = Organization.objects.get(code="saidong")
    seed = Task.objects.filter(ward=ward, meeting__isnull=False)
    cell1 = Organization.objects.get(code="saidong-cb01")
    return {
        "ubnd": seed.filter(lead_unit__code="saidong-ubnd").first(),
        "mttq": seed.filter(lead_unit__code="saidong-mttq").first(),
        "ward": seed.filter(lead_unit=ward).first(),
        "cell1": create_task(ward=ward, actor=User.objects.get(username="saidong"), text="Rà soát đảng viên",
                             lead_unit=cell1, due_on=timezone.localdate()),
    }


def _report(client, task, **headers):
    return client.post(reverse("task_detail", args=[task.pk]),
                       {"day": timezone.localdate().strftime("%d/%m/%Y"), "note": "Đã triển khai"}, **headers)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_task_page_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    client.force_login(User.objects.get(username=username))
    for scope, task in targets.items():
        expected = EXPECTED[username][scope]
        assert client.get(reverse("task_detail", args=[task.pk])).status_code == expected[V], (username, scope)
        assert client.get(reverse("task_edit", args=[task.pk])).status_code == expected[C], (username, scope)
        before = task.progress.count()
        status = _report(client, task).status_code
        assert status == (302 if expected[R] == OK else expected[R]), (username, scope, status)
        assert task.progress.count() == before + (expected[R] == OK)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_task_endpoint_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    headers = token_for(client, username)
    for scope, task in targets.items():
        expected = EXPECTED[username][scope]
        url = f"/api/v1/tasks/{task.pk}"
        assert client.get(url, **headers).status_code == expected[V], (username, scope)
        response = client.patch(url, {"source_note": "Kiểm tra phạm vi"}, content_type="application/json", **headers)
        assert response.status_code == expected[C], (username, scope, response.content)
        response = client.post(f"{url}/progress", {"note": "Đã triển khai"}, content_type="application/json",
                               **headers)
        assert response.status_code == (201 if expected[R] == OK else expected[R]), (username, scope)
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_task_list_holds_only_the_personas_tasks(client, targets, username):
    user = User.objects.get(username=username)
    headers = token_for(client, username)
    listed = {item["id"] for item in client.get("/api/v1/tasks?page_size=200", **headers).json()["items"]}
    expected = {str(task.pk) for scope, task in targets.items() if EXPECTED[username][scope][V] == OK}
    assert expected <= listed
    assert listed == {str(pk) for pk in Task.objects.for_user(user, "tasks.view").values_list("pk", flat=True)}
    client.force_login(user)
    page = {task.pk for task in client.get(reverse("task_list"), {"status": "open"}).context["page"]}
    for scope, task in targets.items():
        assert (task.pk in page) == (EXPECTED[username][scope][V] == OK and task.status in ("not_started",
                                                                                             "in_progress"))


def test_a_unit_reporter_sees_nothing_else_of_the_ward(client, targets):
    user = User.objects.get(username="saidong-ubnd")
    headers = token_for(client, "saidong-ubnd")
    for path in ("/api/v1/members", "/api/v1/people", "/api/v1/meetings", "/api/v1/documents",
                 "/api/v1/organizations"):
        assert client.get(path, **headers).json()["items"] == [], path
    assert client.get(f"/api/v1/organizations/{targets['ward'].ward_id}", **headers).status_code == HIDDEN
    assert client.get(f"/api/v1/meetings/{targets['ubnd'].meeting_id}", **headers).status_code == HIDDEN
    client.force_login(user)
    assert client.get(reverse("dashboard")).url == reverse("task_list")
    menu = client.get(reverse("task_list")).content.decode()
    assert reverse("task_list") in menu
    for name in ("member_list", "person_list", "document_list", "meeting_list", "organization_tree"):
        assert f'href="{reverse(name)}"' not in menu, name
    assert not client.get(reverse("member_list")).context["page"].object_list
    other = targets["mttq"]
    assert client.get(reverse("task_list"), {"organization": other.lead_unit_id}).status_code == HIDDEN
    assert client.get(reverse("task_list"), {"organization": targets["ubnd"].lead_unit_id}).status_code == OK
