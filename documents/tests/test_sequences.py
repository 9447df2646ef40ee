"""A ward adopting the system mid-term gives a register its starting number (docs/rules.md §2.4: numbers run through the
term), on the page "Số của các sổ văn bản" and through the API; only its own clerk may, and only before the system
has numbered in it."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import services
from documents.models import DocumentSequence
from documents.types import DocumentType
from org.models import Term
from org.tests.test_api_people import bearer

URL = "/api/v1/documents/sequences"


@pytest.fixture
def term(world):
    return Term.objects.create(organization=world.ward, name="2025–2030", start_date=datetime.date(2025, 8, 20))


def test_the_clerk_sets_a_starting_number_on_the_page_and_the_next_document_follows_it(client, world, clerk,
                                                                                          secretary, term):
    client.force_login(clerk)
    page = client.get("/documents/sequences/").content.decode()
    assert "Chưa có sổ nào được cấp số" in page and "Đặt số bắt đầu cho một sổ" in page
    response = client.post("/documents/sequences/", {"organization": world.ward.pk, "code": "QĐ",
                                                     "last_number": "41"}, follow=True)
    assert "văn bản tiếp theo mang số 42" in response.content.decode()
    assert DocumentSequence.objects.get(term=term, code="QĐ").last_number == 41
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.REGULATION, summary="Quy chế",
                                    signer="Nguyễn Văn Hùng", actor=clerk)
    services.approve_document(draft, actor=secretary)
    assert services.issue_document(draft, day=datetime.date(2026, 3, 2), actor=clerk).symbol == "42-QĐ/ĐU"
    response = client.post("/documents/sequences/", {"organization": world.ward.pk, "code": "QĐ",
                                                     "last_number": "50"})
    assert "đã cấp 1 số trong hệ thống" in response.content.decode()
    assert DocumentSequence.objects.get(term=term, code="QĐ").last_number == 42


def test_a_bad_number_is_refused_by_field_and_nothing_changes(client, world, clerk, term):
    client.force_login(clerk)
    response = client.post("/documents/sequences/", {"organization": world.ward.pk, "code": "NQ",
                                                     "last_number": "-3"})
    assert "Số phải từ 0 trở lên." in response.content.decode()
    response = client.post("/documents/sequences/", {"organization": world.ward.pk, "code": "NQ",
                                                     "last_number": "4", "day": "02/12/2019"})
    assert "không có nhiệm kỳ nào đang có hiệu lực vào ngày 02/12/2019" in response.content.decode()
    assert not DocumentSequence.objects.exists()


def test_the_api_sets_and_lists_sequences_in_the_callers_scope(client, world, clerk, outsider, superior, term):
    body = {"organization": str(world.ward.pk), "code": "NQ", "last_number": 14}
    response = client.post(URL, json.dumps(body), content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 201, response.content
    assert (response.json()["next_number"], response.json()["term"]) == (15, "2025–2030")
    refused = client.post(URL, json.dumps(body), content_type="application/json", **bearer(client, outsider))
    assert refused.status_code == 404
    read_only = client.post(URL, json.dumps(body), content_type="application/json", **bearer(client, superior))
    assert read_only.status_code == 403
    assert client.get(URL, **bearer(client, superior)).json()["count"] == 1
    assert client.get(URL, **bearer(client, outsider)).json()["count"] == 0


def test_the_page_reads_in_a_fixed_number_of_queries(client, world, clerk, term, admin_user):
    for code in ("NQ", "QĐ", "CV", "KH", "TB"):
        services.set_sequence_start(organization=world.ward, code=code, last_number=3, actor=admin_user)
    client.force_login(clerk)
    client.get("/documents/sequences/")
    with CaptureQueriesContext(connection) as few:
        client.get("/documents/sequences/")
    services.set_sequence_start(organization=world.cell, code="NQ", last_number=1, actor=admin_user,
                                term=Term.objects.create(organization=world.cell, name="2025–2030",
                                                         start_date=datetime.date(2025, 8, 1)))
    with CaptureQueriesContext(connection) as more:
        page = client.get("/documents/sequences/").content.decode()
    assert len(more) == len(few) and "Chi bộ số 1" in page
