"""/api/v1/documents: the registry through the API, with the pages' scoping and the services' refusals."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from documents import services
from documents.models import Document, DocumentStatus
from org.models import Term
from org.tests.test_api_people import bearer

URL = "/api/v1/documents"


def send(client, user, url, body=None):
    return client.post(url, json.dumps(body or {}, default=str), content_type="application/json",
                       **bearer(client, user))


@pytest.fixture
def term(world):
    return Term.objects.create(organization=world.ward, name="2025–2030", start_date=datetime.date(2025, 7, 1))


def incoming(world, **fields):
    return {"organization": world.ward.pk, "direction": "incoming", "summary": "Về việc sơ kết Đề án 15",
            "symbol": "Công văn số 139-CV/QU của Quận uỷ ngày 15/12/2020", **fields}


def test_a_clerk_registers_an_incoming_document_from_its_written_number(client, clerk, world):
    response = send(client, clerk, URL, incoming(world))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["symbol"], body["doc_type"], body["issued_on"], body["issuer_name"], body["status"]) == (
        "139-CV/QU", "official_letter", "2020-12-15", "Quận uỷ", "received")


def test_a_draft_is_approved_by_the_secretary_and_issued_by_the_clerk_with_its_number(
    client, clerk, secretary, world, term
):
    draft = send(client, clerk, URL, {"organization": world.ward.pk, "direction": "outgoing",
                                      "doc_type": "resolution", "summary": "Lãnh đạo công tác tháng 6/2021",
                                      "signer": "Nguyễn Văn Hùng"}).json()
    assert (draft["status"], draft["symbol"]) == ("draft", "")

    refused = send(client, clerk, f"{URL}/{draft['id']}/approve")
    approved = send(client, secretary, f"{URL}/{draft['id']}/approve")
    issued = send(client, clerk, f"{URL}/{draft['id']}/issue", {"date": "2026-03-02"})

    assert refused.status_code == 403
    assert approved.json()["status"] == "approved"
    assert issued.status_code == 200 and issued.json()["symbol"] == "01-NQ/ĐU"
    assert client.get(f"{URL}/{draft['id']}", **bearer(client, secretary)).json()["status"] == "issued"


def test_refusals_are_vietnamese_by_field_and_change_nothing(client, clerk, world, term):
    unreadable = send(client, clerk, URL, incoming(world, symbol="công văn của quận"))
    no_type = send(client, clerk, URL, {"organization": world.ward.pk, "direction": "outgoing", "summary": "x"})
    bad_date = send(client, clerk, URL, incoming(world, issued_on="31/12/2020"))

    no_issuer = send(client, clerk, URL, incoming(world, symbol="139-CV/QU"))

    assert unreadable.status_code == 400 and "symbol" in unreadable.json()["errors"]
    assert no_issuer.status_code == 400 and "issuer_name" in no_issuer.json()["errors"]
    assert "Không đọc được số, ký hiệu văn bản" in unreadable.json()["detail"]
    assert no_type.status_code == 400 and "doc_type" in no_type.json()["errors"]
    assert bad_date.status_code == 422 and "issued_on" in bad_date.json()["detail"]
    assert not Document.objects.exists()


def test_issuing_a_draft_that_is_not_approved_is_refused_with_a_400(client, clerk, world, term):
    draft = send(client, clerk, URL, {"organization": world.ward.pk, "direction": "outgoing", "doc_type": "notice",
                                      "summary": "x", "signer": "Nguyễn Văn Hùng"}).json()
    response = send(client, clerk, f"{URL}/{draft['id']}/issue", {"date": "2026-03-02"})
    assert response.status_code == 400 and "đã được duyệt" in response.json()["detail"]
    assert Document.objects.get().status == DocumentStatus.DRAFT


def test_the_list_searches_by_symbol_or_words_without_diacritics(client, clerk, world):
    send(client, clerk, URL, incoming(world))
    send(client, clerk, URL, incoming(world, symbol="Đề án số 15-ĐA/QU", summary="Sắp xếp, bố trí kiêm nhiệm",
                                      issuer_name="Quận ủy Long Biên"))
    headers = bearer(client, clerk)

    def found(q):
        return [item["symbol"] for item in client.get(URL, {"q": q}, **headers).json()["items"]]

    assert found("15-ĐA") == ["15-ĐA/QU"]
    assert found("sap xep") == ["15-ĐA/QU"]
    assert found("139-cv") == ["139-CV/QU"]
    assert sorted(found("")) == ["139-CV/QU", "15-ĐA/QU"]
    assert client.get(URL, {"direction": "outgoing"}, **headers).json()["count"] == 0


def test_another_ward_can_neither_read_nor_change_the_registry(client, clerk, outsider, world, term):
    document = send(client, clerk, URL, incoming(world)).json()
    headers = bearer(client, outsider)

    assert client.get(URL, **headers).json() == {"items": [], "count": 0, "count_exact": True}
    assert client.get(f"{URL}/{document['id']}", **headers).status_code == 404
    assert send(client, outsider, f"{URL}/{document['id']}/withdraw", {"reason": "x"}).status_code == 404
    assert send(client, outsider, URL, incoming(world)).status_code == 404
    assert Document.objects.count() == 1 and Document.objects.get().status == DocumentStatus.RECEIVED


def test_the_level_above_reads_but_does_not_write(client, clerk, superior, world):
    document = send(client, clerk, URL, incoming(world)).json()

    assert client.get(f"{URL}/{document['id']}", **bearer(client, superior)).status_code == 200
    assert send(client, superior, URL, incoming(world)).status_code == 403
    assert send(client, superior, f"{URL}/{document['id']}/withdraw", {"reason": "x"}).status_code == 403


def test_the_list_runs_a_bounded_number_of_queries(client, clerk, world, django_assert_max_num_queries):
    for number in range(1, 31):
        send(client, clerk, URL, incoming(world, symbol=f"{number}-CV/QU", issuer_name="Quận ủy Long Biên"))
    headers = bearer(client, clerk)
    with django_assert_max_num_queries(6):  # with the wards the rows are named by
        assert client.get(URL, **headers).json()["count"] == 30


def test_an_outgoing_draft_without_a_type_is_refused_by_the_service_for_every_caller(clerk, world):
    with pytest.raises(ValidationError) as refused:
        services.draft_document(organization=world.ward, doc_type="", summary="x", actor=clerk)
    assert refused.value.message_dict == {"doc_type": ["Hãy chọn thể loại văn bản."]}
