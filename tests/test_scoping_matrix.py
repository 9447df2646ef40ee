"""The scoping matrix over the demo wards: every page and endpoint × every demo persona.

The records are Sài Đồng's (the ward, its first and second chi bộ, a person of each, a committee, a position).
Outsiders are the clerks of Bồ Đề (same district), Thanh Khê Tây and Cầu Ông Lãnh (other cities): for them
Sài Đồng does not exist (404). Visible but forbidden is 403.
"""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import LogEntry
from core.scoping import has_any_perm
from demo.data import PASSWORD
from org.models import Committee, CommitteeKind, Organization, Person, Position, Title

V, C = "view", "change"
OK, FORBIDDEN, HIDDEN = 200, 403, 404

# persona → {scope of the record: {need: status}}; scopes: the ward itself, chi bộ 1, chi bộ 2.
WARD_READER = {"ward": {V: OK, C: FORBIDDEN}, "cell1": {V: OK, C: FORBIDDEN}, "cell2": {V: OK, C: FORBIDDEN}}
STRANGER = {scope: {V: HIDDEN, C: HIDDEN} for scope in ("ward", "cell1", "cell2")}
EXPECTED = {
    "admin": {scope: {V: OK, C: OK} for scope in ("ward", "cell1", "cell2")},
    "saidong": {scope: {V: OK, C: OK} for scope in ("ward", "cell1", "cell2")},
    "saidong-bithu": WARD_READER,
    "saidong-ubkt": WARD_READER,
    "longbien": WARD_READER,
    "saidong-chibo1": {"ward": {V: HIDDEN, C: HIDDEN}, "cell1": {V: OK, C: FORBIDDEN},
                       "cell2": {V: HIDDEN, C: HIDDEN}},
    "bode": STRANGER,
    "thanhkhetay": STRANGER,
    "cauonglanh": STRANGER,
    "saidong-ubnd": STRANGER,  # a ward body's reporter sees the tasks its body leads, nothing of this
    "saidong-mttq": STRANGER,
}
AUDIT_READERS = {"admin", "saidong", "saidong-bithu", "saidong-ubkt", "longbien"}  # of Sài Đồng


@pytest.fixture
def targets(demo):
    ward = Organization.objects.get(code="saidong")
    cell1 = Organization.objects.get(code="saidong-cb01")
    cell2 = Organization.objects.get(code="saidong-cb02")
    return {
        "ward": ward,
        "cell1": cell1,
        "cell2": cell2,
        "ward_person": Position.objects.get(organization=ward, title=Title.SECRETARY).person,
        "cell1_person": Person.objects.filter(organization=cell1).first(),
        "cell2_person": Person.objects.filter(organization=cell2).first(),
        "committee": Committee.objects.get(organization=ward, kind=CommitteeKind.EXECUTIVE, term__name="2020–2025"),
        "position": Position.objects.filter(organization=ward).first(),
        "cell1_position": Position.objects.filter(organization=cell1).first(),
    }


def pages(t):
    """(scope, need, url) for every page about one record."""
    rows = []
    for scope in ("ward", "cell1", "cell2"):
        org, person = t[scope], t[f"{scope}_person" if scope != "ward" else "ward_person"]
        rows += [
            (scope, V, reverse("organization_detail", args=[org.pk])),
            (scope, C, reverse("organization_edit", args=[org.pk])),
            (scope, C, reverse("organization_create", args=[org.pk])),
            (scope, C, reverse("position_create", args=[org.pk])),
            (scope, V, reverse("person_detail", args=[person.pk])),
            (scope, C, reverse("person_edit", args=[person.pk])),
        ]
    rows += [
        ("ward", C, reverse("term_create", args=[t["ward"].pk])),
        ("ward", C, reverse("committee_create", args=[t["ward"].pk])),
        ("ward", V, reverse("committee_detail", args=[t["committee"].pk])),
        ("ward", C, reverse("committee_edit", args=[t["committee"].pk])),
        ("ward", C, reverse("committee_member_add", args=[t["committee"].pk])),
        ("ward", C, reverse("committee_member_edit", args=[t["committee"].memberships.first().pk])),
        ("ward", C, reverse("position_edit", args=[t["position"].pk])),
        ("cell1", C, reverse("position_edit", args=[t["cell1_position"].pk])),
    ]
    return rows


def api_calls(t):
    """(scope, need, method, path, body) for every endpoint about one record."""
    rows = []
    for scope in ("ward", "cell1", "cell2"):
        person = t[f"{scope}_person" if scope != "ward" else "ward_person"]
        rows += [
            (scope, V, "get", f"/api/v1/organizations/{t[scope].pk}", None),
            (scope, V, "get", f"/api/v1/people/{person.pk}", None),
            (scope, C, "patch", f"/api/v1/people/{person.pk}", {"note": "kiểm tra phạm vi"}),
            (scope, V, "get", f"/api/v1/people?organization={t[scope].pk}", None),
        ]
    rows.append(("cell1", C, "post", "/api/v1/people", {"organization": str(t["cell1"].pk), "full_name": "Người Mới"}))
    return rows


def token_for(client, username):
    response = client.post(
        "/api/v1/auth/token", {"username": username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_page_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    client.force_login(User.objects.get(username=username))
    for scope, need, url in pages(targets):
        status = client.get(url).status_code
        assert status == EXPECTED[username][scope][need], (username, url, status)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_every_endpoint_answers_each_demo_persona_as_its_role_allows(client, targets, username):
    headers = token_for(client, username)
    for scope, need, method, path, body in api_calls(targets):
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        response = getattr(client, method)(path, **kwargs, **headers)
        expected = EXPECTED[username][scope][need]
        if expected == OK and method == "post":
            expected = 201
        assert response.status_code == expected, (username, method, path, response.status_code, response.content)
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_lists_and_search_return_only_records_in_the_personas_scope(client, targets, username):
    user = User.objects.get(username=username)
    headers = token_for(client, username)
    visible = set(Organization.objects.for_user(user, "org.view").values_list("pk", flat=True))
    people = client.get("/api/v1/people?page_size=200&q=nguyen", **headers).json()
    assert all(item["organization"]["id"] in {str(pk) for pk in visible} for item in people["items"])
    organizations = client.get("/api/v1/organizations?page_size=200", **headers).json()
    assert {item["id"] for item in organizations["items"]} <= {str(pk) for pk in visible}
    sees_saidong = EXPECTED[username]["cell1"][V] == OK
    assert (str(targets["cell1"].pk) in {item["id"] for item in organizations["items"]}) == sees_saidong

    client.force_login(user)
    page = client.get(reverse("person_list"), {"q": targets["cell1_person"].search_name})
    listed = {person.pk for person in page.context["page"]}
    assert (targets["cell1_person"].pk in listed) == sees_saidong


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_audit_page_and_history_show_only_entries_in_scope(client, targets, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    ward = targets["ward"]
    response = client.get(reverse("audit_log"), {"organization": str(ward.pk)})
    if not has_any_perm(user, "audit.view"):  # a chi bộ's secretary, a ward body's reporter
        assert response.status_code == FORBIDDEN
    else:
        assert response.status_code == OK
        shown = response.context["page"].queryset
        of_saidong = shown.filter(organization__path__startswith=ward.path)
        assert of_saidong.exists() == (username in AUDIT_READERS)
        if username in AUDIT_READERS:  # the filter keeps Sài Đồng's entries only
            assert not shown.exclude(organization__path__startswith=ward.path).exists()

    headers = token_for(client, username)
    history = client.get(f"/api/v1/people/{targets['ward_person'].pk}/history", **headers)
    expected = {OK: OK, FORBIDDEN: OK, HIDDEN: HIDDEN}[EXPECTED[username]["ward"][V]]
    if expected == OK and username not in AUDIT_READERS:
        expected = FORBIDDEN
    assert history.status_code == expected, (username, history.status_code)
    if history.status_code == OK:
        assert history.json()["count"] == LogEntry.objects.for_object(targets["ward_person"]).count() >= 1
