"""The audited actions of meetings and their decisions, with the Vietnamese label the audit page shows (registered with
audit.actions by meetings.apps)."""

ACTIONS: dict[str, str] = {
    "meetings.meeting.created": "Ghi cuộc họp",
    "meetings.decision.recorded": "Ghi quyết nghị của cuộc họp",
    "meetings.meeting.corrected": "Sửa biên bản cuộc họp",
    "meetings.minutes.exported": "Tải biên bản, nghị quyết, thông báo kết luận",
}
