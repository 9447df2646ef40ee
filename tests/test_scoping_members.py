"""The scoping matrix of the members pages and endpoints over the demo wards × every demo persona (issue 4).

The records are two official members of Sài Đồng, one in its first chi bộ and one in its second. Needs: `list`
(members.view), `dossier` (members.view_dossier: the full record, fees), `change` (members.change) and `fees`
(members.fees: recording the month's Party fees, which the chi bộ secretary does for their own chi bộ).
Invisible is 404; visible but forbidden is 403.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from members.models import FeePayment, MembershipEvent, PartyMember, Status
from members.rules import add_months
from org.models import Organization
from org.stats import dashboard_units
from tests.test_scoping_matrix import token_for

L, D, C, F = "list", "dossier", "change", "fees"
OK, FORBIDDEN, HIDDEN = 200, 403, 404
ALL_OK = {L: OK, D: OK, C: OK, F: OK}
READER = {L: OK, D: OK, C: FORBIDDEN, F: FORBIDDEN}
NONE = {L: HIDDEN, D: HIDDEN, C: HIDDEN, F: HIDDEN}
EXPECTED = {
    "admin": {"cell1": ALL_OK, "cell2": ALL_OK},
    "saidong": {"cell1": ALL_OK, "cell2": ALL_OK},
    "saidong-bithu": {"cell1": READER, "cell2": READER},
    "saidong-ubkt": {"cell1": READER, "cell2": READER},
    "longbien": {scope: {L: OK, D: FORBIDDEN, C: FORBIDDEN, F: FORBIDDEN} for scope in ("cell1", "cell2")},
    "saidong-chibo1": {"cell1": {**READER, F: OK}, "cell2": NONE},
    "bode": {"cell1": NONE, "cell2": NONE},
    "thanhkhetay": {"cell1": NONE, "cell2": NONE},
    "cauonglanh": {"cell1": NONE, "cell2": NONE},
    "saidong-ubnd": {"cell1": NONE, "cell2": NONE},  # a ward body's reporter: its tasks only
    "saidong-mttq": {"cell1": NONE, "cell2": NONE},
}
AHEAD = add_months(timezone.localdate().replace(day=1), 12)  # a month nobody has paid yet


@pytest.fixture
def targets(demo):
    result = {}
    for scope, code in (("cell1", "saidong-cb01"), ("cell2", "saidong-cb02")):
        cell = Organization.objects.get(code=code)
        result[scope] = cell
        result[f"{scope}_member"] = (
            PartyMember.objects.filter(organization=cell, status=Status.OFFICIAL, temporarily_away=False)
            .exclude(fees_owed_from=None).order_by("person__cccd").first()
        )
    return result


def pages(t):
    """(scope, need, method, url, data) for every members page about one record."""
    rows = []
    for scope in ("cell1", "cell2"):
        member, cell = t[f"{scope}_member"], t[scope]
        sheet = f"{reverse('fee_sheet')}?organization={cell.pk}&month={AHEAD:%Y-%m}"
        rows += [
            (scope, D, "get", reverse("member_detail", args=[member.pk]), None),
            (scope, C, "get", reverse("member_event_create", args=[member.pk]), None),
            (scope, C, "get", reverse("member_edit", args=[member.pk]), None),
            (scope, D, "get", sheet, None),
            (scope, F, "post", sheet, {
                "paid_on": timezone.localdate().strftime("%d/%m/%Y"), f"pay_{member.pk.hex}": "on",
                f"amount_{member.pk.hex}": "10000", f"method_{member.pk.hex}": "cash",
            }),
        ]
    return rows


def api_calls(t):
    """(scope, need, method, path, body) for every members endpoint about one record."""
    today = timezone.localdate().isoformat()
    rows = []
    for scope in ("cell1", "cell2"):
        member, cell = t[f"{scope}_member"], t[scope]
        rows += [
            (scope, L, "get", f"/api/v1/members?organization={cell.pk}", None),
            (scope, D, "get", f"/api/v1/members/{member.pk}", None),
            (scope, D, "get", f"/api/v1/members/{member.pk}/fees", None),
            (scope, C, "patch", f"/api/v1/members/{member.pk}", {"note": "kiểm tra phạm vi"}),
            (scope, C, "post", f"/api/v1/members/{member.pk}/events",
             {"kind": "temporary_out", "date": today, "counterpart": "Chi bộ nơi học tập"}),
            (scope, F, "post", f"/api/v1/members/{member.pk}/fees",
             {"month": f"{AHEAD:%Y-%m}", "amount": 10_000, "paid_on": today}),
        ]
    return rows


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_members_page_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    client.force_login(User.objects.get(username=username))
    for scope, need, method, url, data in pages(targets):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        expected = EXPECTED[username][scope][need]
        if expected == OK and method == "post":
            expected = 302
        assert response.status_code == expected, (username, url, response.status_code)
    paid = FeePayment.objects.filter(month=AHEAD).values_list("member__organization__code", flat=True)
    assert sorted(paid) == sorted(code for scope, code in (("cell1", "saidong-cb01"), ("cell2", "saidong-cb02"))
                                  if EXPECTED[username][scope][F] == OK)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_members_endpoint_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    headers = token_for(client, username)
    events = MembershipEvent.objects.count()
    for scope, need, method, path, body in api_calls(targets):
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        response = getattr(client, method)(path, **kwargs, **headers)
        expected = EXPECTED[username][scope][need]
        if expected == OK and method == "post":
            expected = 201
        assert response.status_code == expected, (username, method, path, response.status_code, response.content)
        if expected == OK and need == L:
            listed = {item["id"] for item in response.json()["items"]}
            assert str(targets[f"{scope}_member"].pk) in listed
    changed = sum(EXPECTED[username][scope][C] == OK for scope in ("cell1", "cell2"))
    assert MembershipEvent.objects.count() == events + changed


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_members_lists_show_only_members_in_scope(client, targets, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    visible = set(PartyMember.objects.for_user(user, "members.view").values_list("pk", flat=True))
    for key in ("", "fees_unpaid", "overdue"):
        shown = {m.pk for m in client.get(reverse("member_list"), {"list": key}).context["page"].paginator.object_list}
        assert shown <= visible
    unpaid = {m.pk for m in PartyMember.objects.fees_unpaid(timezone.localdate()).filter(pk__in=visible)}
    wards = dashboard_units(user)
    # The unpaid list is read a ward at a time (members.lists.in_one_ward): ward by ward, it lists them all.
    asked = [{"list": "fees_unpaid"}] if len(wards) <= 1 else [{"list": "fees_unpaid", "ward": w.pk} for w in wards]
    listed = {m.pk for query in asked
              for m in client.get(reverse("member_list"), query).context["page"].paginator.object_list}
    assert listed == unpaid
    if len(wards) > 1:
        page = client.get(reverse("member_list"), {"list": "fees_unpaid"})
        assert not page.context["page"].paginator.object_list
        assert "hãy chọn một phường, xã" in page.content.decode()
    sees_saidong = EXPECTED[username]["cell1"][L] == OK
    assert (targets["cell1_member"].pk in visible) == sees_saidong
    saidong = Organization.objects.get(code="saidong")
    of_saidong = PartyMember.objects.filter(pk__in=unpaid, organization__path__startswith=saidong.path)
    if EXPECTED[username]["cell2"][L] == OK:  # sees the whole ward
        assert of_saidong.exists()  # the demo leaves two members of each ward behind with their fees
    if not sees_saidong:
        assert not of_saidong.exists()
