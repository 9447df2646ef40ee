"""The audited actions of documents and their registers, with the Vietnamese label the audit page shows (registered
with audit.actions by documents.apps)."""

ACTIONS: dict[str, str] = {
    "documents.document.received": "Vào sổ văn bản đến",
    "documents.document.drafted": "Soạn dự thảo văn bản",
    "documents.document.updated": "Sửa văn bản",
    "documents.document.approved": "Duyệt văn bản",
    "documents.document.returned": "Trả văn bản về dự thảo",
    "documents.document.sent_back": "Trả lại dự thảo để sửa",
    "documents.document.resubmitted": "Gửi lại dự thảo để duyệt",
    "documents.document.issued": "Ban hành văn bản (cấp số)",
    "documents.sequence.started": "Đặt số bắt đầu của sổ văn bản",
    "documents.document.withdrawn": "Thu hồi, hủy văn bản",
    "documents.document.superseded": "Văn bản bị thay thế",
    "documents.attachment.added": "Đính kèm tệp vào văn bản",
    "documents.document.exported": "Tải văn bản in (.docx, .pdf)",
}
