"""The audited actions of the non-specialised staff, with the Vietnamese label the audit page shows."""

ACTIONS: dict[str, str] = {
    "staffing.post.created": "Thêm chức danh người hoạt động không chuyên trách",
    "staffing.holding.created": "Giao người giữ chức danh không chuyên trách",
    "staffing.holding.ended": "Thôi giữ chức danh không chuyên trách",
    "staffing.plan.created": "Ghi phương án sắp xếp người hoạt động không chuyên trách",
}
