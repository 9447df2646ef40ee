"""The registry's pages: a clerk enters and issues, the secretary approves, other wards see nothing."""

import datetime

import pytest

from documents import services
from documents.models import Document, DocumentStatus
from documents.types import DocumentType
from org.models import Term


@pytest.fixture
def term(world):
    return Term.objects.create(organization=world.ward, name="2025–2030", start_date=datetime.date(2025, 7, 1))


def received(world, clerk, symbol="Công văn số 339-CV/QU ngày 25/6/2021", summary="Nghiêm túc thực hiện"):
    return services.register_incoming(organization=world.ward, symbol=symbol, summary=summary,
                                      issuer_name="Quận ủy Long Biên", actor=clerk)


def test_a_clerk_enters_an_incoming_document_from_its_written_number(client, clerk, world):
    client.force_login(clerk)
    response = client.post("/documents/incoming/new/", {
        "organization": world.ward.pk, "symbol": "Công văn số 339-CV/QU ngày 25/6/2021 của Quận ủy",
        "summary": "Nghiêm túc thực hiện một số nhiệm vụ", "received_on": "26/06/2021",
    })
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "339-CV/QU" in page and "25/06/2021" in page and "Quận ủy" in page


def test_a_bad_entry_is_shown_on_the_form_in_vietnamese_and_nothing_is_kept(client, clerk, world):
    client.force_login(clerk)
    response = client.post("/documents/incoming/new/", {
        "organization": world.ward.pk, "symbol": "công văn của quận", "summary": "x", "issued_on": "32/13/2021",
    })
    page = response.content.decode()
    assert response.status_code == 200 and "Ngày không hợp lệ" in page
    response = client.post("/documents/incoming/new/", {
        "organization": world.ward.pk, "symbol": "công văn của quận", "summary": "x",
    })
    assert "Không đọc được số, ký hiệu văn bản" in response.content.decode()
    assert not Document.objects.exists()


def test_a_draft_is_approved_and_issued_from_its_page(client, clerk, secretary, world, term):
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.RESOLUTION,
                                    summary="Lãnh đạo công tác tháng 6", signer="Nguyễn Văn Hùng", actor=clerk)
    client.force_login(secretary)
    assert "Duyệt văn bản" in client.get(draft.get_absolute_url()).content.decode()
    client.post(f"/documents/{draft.pk}/approve/")
    client.force_login(clerk)
    assert "Ban hành" in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(f"/documents/{draft.pk}/issue/", {"day": "02/03/2026", "signer": "Nguyễn Văn Hùng"},
                           follow=True)

    draft.refresh_from_db()
    assert (draft.status, draft.symbol) == (DocumentStatus.ISSUED, "01-NQ/ĐU")
    assert "01-NQ/ĐU" in response.content.decode()


def test_a_refused_transition_is_explained_on_the_page_and_changes_nothing(client, clerk, secretary, world):
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.RESOLUTION, summary="x",
                                    signer="Nguyễn Văn Hùng", actor=clerk)
    services.approve_document(draft, actor=secretary)
    client.force_login(clerk)
    response = client.post(f"/documents/{draft.pk}/issue/", {"day": "02/03/2026"}, follow=True)
    assert "không có nhiệm kỳ nào đang có hiệu lực" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DocumentStatus.APPROVED, None)


def test_the_list_searches_without_diacritics_and_runs_a_bounded_number_of_queries(
    client, clerk, world, django_assert_max_num_queries
):
    for number in range(1, 31):
        received(world, clerk, symbol=f"{number}-CV/QU", summary=f"Sắp xếp tổ dân phố lần {number}")
    received(world, clerk, symbol="Đề án số 15-ĐA/QU", summary="Bố trí kiêm nhiệm")
    client.force_login(clerk)
    with django_assert_max_num_queries(8):
        page = client.get("/documents/").content.decode()
    assert "15-ĐA/QU" in page and "30-CV/QU" in page
    found = client.get("/documents/", {"q": "bo tri kiem"}).content.decode()
    assert "15-ĐA/QU" in found and "30-CV/QU" not in found
    fragment = client.get("/documents/", {"q": "15-da"}, HTTP_HX_REQUEST="true").content.decode()
    assert "15-ĐA/QU" in fragment and "<html" not in fragment


def test_another_ward_can_neither_read_nor_change_a_document(client, clerk, outsider, world):
    document = received(world, clerk)
    client.force_login(outsider)
    assert "Nghiêm túc thực hiện" not in client.get("/documents/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.post(f"/documents/{document.pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert client.post("/documents/incoming/new/", {
        "organization": world.ward.pk, "symbol": "1-CV/QU", "summary": "x", "issuer_name": "Quận ủy",
    }).status_code == 200  # the ward is not offered: the form refuses it
    assert Document.objects.count() == 1 and Document.objects.get().status == DocumentStatus.RECEIVED


def test_the_secretary_reads_but_cannot_enter_or_issue(client, clerk, secretary, world):
    document = received(world, clerk)
    client.force_login(secretary)
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.post(f"/documents/{document.pk}/withdraw/", {"reason": "x"}).status_code == 403
    assert "Vào sổ văn bản đến" not in client.get("/documents/").content.decode()


def test_a_clerk_drafts_an_outgoing_document_on_the_page_and_must_choose_its_type(client, clerk, world):
    client.force_login(clerk)
    missing = client.post("/documents/outgoing/new/", {"organization": world.ward.pk, "summary": "x"})
    assert missing.status_code == 200 and "Thể loại" in missing.content.decode()
    response = client.post("/documents/outgoing/new/", {
        "organization": world.ward.pk, "doc_type": "plan", "summary": "Kế hoạch hội nghị sơ kết 6 tháng",
        "signer": "Nguyễn Văn Hùng",
    })
    draft = Document.objects.get()
    assert response["Location"] == draft.get_absolute_url()
    assert (draft.status, draft.code, draft.issuer_code, draft.number) == (DocumentStatus.DRAFT, "KH", "ĐU", None)
    assert "(chưa có số)" in client.get(response["Location"]).content.decode()


def test_the_page_offers_only_the_steps_the_document_may_take(client, clerk, secretary, world):
    document = received(world, clerk)
    client.force_login(secretary)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Duyệt văn bản" not in page  # an incoming document is not approved
    client.force_login(clerk)
    page = client.get(document.get_absolute_url()).content.decode()
    withdraw = f"/documents/{document.pk}/withdraw/"
    assert "Ban hành, cấp số" not in page and withdraw in page
    services.withdraw_document(document, reason="nhầm", actor=clerk)
    assert withdraw not in client.get(document.get_absolute_url()).content.decode()
