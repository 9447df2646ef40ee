"""The audited actions of reminders (registered with audit.actions by reminders.apps)."""

ACTIONS: dict[str, str] = {
    "reminders.digest.sent": "Gửi thư nhắc việc hằng ngày",
}
