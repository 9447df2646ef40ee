"""Files attached to documents: checked by their content, kept outside the static files, given only to those who
may read the document, every upload audited; a refused file leaves nothing behind."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import LogEntry
from documents import files, services
from documents.models import Attachment
from documents.tests.test_api import URL
from org.tests.test_api_people import bearer

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes(member="word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return buffer.getvalue()


@pytest.fixture
def letter(world, clerk):
    return services.register_incoming(organization=world.ward, symbol="339-CV/QU", issuer_name="Quận ủy Long Biên",
                                      summary="Về một số nhiệm vụ", actor=clerk)


def stored(settings) -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_clerk_attaches_a_scan_that_readers_download_as_it_was(client, clerk, secretary, letter, settings):
    client.force_login(clerk)
    response = client.post(f"/documents/{letter.pk}/attachments/",
                           {"file": SimpleUploadedFile("339-CV-QU.pdf", PDF_BYTES)}, follow=True)
    attachment = Attachment.objects.get()
    assert "Đã đính kèm tệp" in response.content.decode() and "339-CV-QU.pdf" in response.content.decode()
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(PDF_BYTES))
    assert stored(settings) == [settings.MEDIA_ROOT / attachment.file.name]
    assert LogEntry.objects.get(action="documents.attachment.added").data["file"] == "339-CV-QU.pdf"

    client.force_login(secretary)
    download = client.get(f"/documents/{letter.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert 'filename="339-CV-QU.pdf"' in download["Content-Disposition"]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("scan.pdf", PNG_BYTES, "không phải PDF"),
    ("du-thao.docx", docx_bytes("xl/workbook.xml"), "không phải Word (.docx)"),
    ("du-thao.docx", b"PK\x03\x04 not really a zip", "không phải Word (.docx)"),
    ("virus.exe", b"MZ\x90\x00", "không thuộc loại được lưu"),
    ("empty.pdf", b"", "trống"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(
    client, clerk, letter, settings, name, content, reason
):
    client.force_login(clerk)
    response = client.post(f"/documents/{letter.pk}/attachments/", {"file": SimpleUploadedFile(name, content)},
                           follow=True)
    assert reason in response.content.decode()
    assert not Attachment.objects.exists() and stored(settings) == []
    assert not LogEntry.objects.filter(action="documents.attachment.added").exists()


def test_a_file_over_the_limit_is_refused(clerk, letter, settings, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    with pytest.raises(Exception, match="quá giới hạn"):
        services.attach_file(letter, file=SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048), actor=clerk)
    assert not Attachment.objects.exists() and stored(settings) == []


def test_the_api_uploads_lists_and_downloads_a_word_file(client, clerk, letter):
    headers = bearer(client, clerk)
    content = docx_bytes()
    uploaded = client.post(f"{URL}/{letter.pk}/attachments",
                           {"file": SimpleUploadedFile("du-thao.docx", content)}, **headers)
    assert uploaded.status_code == 201, uploaded.content
    attachment = uploaded.json()
    listed = client.get(f"{URL}/{letter.pk}", **headers).json()["attachments"]
    assert [item["id"] for item in listed] == [attachment["id"]]
    download = client.get(f"{URL}/{letter.pk}/attachments/{attachment['id']}", **headers)
    assert b"".join(download.streaming_content) == content
    refused = client.post(f"{URL}/{letter.pk}/attachments", {"file": SimpleUploadedFile("a.pdf", b"no")}, **headers)
    assert refused.status_code == 400 and "file" in refused.json()["errors"]


def test_another_ward_can_neither_download_nor_attach(client, clerk, outsider, superior, letter):
    services.attach_file(letter, file=SimpleUploadedFile("a.pdf", PDF_BYTES), actor=clerk)
    attachment = Attachment.objects.get()
    client.force_login(outsider)
    assert client.get(f"/documents/{letter.pk}/attachments/{attachment.pk}/").status_code == 404
    assert client.post(f"/documents/{letter.pk}/attachments/",
                       {"file": SimpleUploadedFile("b.pdf", PDF_BYTES)}).status_code == 404
    client.force_login(superior)
    assert client.get(f"/documents/{letter.pk}/attachments/{attachment.pk}/").status_code == 200
    assert client.post(f"/documents/{letter.pk}/attachments/",
                       {"file": SimpleUploadedFile("b.pdf", PDF_BYTES)}).status_code == 403
    assert Attachment.objects.count() == 1


def test_a_file_missing_from_the_storage_is_a_404_not_a_500(client, clerk, letter, settings):
    """Issue 12: a stored file lost (a restore without the files) answers 404 naming it, on the page and the API."""
    from members.tests.test_api_members import bearer

    client.force_login(clerk)
    client.post(f"/documents/{letter.pk}/attachments/", {"file": SimpleUploadedFile("339-CV-QU.pdf", PDF_BYTES)})
    attachment = Attachment.objects.get()
    (settings.MEDIA_ROOT / attachment.file.name).unlink()
    page = client.get(f"/documents/{letter.pk}/attachments/{attachment.pk}/")
    assert page.status_code == 404
    api = client.get(f"/api/v1/documents/{letter.pk}/attachments/{attachment.pk}", **bearer(client, clerk))
    assert api.status_code == 404 and api.json()["detail"]
