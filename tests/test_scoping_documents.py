"""The document registry × every demo persona: Sài Đồng's registry (the Quận ủy's Công văn 339-CV/QU, the
resolution 15-NQ/ĐU, the draft plan) is read by those who read the ward, changed only by its clerk and the admin,
approved only by its secretaries, and does not exist for other wards or Sài Đồng's chi bộ 1."""

import pytest

from accounts.models import User
from documents.models import Document, DocumentSequence, DocumentStatus
from tests.test_scoping_matrix import EXPECTED, FORBIDDEN, HIDDEN, OK, C, V, token_for

APPROVERS = {"admin", "saidong-bithu"}


@pytest.fixture
def registry(demo):
    documents = Document.objects.filter(organization__code="saidong")
    return {
        "letter": documents.get(number=339, code="CV"),
        "resolution": documents.get(number=15, code="NQ"),
        "draft": documents.get(status=DocumentStatus.DRAFT, issuer_code="ĐU"),
    }


def expected(username, need, created=200):
    status = EXPECTED[username]["ward"][need]
    return created if status == OK else status


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_registry_pages_answer_each_persona_as_its_role_allows(client, registry, username):
    client.force_login(User.objects.get(username=username))
    letter = registry["letter"]

    assert client.get(letter.get_absolute_url()).status_code == expected(username, V)
    assert client.post(f"/documents/{letter.pk}/withdraw/", {"reason": "kiểm tra"}).status_code == expected(
        username, C, created=302)
    approve = client.post(f"/documents/{registry['draft'].pk}/approve/").status_code
    assert approve == (302 if username in APPROVERS else HIDDEN if expected(username, V) == HIDDEN else FORBIDDEN)
    listed = {document.pk for document in client.get("/documents/", {"q": "339"}).context["page"]}
    assert (letter.pk in listed) == (expected(username, V) == OK)
    # The registers of the terms in force: Sài Đồng's are listed to whoever reads it, set only by its clerk.
    sequences = client.get("/documents/sequences/")
    shown = {s.organization.code for s in sequences.context["page"]}
    assert ("saidong" in shown) == (expected(username, V) == OK)
    before = list(DocumentSequence.objects.values_list("pk", "last_number"))
    client.post("/documents/sequences/", {"organization": letter.organization.pk, "code": "KL", "last_number": 9})
    changed = list(DocumentSequence.objects.values_list("pk", "last_number")) != before
    assert changed == (expected(username, C) == OK)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_registry_endpoints_answer_each_persona_as_its_role_allows(client, registry, username):
    headers = token_for(client, username)
    resolution, draft = registry["resolution"], registry["draft"]

    assert client.get(f"/api/v1/documents/{resolution.pk}", **headers).status_code == expected(username, V)
    withdrawn = client.post(f"/api/v1/documents/{resolution.pk}/withdraw", {"reason": "kiểm tra"},
                            content_type="application/json", **headers)
    assert withdrawn.status_code == expected(username, C)
    approved = client.post(f"/api/v1/documents/{draft.pk}/approve", **headers)
    assert approved.status_code == (OK if username in APPROVERS else HIDDEN if expected(username, V) == HIDDEN
                                    else FORBIDDEN)
    found = client.get("/api/v1/documents", {"q": "15-NQ/ĐU"}, **headers).json()["items"]
    assert (str(resolution.pk) in {item["id"] for item in found}) == (expected(username, V) == OK)
    unchanged = Document.objects.get(pk=resolution.pk).status == DocumentStatus.ISSUED
    assert unchanged == (expected(username, C) != OK)
