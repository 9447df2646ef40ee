"""The audited actions of organisations and people, with the Vietnamese label the audit page shows
(registered with audit.actions by org.apps)."""

ACTIONS: dict[str, str] = {
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
}
