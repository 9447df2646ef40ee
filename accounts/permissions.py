"""Roles and what each may do. A role is held on an organisation (`Assignment`) and covers that organisation's
whole subtree; core.scoping applies it (accounts' AppConfig tells it where a user's grants come from:
`Assignment.objects.grants`). This module imports no model: the models import it.
"""

from django.db import models


class Role(models.TextChoices):
    WARD_CLERK = "ward_clerk", "Văn phòng Đảng ủy (cán bộ văn phòng)"
    WARD_SECRETARY = "ward_secretary", "Bí thư, Phó Bí thư Đảng ủy"
    CELL_SECRETARY = "cell_secretary", "Bí thư chi bộ"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"
    SUPERIOR_VIEWER = "superior_viewer", "Cấp trên (chỉ xem)"
    UNIT_REPORTER = "unit_reporter", "Đơn vị báo cáo nhiệm vụ (UBND, MTTQ, đoàn thể …)"
    SYSADMIN = "sysadmin", "Quản trị hệ thống"


# Every permission, with what it lets a user do.
PERMISSIONS: dict[str, str] = {
    "org.view": "Xem tổ chức, ban, nhiệm kỳ, chức danh",
    "org.change": "Thêm, sửa tổ chức, ban, nhiệm kỳ, chức danh",
    "people.view": "Xem danh sách và hồ sơ người",
    "people.view_sensitive": "Xem số CCCD và số điện thoại",
    "people.change": "Thêm, sửa thông tin người",
    "audit.view": "Xem nhật ký thay đổi",
    "members.view": "Xem danh sách đảng viên",
    "members.view_dossier": "Xem hồ sơ đảng viên đầy đủ (mỗi lần xem được ghi lại)",
    "members.change": "Ghi hồ sơ, sự kiện của đảng viên",
    "members.fees": "Ghi đảng phí thu hằng tháng",
    "documents.view": "Xem sổ văn bản đến, đi",
    "documents.change": "Vào sổ văn bản đến, soạn và ban hành văn bản đi",
    "meetings.view": "Xem cuộc họp, biên bản, nghị quyết",
    "meetings.change": "Ghi cuộc họp, điểm danh, quyết nghị",
    "decisions.approve": "Phê duyệt (Thường trực Đảng ủy)",
    "tasks.view": "Xem nhiệm vụ, chương trình công tác",
    "tasks.change": "Giao, sửa nhiệm vụ; chuyển nhiệm vụ chưa xong sang tháng sau",
    "tasks.report": "Báo cáo tiến độ nhiệm vụ do đơn vị chủ trì",
    "inspections.view": "Xem chương trình, kết quả kiểm tra, giám sát",
    "inspections.change": "Ghi chương trình kiểm tra, giám sát của Đảng ủy, kết luận, yêu cầu khắc phục",
    "inspections.committee": "Ghi chương trình kiểm tra, giám sát của Ủy ban Kiểm tra, kết luận, yêu cầu khắc phục",
    "commendations.view": "Xem quyết định khen thưởng, Huy hiệu Đảng",
    "commendations.change": "Ghi quyết định khen thưởng, đề nghị tặng Huy hiệu Đảng",
    "gradings.view": "Xem kết quả đánh giá, xếp loại chất lượng",
    "gradings.propose": "Ghi tự đánh giá, chi bộ đề xuất xếp loại chất lượng",
    "gradings.decide": "Ghi quyết định xếp loại chất lượng của Đảng ủy",
    "staffing.view": "Xem người hoạt động không chuyên trách, phụ cấp, phương án sắp xếp",
    "staffing.change": "Ghi chức danh, người giữ, phụ cấp, phương án sắp xếp không chuyên trách",
    "users.manage": "Quản lý tài khoản và phân quyền",
}

_READ = {"org.view", "people.view", "members.view", "documents.view", "meetings.view", "tasks.view", "gradings.view",
         "staffing.view"}
_DOSSIER = {"people.view_sensitive", "members.view_dossier"}
# The inspection programs are the ward's (a chi bộ's secretary, whose scope is the chi bộ, never sees them).
_INSPECTIONS_READ = {"inspections.view"}
# So are the commendations it records.
_COMMENDATIONS_READ = {"commendations.view"}

# The one table of role → permissions (docs/permissions.md draws it).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.WARD_CLERK: frozenset(
        _READ | _DOSSIER | {"org.change", "people.change", "members.change", "members.fees", "documents.change",
                            "meetings.change", "tasks.change", "tasks.report", "audit.view", "inspections.view",
                            "inspections.change", "inspections.committee", "commendations.view",
                            "commendations.change", "gradings.propose", "gradings.decide",
                            "staffing.change"}
    ),
    Role.WARD_SECRETARY: frozenset(_READ | _DOSSIER | _INSPECTIONS_READ | _COMMENDATIONS_READ
                                   | {"audit.view", "decisions.approve"}),
    # The chi bộ collects the fees, and records its own meetings and what they decide (a chi bộ's resolution on a
    # member goes on the dossier through the meeting: members.services.record_event(authority=…)).
    Role.CELL_SECRETARY: frozenset(_READ | _DOSSIER | {"members.fees", "meetings.change", "tasks.report",
                                                       "gradings.propose"}),
    # The inspection committee keeps its own program and reads the Đảng ủy's.
    Role.INSPECTION: frozenset(_READ | _DOSSIER | _INSPECTIONS_READ | _COMMENDATIONS_READ
                               | {"audit.view", "inspections.committee"}),
    Role.SUPERIOR_VIEWER: frozenset(_READ | _INSPECTIONS_READ | _COMMENDATIONS_READ | {"audit.view"}),
    # A ward body (the UBND, the MTTQ, a mass organisation) sees the tasks it leads and reports on them: nothing else.
    Role.UNIT_REPORTER: frozenset({"tasks.view", "tasks.report"}),
    Role.SYSADMIN: frozenset(PERMISSIONS),
}
