"""The demo registries hold the documents the seed articles cite, read from the citations as written."""

import datetime

from documents.models import Direction, Document, DocumentStatus
from documents.types import DocumentType


def symbols(code):
    return sorted(Document.objects.filter(organization__code=code, member_event=None).exclude(number=None)
                  .values_list("code", "number", "issuer_code"))


def test_each_ward_registry_holds_its_seed_citations(demo):
    # And the conclusion of the UBKT's quarter III 2021 inspection of a member (demo/inspections.py).
    assert symbols("saidong") == [("CV", 339, "QU"), ("KL", 1, "UBKTĐU"), ("NQ", 15, "ĐU")]
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
        "15-NQ/ĐU", datetime.date(2021, 6, 28), DocumentStatus.ISSUED, "2020–2025")
    drafts = Document.objects.filter(organization__code="saidong", status=DocumentStatus.DRAFT)
    assert sorted(drafts.values_list("issuer_code", flat=True)) == ["UBKTĐU", "ĐU"]  # the inspection committee's own


def test_each_wards_decisions_on_members_from_01_07_2025_are_numbered_in_its_register_in_date_order(demo):
    """docs/rules.md §1.7, §2.4: from 01/7/2025 the ward decides; each decision is a Quyết định of its register,
    numbered through the term (the 2020–2025 register going on from where the ward stood when it adopted the system)."""
    for code in ("saidong", "bode", "cukhoi", "thanhkhetay", "cauonglanh"):
        decisions = Document.objects.filter(organization__code=code).exclude(member_event=None)
        assert decisions.exists(), code
        for term in {d.term for d in decisions}:
            numbered = list(decisions.filter(term=term).order_by("number"))
            assert [d.issued_on for d in numbered] == sorted(d.issued_on for d in numbered), (code, term)
            numbers = [d.number for d in numbered]
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), (code, term)
            assert numbers[0] == (1 if term.name == "2025–2030" else 132 if code == "saidong" else 119)
        for document in decisions.select_related("member_event"):
            event = document.member_event
            assert (event.decision_no, event.effective_date) == (document.symbol, document.issued_on)
            assert event.effective_date >= datetime.date(2025, 7, 1) and document.code == "QĐ"
