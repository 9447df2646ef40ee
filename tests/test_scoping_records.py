"""The scoping matrix of the ward's records added by issue 14 (grading, staff, badges), over the demo: each demo
persona × each page and endpoint, read (200), refused (403) or not there (404)."""

import pytest
from django.urls import reverse

from accounts.models import User
from demo.data import DEMO_ACCOUNTS
from gradings.models import Grading
from gradings.results import CURRENT
from org.models import Organization
from staffing.models import StaffHolding, StaffingPlan
from tests.test_scoping_matrix import token_for

OK, FORBIDDEN, HIDDEN = 200, 403, 404
# username → (Sài Đồng's gradings page, Sài Đồng chi bộ 1's decision table, Cự Khối's staff plan, ending a Cự Khối
# holding)
EXPECTED = {
    "admin": (OK, OK, OK, OK),
    "saidong": (OK, OK, HIDDEN, HIDDEN),
    "saidong-bithu": (OK, FORBIDDEN, HIDDEN, HIDDEN),
    "saidong-ubkt": (OK, FORBIDDEN, HIDDEN, HIDDEN),
    "longbien": (OK, FORBIDDEN, OK, FORBIDDEN),
    "saidong-chibo1": (HIDDEN, FORBIDDEN, HIDDEN, HIDDEN),  # the ward is not hers to choose (her chi bộ's: below)
    "saidong-ubnd": (FORBIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "saidong-mttq": (FORBIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "bode": (HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "cukhoi": (HIDDEN, HIDDEN, OK, OK),
    "thanhkhetay": (HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "cauonglanh": (HIDDEN, HIDDEN, HIDDEN, HIDDEN),
}


def test_the_matrix_names_every_demo_account():
    assert set(EXPECTED) == {account.username for account in DEMO_ACCOUNTS}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_persona_reaches_what_its_role_allows(client, demo, username):
    gradings, decide, plan, end = EXPECTED[username]
    saidong, cell = Organization.objects.get(code="saidong"), Organization.objects.get(code="saidong-cb01")
    cukhoi_plan = StaffingPlan.objects.get(ward__code="cukhoi")
    holding = StaffHolding.objects.filter(post__ward__code="cukhoi", end_date=None).first()
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("grading_list"), {"ward": saidong.pk}).status_code == gradings
    assert client.get(reverse("grading_enter", args=[cell.pk, 2025, "decided"])).status_code == decide
    assert client.get(cukhoi_plan.get_absolute_url()).status_code == plan
    status = client.post(reverse("staffing_holding_end", args=[holding.pk]), {"end_date": "31/12/2025"}).status_code
    assert status == (302 if end == OK else end)
    assert (StaffHolding.objects.get(pk=holding.pk).end_date is None) == (end != OK)
    headers = token_for(client, username)
    assert client.get(f"/api/v1/staffing/plans/{cukhoi_plan.pk}", **headers).status_code == plan
    listed = client.get("/api/v1/gradings?year=2025&page_size=200", **headers).json()["count"]
    user = User.objects.get(username=username)
    assert listed == Grading.objects.for_user(user, "gradings.view").filter(year=2025).count()


def test_a_chi_bo_secretary_reads_her_chi_bos_grading_only(client, demo):
    client.force_login(User.objects.get(username="saidong-chibo1"))
    rows = client.get(reverse("grading_list"), {"year": 2025}).context["rows"]
    assert [row.unit.code if row.unit else None for row in rows] == [None, "saidong-cb01"]
    mine = Grading.objects.filter(year=2025, unit__code="saidong-cb01").of_members().count()
    assert rows[0].total(CURRENT) == rows[1].total(CURRENT) == mine > 0
