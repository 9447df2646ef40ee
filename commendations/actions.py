"""The audited actions of the commendations, with the Vietnamese label the audit page shows."""

ACTIONS: dict[str, str] = {
    "commendations.commendation.created": "Ghi quyết định khen thưởng",
    "commendations.commendation.updated": "Sửa quyết định khen thưởng",
    "commendations.recipients.changed": "Sửa danh sách tập thể, cá nhân được khen thưởng",
    "commendations.badges.proposed": "Lập danh sách đề nghị tặng Huy hiệu Đảng",
    "commendations.badges.awarded": "Ghi quyết định tặng Huy hiệu Đảng",
}
