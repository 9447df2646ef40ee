"""The demo registries hold the documents the seed articles cite, read from the citations as written."""

import datetime

from documents.models import Direction, Document, DocumentStatus
from documents.types import DocumentType


def symbols(code):
    return sorted(Document.objects.filter(organization__code=code).exclude(number=None)
                  .values_list("code", "number", "issuer_code"))


def test_each_ward_registry_holds_its_seed_citations(demo):
    assert symbols("saidong") == [("CV", 339, "QU"), ("NQ", 1, "ĐU")]
    assert symbols("cukhoi") == [("CV", 139, "QU"), ("ĐA", 15, "QU"), ("ĐA", 21, "TU")]
    assert symbols("thanhkhetay") == [("CT", 5, "TW")]
    letter = Document.objects.get(organization__code="saidong", code="CV")
    assert (letter.issued_on, letter.direction) == (datetime.date(2021, 6, 25), Direction.INCOMING)


def test_quyet_dinh_217_and_quy_dinh_218_keep_their_types(demo):
    bode = Document.objects.filter(organization__code="bode")
    assert bode.get(number=217).doc_type == DocumentType.DECISION
    assert bode.get(number=218).doc_type == DocumentType.REGULATION


def test_sai_dong_issued_its_june_2021_resolution_and_has_a_draft_to_approve(demo):
    resolution = Document.objects.get(organization__code="saidong", code="NQ")
    assert (resolution.symbol, resolution.issued_on, resolution.status, resolution.term.name) == (
        "01-NQ/ĐU", datetime.date(2021, 6, 28), DocumentStatus.ISSUED, "2020–2025")
    assert Document.objects.filter(organization__code="saidong", status=DocumentStatus.DRAFT).count() == 1
