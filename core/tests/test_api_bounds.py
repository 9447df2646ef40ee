"""No 500 for input (issue 12): extreme moments and dates are a 422 naming the field; a search of 1,000 words is
answered."""

import pytest

from members.tests.test_api_members import bearer


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00",
                                    "1889-12-31T23:00:00+07:00"])
def test_an_extreme_meeting_time_is_a_422(client, world, clerk, moment):
    response = client.post("/api/v1/meetings", {
        "organization": str(world.cell.pk), "kind": "cell_monthly", "starts_at": moment, "place": "Nhà văn hóa",
        "chair": str(world.dung.pk)}, content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 422 and "starts_at" in response.json()["detail"]


def test_an_extreme_date_is_a_422(client, world, clerk):
    response = client.post("/api/v1/members", {"person": str(world.dung.pk), "organization": str(world.cell.pk),
                                               "date": "0001-01-01"}, content_type="application/json",
                           **bearer(client, clerk))
    assert response.status_code == 422 and response.json()["detail"].startswith("date: Ngày phải từ năm 1890")


@pytest.mark.parametrize("path", ["/api/v1/members", "/api/v1/people", "/api/v1/documents"])
def test_a_search_of_a_thousand_words_is_answered(client, world, clerk, path):
    response = client.get(path, {"q": " ".join(["nguyen"] * 1000)}, **bearer(client, clerk))
    assert response.status_code < 500


def test_a_null_text_in_a_correction_is_a_422_not_a_500(client, world, clerk):
    """Found by the schemathesis run (issue 12): a text column cannot hold null; a PATCH that sends one is told so."""
    from documents.services import draft_document

    draft = draft_document(organization=world.ward, doc_type="plan", summary="Kế hoạch", signer="Bí thư", actor=clerk)
    for field in ("signer", "note", "issuer_name", "summary", "doc_type"):
        response = client.patch(f"/api/v1/documents/{draft.pk}", {field: None}, content_type="application/json",
                                **bearer(client, clerk))
        assert response.status_code == 422 and response.json()["detail"].startswith(field), field
    draft.refresh_from_db()
    assert draft.signer == "Bí thư" and draft.summary == "Kế hoạch"
