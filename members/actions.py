"""The audited actions of members and their dossiers, with the Vietnamese label the audit page shows (registered with
audit.actions by members.apps)."""

ACTIONS: dict[str, str] = {
    "members.member.registered": "Lập hồ sơ quần chúng ưu tú",
    "members.member.imported": "Nhập đảng viên từ danh sách (.xlsx)",
    "members.import.queued": "Gửi danh sách đảng viên (.xlsx) để nhập ở nền",
    "members.export.queued": "Yêu cầu xuất danh sách đảng viên dài (.xlsx) ở nền",
    "members.member.updated": "Sửa hồ sơ đảng viên",
    "members.event.recorded": "Ghi sự kiện đảng viên",
    "members.dossier.viewed": "Xem hồ sơ đảng viên",
    "members.members.exported": "Xuất danh sách đảng viên (.xlsx)",
    "members.fee.paid": "Ghi đảng phí",
    "members.fee.relieved": "Miễn, giảm, hoãn đảng phí",
    "members.introducer.added": "Ghi người giới thiệu vào Đảng",
    "members.introducer.removed": "Xóa người giới thiệu vào Đảng",
    "members.member.received": "Tiếp nhận đảng viên chuyển đến",
}
