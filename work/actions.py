"""The audited actions of the work program, with the Vietnamese label the audit page shows (registered with
audit.actions by work.apps)."""

ACTIONS: dict[str, str] = {
    "work.task.created": "Giao nhiệm vụ",
    "work.task.updated": "Sửa nhiệm vụ",
    "work.task.removed": "Bỏ nhiệm vụ khỏi cuộc họp",
    "work.task.progress": "Báo cáo tiến độ nhiệm vụ",
    "work.tasks.carried_over": "Chuyển nhiệm vụ chưa hoàn thành sang tháng sau",
    "work.tasks.exported": "Tải danh sách, thông báo nhiệm vụ",
    "work.target.created": "Ghi chỉ tiêu",
    "work.target.updated": "Sửa chỉ tiêu",
    "work.target.actual": "Ghi kết quả thực hiện chỉ tiêu",
}
