"""Files attached to documents: what may be uploaded (checked by content, not by the name alone) and where it is
kept (under DANGVU_VAR_DIR/files, never served directly: the download view checks who asks)."""

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import Http404

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str


PDF = FileKind("PDF", "application/pdf")
DOCX = FileKind("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOC = FileKind("Word 97-2003 (.doc)", "application/msword")
XLS = FileKind("Excel 97-2003 (.xls)", "application/vnd.ms-excel")
ODT = FileKind("OpenDocument (.odt)", "application/vnd.oasis.opendocument.text")
JPEG = FileKind("Ảnh JPEG", "image/jpeg")
PNG = FileKind("Ảnh PNG", "image/png")

# extension → what its content must be
KINDS: dict[str, FileKind] = {
    ".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".doc": DOC, ".xls": XLS, ".odt": ODT,
    ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG,
}
ALLOWED = "PDF, Word (.docx, .doc), Excel (.xlsx, .xls), .odt, ảnh JPEG hoặc PNG"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What a zip-based office file holds, by kind.
ZIP_MEMBERS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", ODT: "content.xml"}


def open_stored(attachment):
    """The stored file of an attachment, opened for reading; a file missing from the storage (lost, not restored)
    is a 404 naming it, not a 500."""
    try:
        return attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(f"Không tìm thấy tệp “{attachment.name}” trong kho lưu trữ: hãy đính kèm lại.") from None


def _content_matches(kind: FileKind, upload) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind in (DOC, XLS):
        return head == OLE
    try:
        with zipfile.ZipFile(upload) as archive:
            return ZIP_MEMBERS[kind] in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def check_upload(upload) -> FileKind:
    """The kind of an uploaded file, or a ValidationError on `file` saying why it is refused."""
    name = PurePath(upload.name or "").name
    kind = KINDS.get(PurePath(name).suffix.lower())
    if kind is None:
        raise ValidationError({"file": f"Tệp “{name}” không thuộc loại được lưu: {ALLOWED}."})
    if not upload.size:
        raise ValidationError({"file": f"Tệp “{name}” trống (0 byte)."})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": f"Tệp “{name}” lớn {upload.size / 1048576:.1f} MB, quá giới hạn "
                                       f"{MAX_BYTES // 1048576} MB."})
    if not _content_matches(kind, upload):
        raise ValidationError({"file": f"Nội dung tệp “{name}” không phải {kind.label} như tên tệp cho biết."})
    return kind


def sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
