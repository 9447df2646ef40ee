"""Every inspection page and endpoint × every demo persona, as for the other apps: the office writes both programs,
the UBKT its own and reads the Đảng ủy's, the secretary and the level above read, the rest see nothing."""

import pytest
from django.urls import reverse

from accounts.models import User
from demo.data import DEMO_ACCOUNTS
from inspections.models import Inspection, InspectionProgram
from tests.test_scoping_matrix import token_for

V, C = "view", "change"
OK, FORBIDDEN, HIDDEN = 200, 403, 404
SCOPES = ("committee", "inspection")


def everywhere(view, change):
    return {scope: {V: view, C: change} for scope in SCOPES}


READER = everywhere(OK, FORBIDDEN)
STRANGER = everywhere(HIDDEN, HIDDEN)
EXPECTED = {
    "admin": everywhere(OK, OK),
    "saidong": everywhere(OK, OK),
    "saidong-bithu": READER,
    "saidong-ubkt": {"committee": {V: OK, C: FORBIDDEN}, "inspection": {V: OK, C: OK}},
    "longbien": READER,
    "saidong-chibo1": STRANGER,  # a chi bộ's secretary: the programs are the ward's
    "saidong-ubnd": STRANGER,
    "saidong-mttq": STRANGER,
    "bode": STRANGER,
    "cukhoi": STRANGER,
    "thanhkhetay": STRANGER,
    "cauonglanh": STRANGER,
}


def test_the_matrix_names_every_demo_account():
    assert set(EXPECTED) == {account.username for account in DEMO_ACCOUNTS}


@pytest.fixture
def items(demo):
    saidong = Inspection.objects.filter(ward__code="saidong", year=2021, quarter=3)
    return {"committee": saidong.get(program=InspectionProgram.COMMITTEE),
            "inspection": saidong.filter(program=InspectionProgram.INSPECTION).first()}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_inspection_page_answers_each_demo_persona_as_its_role_allows(client, items, username):
    client.force_login(User.objects.get(username=username))
    for scope, item in items.items():
        expected = EXPECTED[username][scope]
        assert client.get(item.get_absolute_url()).status_code == expected[V], (username, scope)
        assert client.get(reverse("inspection_edit", args=[item.pk])).status_code == expected[C], (username, scope)
        before = item.version
        response = client.post(reverse("inspection_edit", args=[item.pk]), {"content": "Đổi"})
        assert response.status_code in ((200, 302) if expected[C] == OK else (expected[C],)), (username, scope)
        if expected[C] != OK:
            assert Inspection.objects.get(pk=item.pk).version == before


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_inspection_endpoint_answers_each_demo_persona_as_its_role_allows(client, items, username):
    headers = token_for(client, username)
    for scope, item in items.items():
        expected = EXPECTED[username][scope]
        url = f"/api/v1/inspections/{item.pk}"
        assert client.get(url, **headers).status_code == expected[V], (username, scope)
        response = client.patch(url, {"period_covered": "Năm 2021"}, content_type="application/json", **headers)
        assert response.status_code == expected[C], (username, scope, response.content)
    listed = {entry["id"] for entry in client.get("/api/v1/inspections?page_size=200", **headers).json()["items"]}
    user = User.objects.get(username=username)
    assert listed == {str(pk) for pk in Inspection.objects.for_user(user, "inspections.view")
                      .values_list("pk", flat=True)[:200]}
    assert (str(items["inspection"].pk) in listed) == (EXPECTED[username]["inspection"][V] == OK)
