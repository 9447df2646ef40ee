"""The audited actions of accounts, roles and API tokens, with the Vietnamese label the audit page shows (registered
with audit.actions by accounts.apps). Their names keep the "org." they were first logged under, when accounts were
part of org: a name is the stable key of rows already in the append-only log."""

ACTIONS: dict[str, str] = {
    "org.user.created": "Tạo tài khoản",
    "org.user.updated": "Sửa tài khoản",
    "org.user.password_changed": "Đổi mật khẩu tài khoản",
    "org.assignment.created": "Phân quyền",
    "org.assignment.updated": "Sửa phân quyền",
    "org.assignment.removed": "Thu hồi quyền",
    "org.api_token.issued": "Cấp mã truy cập API",
    "org.api_token.revoked": "Thu hồi mã truy cập API",
    "org.api_token.revoked_all": "Thu hồi mọi mã truy cập API của tài khoản",
}
