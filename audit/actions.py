"""Every audited action, by its stable dotted name, with the Vietnamese label users read.

Apps add their actions here (one dict for the whole system, so the audit page can label and filter them).
"""

ACTION_LABELS: dict[str, str] = {
    "org.organization.created": "Thêm tổ chức",
    "org.organization.updated": "Sửa tổ chức",
    "org.organization.moved": "Chuyển tổ chức sang đơn vị cấp trên mới",
    "org.ward.merged": "Hợp nhất phường, xã",
    "org.term.created": "Thêm nhiệm kỳ",
    "org.term.updated": "Sửa nhiệm kỳ",
    "org.committee.created": "Thêm ban/ủy ban",
    "org.committee.updated": "Sửa ban/ủy ban",
    "org.committee_member.added": "Thêm ủy viên",
    "org.committee_member.updated": "Sửa ủy viên",
    "org.position.created": "Giao chức danh",
    "org.position.updated": "Sửa chức danh",
    "org.person.created": "Thêm người",
    "org.person.updated": "Sửa thông tin người",
    "org.user.created": "Tạo tài khoản",
    "org.user.updated": "Sửa tài khoản",
    "org.user.password_changed": "Đổi mật khẩu tài khoản",
    "org.assignment.created": "Phân quyền",
    "org.assignment.updated": "Sửa phân quyền",
    "org.assignment.removed": "Thu hồi quyền",
    "org.api_token.issued": "Cấp mã truy cập API",
    "org.api_token.revoked": "Thu hồi mã truy cập API",
    "members.member.registered": "Lập hồ sơ quần chúng ưu tú",
    "members.member.imported": "Nhập đảng viên từ danh sách (.xlsx)",
    "members.member.updated": "Sửa hồ sơ đảng viên",
    "members.event.recorded": "Ghi sự kiện đảng viên",
    "members.dossier.viewed": "Xem hồ sơ đảng viên",
    "members.members.exported": "Xuất danh sách đảng viên (.xlsx)",
    "members.fee.paid": "Ghi đảng phí",
    "members.fee.relieved": "Miễn, giảm, hoãn đảng phí",
    "members.member.received": "Tiếp nhận đảng viên chuyển đến",
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
    "meetings.meeting.created": "Ghi cuộc họp",
    "meetings.decision.recorded": "Ghi quyết nghị của cuộc họp",
    "meetings.meeting.corrected": "Sửa biên bản cuộc họp",
    "meetings.minutes.exported": "Tải biên bản, nghị quyết, thông báo kết luận",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
