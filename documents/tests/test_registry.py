"""The document registry's services: incoming documents from their written number, outgoing ones drafted, approved
and issued with the next number of their type through the term (docs/rules.md §2.4), audited, refused with nothing
changed when the rules say no."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from audit.models import LogEntry
from documents import services
from documents.models import Document, DocumentSequence, DocumentStatus
from documents.types import DocumentType
from org import services as org_services
from org.models import Term

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def term(world):
    return Term.objects.create(organization=world.ward, name="2025–2030", start_date=datetime.date(2025, 7, 1))


def approved(world, clerk, secretary, doc_type=DocumentType.RESOLUTION, summary="lãnh đạo công tác tháng 3/2026"):
    document = services.draft_document(organization=world.ward, doc_type=doc_type, summary=summary,
                                       signer="Nguyễn Văn Hùng", actor=clerk)
    return services.approve_document(document, actor=secretary)


def test_an_incoming_document_is_read_from_its_written_number(world, clerk):
    document = services.register_incoming(
        organization=world.ward, symbol="Công văn số 339-CV/QU, ngày 25/6/2021 của Quận ủy",
        summary="Nghiêm túc thực hiện một số nhiệm vụ", received_on=datetime.date(2021, 6, 26), actor=clerk,
    )

    assert (document.doc_type, document.symbol, document.issued_on, document.issuer_name, document.status) == (
        DocumentType.OFFICIAL_LETTER, "339-CV/QU", datetime.date(2021, 6, 25), "Quận ủy", DocumentStatus.RECEIVED)
    entry = LogEntry.objects.get(action="documents.document.received")
    assert entry.object_id == str(document.pk) and entry.organization == world.ward


def test_an_incoming_number_that_cannot_be_read_is_refused_by_field_and_nothing_is_kept(world, clerk):
    with pytest.raises(ValidationError) as refused:
        services.register_incoming(organization=world.ward, symbol="công văn của quận", summary="x", actor=clerk)
    assert "symbol" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.register_incoming(organization=world.ward, symbol="127-QĐ/TW", summary="x", actor=clerk)
    assert "doc_type" in refused.value.message_dict  # Quyết định or Quy định: the clerk must say
    assert not Document.objects.exists() and not LogEntry.objects.filter(action__startswith="documents").exists()


def test_an_outgoing_document_is_numbered_from_01_per_type_when_issued_domain_2(world, clerk, secretary, term):
    first = services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)
    second = services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)
    plan = services.issue_document(approved(world, clerk, secretary, DocumentType.PLAN), day=DAY, actor=clerk)

    assert [first.symbol, second.symbol, plan.symbol] == ["01-NQ/ĐU", "02-NQ/ĐU", "01-KH/ĐU"]
    assert first.term == term and first.issued_on == DAY and first.status == DocumentStatus.ISSUED
    issued = LogEntry.objects.filter(action="documents.document.issued").order_by("created")
    assert [entry.data["symbol"] for entry in issued] == ["01-NQ/ĐU", "02-NQ/ĐU", "01-KH/ĐU"]


def test_the_sequence_runs_through_the_term_not_the_year_and_restarts_with_a_new_term_domain_2(
    world, clerk, secretary, term
):
    services.issue_document(approved(world, clerk, secretary), day=datetime.date(2025, 12, 30), actor=clerk)
    january = services.issue_document(approved(world, clerk, secretary), day=datetime.date(2026, 1, 5), actor=clerk)
    assert january.symbol == "02-NQ/ĐU"  # a new year does not restart it

    term.end_date = datetime.date(2030, 6, 30)
    term.save()
    Term.objects.create(organization=world.ward, name="2030–2035", start_date=datetime.date(2030, 7, 1))
    next_term = services.issue_document(approved(world, clerk, secretary), day=datetime.date(2030, 7, 2),
                                        actor=clerk)
    assert next_term.symbol == "01-NQ/ĐU"


def test_quyet_dinh_and_quy_dinh_share_one_sequence_domain_2(world, clerk, secretary, term):
    decision = services.issue_document(approved(world, clerk, secretary, DocumentType.DECISION), day=DAY, actor=clerk)
    rule = services.issue_document(approved(world, clerk, secretary, DocumentType.REGULATION), day=DAY, actor=clerk)
    assert [decision.symbol, rule.symbol] == ["01-QĐ/ĐU", "02-QĐ/ĐU"]


def test_a_chi_bo_numbers_its_own_documents_in_its_own_sequence_with_cb(world, clerk, secretary, term):
    Term.objects.create(organization=world.cell, name="2025–2027", start_date=datetime.date(2025, 5, 1))
    services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)
    draft = services.draft_document(organization=world.cell, doc_type=DocumentType.RESOLUTION, summary="x",
                                    signer="Đặng Thị Dung", actor=clerk)
    document = services.issue_document(services.approve_document(draft, actor=secretary), day=DAY, actor=clerk)
    assert document.symbol == "01-NQ/CB"


def test_a_ward_body_does_not_issue_party_documents(world, clerk):
    with pytest.raises(ValidationError) as refused:
        services.draft_document(organization=world.ubnd, doc_type=DocumentType.NOTICE, summary="x", actor=clerk)
    assert "organization" in refused.value.message_dict


def test_it_refuses_to_issue_a_draft_that_is_not_approved_and_changes_nothing(world, clerk, term):
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.NOTICE, summary="x",
                                    signer="Nguyễn Văn Hùng", actor=clerk)
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.issue_document(draft, day=DAY, actor=clerk)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DocumentStatus.DRAFT, None) and not DocumentSequence.objects.exists()


def test_it_refuses_to_issue_outside_any_term_and_takes_no_number(world, clerk, secretary):
    document = approved(world, clerk, secretary)
    with pytest.raises(ValidationError, match="không có nhiệm kỳ nào đang có hiệu lực"):
        services.issue_document(document, day=DAY, actor=clerk)
    document.refresh_from_db()
    assert (document.status, document.number) == (DocumentStatus.APPROVED, None)
    assert not DocumentSequence.objects.exists()


def test_an_open_2020_2025_term_does_not_number_a_document_of_02_12_2026_and_a_2025_2030_term_can_be_opened(
    world, clerk, secretary
):
    old = Term.objects.create(organization=world.ward, name="2020–2025", start_date=datetime.date(2020, 6, 18))
    late = services.issue_document(approved(world, clerk, secretary), day=datetime.date(2025, 12, 31), actor=clerk)
    assert (late.term, late.symbol) == (old, "01-NQ/ĐU")  # a congress may come late: in force to 31/12/2025
    document = approved(world, clerk, secretary)
    with pytest.raises(ValidationError, match="không có nhiệm kỳ nào đang có hiệu lực vào ngày 02/12/2026"):
        services.issue_document(document, day=datetime.date(2026, 12, 2), actor=clerk)

    new = org_services.create_term(organization=world.ward, actor=clerk, name="2025–2030",
                                   start_date=datetime.date(2025, 8, 20))
    issued = services.issue_document(document, day=datetime.date(2026, 12, 2), actor=clerk)
    old.refresh_from_db()
    assert (issued.term, issued.symbol, old.end_date) == (new, "01-NQ/ĐU", datetime.date(2025, 8, 19))


def test_a_sequence_takes_the_starting_number_of_a_ward_that_adopts_the_system_mid_term(
    world, clerk, secretary, term, outsider
):
    with pytest.raises(PermissionDenied):
        services.set_sequence_start(organization=world.ward, term=term, code="NQ", last_number=14, actor=outsider)
    services.set_sequence_start(organization=world.ward, term=term, code="NQ", last_number=14, actor=clerk)
    first = services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)
    assert first.symbol == "15-NQ/ĐU"
    entry = LogEntry.objects.get(action="documents.sequence.started")
    assert entry.data["last_number"] == {"old": 0, "new": 14}
    with pytest.raises(ValidationError, match="đã cấp 1 số trong hệ thống"):
        services.set_sequence_start(organization=world.ward, term=term, code="NQ", last_number=30, actor=clerk)
    with pytest.raises(ValidationError, match="không phải thể loại"):
        services.set_sequence_start(organization=world.ward, term=term, code="XYZ", last_number=3, actor=clerk)
    assert DocumentSequence.objects.get(code="NQ").last_number == 15


def test_only_the_secretary_approves_and_only_the_clerk_issues(world, clerk, secretary, outsider, term):
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.NOTICE, summary="x",
                                    signer="Nguyễn Văn Hùng", actor=clerk)
    with pytest.raises(PermissionDenied):
        services.approve_document(draft, actor=clerk)
    with pytest.raises(PermissionDenied):
        services.draft_document(organization=world.ward, doc_type=DocumentType.NOTICE, summary="x", actor=outsider)
    approved_draft = services.approve_document(draft, actor=secretary)
    with pytest.raises(PermissionDenied):
        services.issue_document(approved_draft, day=DAY, actor=secretary)
    with pytest.raises(PermissionDenied):
        services.issue_document(approved_draft, day=DAY, actor=outsider)


def test_an_issued_document_is_not_rewritten_but_may_be_superseded_or_withdrawn(world, clerk, secretary, term):
    old = services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.update_document(old, summary="khác", actor=clerk)
    new = services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)

    services.supersede_document(old, by=new, actor=clerk)
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == (DocumentStatus.SUPERSEDED, new)
    with pytest.raises(ValidationError, match="không thể chuyển"):
        services.withdraw_document(old, reason="nhầm", actor=clerk)
    with pytest.raises(ValidationError) as refused:
        services.withdraw_document(new, reason=" ", actor=clerk)
    assert "reason" in refused.value.message_dict
    services.withdraw_document(new, reason="ban hành nhầm", actor=clerk)
    assert Document.objects.get(pk=new.pk).status == DocumentStatus.WITHDRAWN


def test_a_draft_is_corrected_with_the_change_audited(world, clerk):
    draft = services.draft_document(organization=world.ward, doc_type=DocumentType.NOTICE, summary="x", actor=clerk)
    services.update_document(draft, summary="Thông báo kết luận hội nghị", doc_type=DocumentType.CONCLUSION,
                             actor=clerk)
    draft.refresh_from_db()
    assert (draft.code, draft.summary) == ("KL", "Thông báo kết luận hội nghị")
    assert Document.objects.search("thong bao ket luan").get() == draft
    changes = LogEntry.objects.get(action="documents.document.updated").data["changes"]
    assert changes["summary"] == {"old": "x", "new": "Thông báo kết luận hội nghị"}


def test_search_finds_a_symbol_or_words_with_or_without_diacritics(world, clerk):
    services.register_incoming(organization=world.ward, symbol="Đề án số 15-ĐA/QU", issuer_name="Quận ủy Long Biên",
                               summary="Sắp xếp, bố trí kiêm nhiệm người hoạt động không chuyên trách", actor=clerk)
    for query in ["15-ĐA/QU", "15-da", "sap xep kiem nhiem", "Sắp xếp", "long bien", "de an"]:
        assert Document.objects.search(query).count() == 1, query
    assert not Document.objects.search("16-ĐA").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_gives_a_number_twice_on_postgresql(world, clerk, secretary, term, monkeypatch):
    """Eight issuers at once, each in its own connection and transaction, after a first document: nine numbers,
    01 to 09 (docs/rules.md §2.4).
    Each pauses between reading the sequence and writing it back, so that without the row lock they would all
    read the same last number. SQLite writes one transaction at a time (IMMEDIATE), so only PostgreSQL can race."""
    services.issue_document(approved(world, clerk, secretary), day=DAY, actor=clerk)  # the sequence row exists
    documents = [approved(world, clerk, secretary) for _ in range(8)]
    save = DocumentSequence.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.05)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(DocumentSequence, "save", slow_save)
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        for document in documents:
            services.issue_document(document, day=DAY, actor=clerk)
    else:
        barrier = threading.Barrier(len(documents))
        errors = []

        def issue(document):
            try:
                barrier.wait()
                services.issue_document(document, day=DAY, actor=clerk)
            except Exception as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=issue, args=(document,)) for document in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
    numbers = sorted(Document.objects.filter(status=DocumentStatus.ISSUED).values_list("number", flat=True))
    assert numbers == list(range(1, 10))
    assert DocumentSequence.objects.get().last_number == 9


def test_the_secretary_may_send_an_approved_draft_back_for_correction(world, clerk, secretary):
    document = approved(world, clerk, secretary)
    with pytest.raises(PermissionDenied):
        services.return_to_draft(document, actor=clerk)
    services.return_to_draft(document, actor=secretary)
    services.update_document(document, summary="Đã sửa theo ý kiến Thường trực", actor=clerk)
    document.refresh_from_db()
    assert (document.status, document.summary) == (DocumentStatus.DRAFT, "Đã sửa theo ý kiến Thường trực")
    assert LogEntry.objects.filter(action="documents.document.returned").count() == 1
