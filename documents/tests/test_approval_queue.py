"""The secretary's queue (issue 11): the drafts awaiting her approval on her dashboard, oldest first; she reads one
and approves it or sends it back with a reason; the office corrects or resubmits it. Another ward's drafts are not
hers; the clerk cannot send back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.permissions import Role
from audit.models import LogEntry
from conftest import make_user
from documents import services
from documents.models import DocumentStatus
from documents.tests.test_api import bearer


def draft(organization, clerk, summary):
    return services.draft_document(organization=organization, doc_type="plan", summary=summary, actor=clerk)


def test_the_dashboard_shows_the_drafts_awaiting_her_and_not_another_wards(client, world, clerk, secretary,
                                                                           outsider):
    first = draft(world.ward, clerk, "Kế hoạch tổ chức hội nghị sơ kết 6 tháng")
    draft(world.ward, clerk, "Kế hoạch kiểm tra, giám sát năm 2027")
    draft(world.other_ward, outsider, "Kế hoạch của phường Bồ Đề")
    services.approve_document(draft(world.ward, clerk, "Đã duyệt rồi"), actor=secretary)
    client.force_login(secretary)
    page = client.get(reverse("dashboard"))
    assert [d.summary for d in page.context["queue"]] == [first.summary, "Kế hoạch kiểm tra, giám sát năm 2027"]
    assert "Văn bản chờ duyệt (2)" in page.content.decode()
    client.force_login(clerk)
    assert "queue" not in client.get(reverse("dashboard")).context


def test_she_sends_a_draft_back_with_a_reason_and_the_office_corrects_it(client, world, clerk, secretary):
    document = draft(world.ward, clerk, "Kế hoạch tổ chức hội nghị")
    client.force_login(secretary)
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'id="send-back"' in page and "Kế hoạch tổ chức hội nghị" in page
    refused = client.post(reverse("document_send_back", args=[document.pk]), {"reason": " "}, follow=True)
    assert "Hãy ghi lý do trả lại" in refused.content.decode()
    client.post(reverse("document_send_back", args=[document.pk]), {"reason": "Bổ sung thành phần dự họp."})
    document.refresh_from_db()
    assert (document.status, document.returned_reason) == (DocumentStatus.RETURNED, "Bổ sung thành phần dự họp.")
    assert not client.get(reverse("dashboard")).context["queue"]
    entry = LogEntry.objects.get(action="documents.document.sent_back")
    assert entry.data["reason"] == "Bổ sung thành phần dự họp." and entry.actor == secretary

    client.force_login(clerk)
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'data-field="returned_reason"' in page and "Gửi lại để duyệt" in page
    services.update_document(document, summary="Kế hoạch tổ chức hội nghị (bổ sung thành phần)", actor=clerk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT  # corrected: in her queue again
    assert LogEntry.objects.filter(action="documents.document.resubmitted").count() == 1


def test_the_clerk_cannot_send_back_and_another_wards_secretary_cannot_either(world, clerk, secretary):
    document = draft(world.ward, clerk, "Kế hoạch")
    with pytest.raises(PermissionDenied):
        services.send_back(document, reason="Sửa", actor=clerk)
    theirs = make_user("secretary2", world.other_ward, Role.WARD_SECRETARY)
    with pytest.raises(PermissionDenied):
        services.send_back(document, reason="Sửa", actor=theirs)
    services.send_back(document, reason="Sửa lại trích yếu", actor=secretary)
    with pytest.raises(ValidationError, match="không thể chuyển sang"):
        services.approve_document(document, actor=secretary)  # returned: the office resubmits first
    services.resubmit_document(document, actor=clerk)
    assert services.approve_document(document, actor=secretary).status == DocumentStatus.APPROVED


def test_the_api_lists_the_queue_and_sends_back(client, world, clerk, secretary):
    document = draft(world.ward, clerk, "Kế hoạch")
    headers = bearer(client, secretary)
    queue = client.get("/api/v1/documents/awaiting-approval", **headers).json()
    assert [item["id"] for item in queue["items"]] == [str(document.pk)]
    response = client.post(f"/api/v1/documents/{document.pk}/send-back", {"reason": "Sửa lại"},
                           content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["returned_reason"] == "Sửa lại"
    assert client.get("/api/v1/documents/awaiting-approval", **headers).json()["items"] == []
    clerk_headers = bearer(client, clerk)
    assert client.post(f"/api/v1/documents/{document.pk}/resubmit", **clerk_headers).json()["status"] == "draft"


def test_the_office_cannot_undo_an_approval_by_resubmitting(world, clerk, secretary):
    """Only a draft sent back is resubmitted: an approved draft goes back to draft only by those who approve."""
    document = services.approve_document(draft(world.ward, clerk, "Kế hoạch"), actor=secretary)
    with pytest.raises(ValidationError, match="Chỉ gửi lại văn bản đã bị trả lại để sửa"):
        services.resubmit_document(document, actor=clerk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED


def test_the_office_corrects_a_returned_draft_on_its_page_and_through_the_api(client, world, clerk, secretary):
    document = draft(world.ward, clerk, "Kế hoạch tổ chức hội nghị")
    services.send_back(document, reason="Sửa trích yếu", actor=secretary)
    client.force_login(clerk)
    assert "Sửa dự thảo" in client.get(document.get_absolute_url()).content.decode()
    response = client.post(reverse("document_edit", args=[document.pk]), {
        "doc_type": "plan", "summary": "Kế hoạch tổ chức hội nghị sơ kết 6 tháng", "signer": "", "note": ""})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.summary, document.status) == ("Kế hoạch tổ chức hội nghị sơ kết 6 tháng", DocumentStatus.DRAFT)
    services.send_back(document, reason="Thêm người ký", actor=secretary)
    response = client.patch(f"/api/v1/documents/{document.pk}", {"signer": "Nguyễn Văn Hùng"},
                            content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 200 and response.json()["status"] == "draft"
    services.approve_document(document, actor=secretary)
    assert client.get(reverse("document_edit", args=[document.pk])).status_code == 404  # approved: not a draft
