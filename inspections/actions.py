"""The audited actions of the inspection programs, with the Vietnamese label the audit page shows (registered with
audit.actions by inspections.apps)."""

ACTIONS: dict[str, str] = {
    "inspections.inspection.created": "Ghi cuộc kiểm tra, giám sát vào chương trình",
    "inspections.inspection.updated": "Sửa cuộc kiểm tra, giám sát",
    "inspections.inspection.status": "Chuyển tình trạng cuộc kiểm tra, giám sát",
    "inspections.inspection.concluded": "Ghi kết luận kiểm tra, giám sát",
    "inspections.inspection.document": "Gắn văn bản kết luận kiểm tra, giám sát",
    "inspections.follow_up.created": "Ghi yêu cầu khắc phục sau kiểm tra, giám sát",
    "inspections.follow_up.done": "Ghi kết quả khắc phục sau kiểm tra, giám sát",
    "inspections.program.exported": "Tải chương trình kiểm tra, giám sát",
}
