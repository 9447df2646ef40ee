"""Every commendation page and endpoint × every demo persona, as for the other apps: the office writes, the
secretary, the UBKT and the level above read, the rest see nothing."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from commendations.models import Commendation
from commendations.services import record_commendation
from demo.data import DEMO_ACCOUNTS
from org.models import Organization
from tests.test_scoping_matrix import token_for

OK, FORBIDDEN, HIDDEN = 200, 403, 404
READER, STRANGER = (OK, FORBIDDEN), (HIDDEN, HIDDEN)
EXPECTED = {  # (view, change)
    "admin": (OK, OK), "saidong": (OK, OK), "saidong-bithu": READER, "saidong-ubkt": READER, "longbien": READER,
    "saidong-chibo1": STRANGER, "saidong-ubnd": STRANGER, "saidong-mttq": STRANGER, "bode": STRANGER,
    "cukhoi": STRANGER, "thanhkhetay": STRANGER, "cauonglanh": STRANGER,
}


def test_the_matrix_names_every_demo_account():
    assert set(EXPECTED) == {account.username for account in DEMO_ACCOUNTS}


@pytest.fixture
def commendation(demo):
    ward = Organization.objects.get(code="saidong")
    return record_commendation(ward=ward, actor=User.objects.get(username="saidong"), awarding_body="UBND phường",
                               reason="Phòng chống dịch Covid-19", decided_on=datetime.date(2021, 6, 20),
                               organizations=[Organization.objects.get(code="saidong-cb01")])


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_commendation_page_and_endpoint_answers_each_persona_as_its_role_allows(client, commendation,
                                                                                      username):
    view, change = EXPECTED[username]
    client.force_login(User.objects.get(username=username))
    assert client.get(commendation.get_absolute_url()).status_code == view
    assert client.get(reverse("commendation_edit", args=[commendation.pk])).status_code == change
    before = Commendation.objects.get(pk=commendation.pk).version
    status = client.post(reverse("commendation_edit", args=[commendation.pk]), {"awarding_body": "Đổi"}).status_code
    assert status in ((200, 302) if change == OK else (change,))
    if change != OK:
        assert Commendation.objects.get(pk=commendation.pk).version == before
    headers = token_for(client, username)
    assert client.get(f"/api/v1/commendations/{commendation.pk}", **headers).status_code == view
    listed = {item["id"] for item in client.get("/api/v1/commendations?page_size=200", **headers).json()["items"]}
    assert (str(commendation.pk) in listed) == (view == OK)
