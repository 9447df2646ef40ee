"""Roles, what each may do, and the one scoping helper every page, API call, export and search goes through.

A role is held on an organisation (`Assignment`) and covers that organisation's whole subtree.
Records are reached only through `Model.objects.for_user(user, perm)` and `get_object_for_user(...)`:
invisible records are 404, visible records the user may not act on are 403.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404


class Role(models.TextChoices):
    WARD_CLERK = "ward_clerk", "Văn phòng Đảng ủy (cán bộ văn phòng)"
    WARD_SECRETARY = "ward_secretary", "Bí thư, Phó Bí thư Đảng ủy"
    CELL_SECRETARY = "cell_secretary", "Bí thư chi bộ"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"
    SUPERIOR_VIEWER = "superior_viewer", "Cấp trên (chỉ xem)"
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
    "users.manage": "Quản lý tài khoản và phân quyền",
}

_READ = {"org.view", "people.view", "members.view", "documents.view", "meetings.view"}
_DOSSIER = {"people.view_sensitive", "members.view_dossier"}

# The one table of role → permissions (docs/permissions.md draws it).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.WARD_CLERK: frozenset(
        _READ | _DOSSIER | {"org.change", "people.change", "members.change", "members.fees", "documents.change",
                            "meetings.change", "audit.view"}
    ),
    Role.WARD_SECRETARY: frozenset(_READ | _DOSSIER | {"audit.view", "decisions.approve"}),
    # The chi bộ collects the fees, and records its own meetings and what they decide (a chi bộ's resolution on a
    # member goes on the dossier through the meeting: members.services.record_event(authority=…)).
    Role.CELL_SECRETARY: frozenset(_READ | _DOSSIER | {"members.fees", "meetings.change"}),
    Role.INSPECTION: frozenset(_READ | _DOSSIER | {"audit.view"}),
    Role.SUPERIOR_VIEWER: frozenset(_READ | {"audit.view"}),
    Role.SYSADMIN: frozenset(PERMISSIONS),
}


def _grants(user) -> list[tuple[str, frozenset[str]]]:
    """(organisation path, permissions) for each of the user's assignments; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_dangvu_grants", None)
    if cached is None:
        from org.models import Assignment

        cached = [
            (path, ROLE_PERMISSIONS.get(role, frozenset()))
            for path, role in Assignment.objects.filter(user=user).values_list("organization__path", "role")
        ]
        user._dangvu_grants = cached
    return cached


def forget_grants(user) -> None:
    """Drop the cached grants after the user's assignments change."""
    user.__dict__.pop("_dangvu_grants", None)


def is_global(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def granted_paths(user, perm: str) -> list[str]:
    """Tree paths of the organisations whose subtrees the user holds `perm` over (outermost only)."""
    paths = sorted({path for path, perms in _grants(user) if perm in perms})
    outermost: list[str] = []
    for path in paths:
        if not any(path.startswith(outer) for outer in outermost):
            outermost.append(path)
    return outermost


def scope_q(user, perm: str, prefix: str = "") -> Q:
    """A filter keeping the rows whose organisation lies under one the user holds `perm` over."""
    if is_global(user):
        return Q()
    paths = granted_paths(user, perm)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def has_perm(user, perm: str, organization) -> bool:
    """Whether the user holds `perm` on `organization` (through it or one of its ancestors)."""
    if is_global(user):
        return True
    return any(organization.path.startswith(path) for path in granted_paths(user, perm))


def has_any_perm(user, perm: str) -> bool:
    return is_global(user) or bool(granted_paths(user, perm))


def require_perm(user, perm: str, organization) -> None:
    if not has_perm(user, perm, organization):
        raise PermissionDenied(f"Bạn không có quyền: {PERMISSIONS.get(perm, perm)}.")


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to an organisation; `scope_prefix` on the model says how to reach it."""

    def for_user(self, user, perm: str):
        return self.filter(scope_q(user, perm, getattr(self.model, "scope_prefix", "organization__")))


def get_object_for_user(queryset, user, perm: str, **lookup):
    """The one record matching `lookup` if the user may see it (404 otherwise) and may do `perm` (403 otherwise).

    `queryset` is a model or queryset whose model declares `view_permission` and `organization_of(obj)`.
    """
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    model = queryset.model
    obj = queryset.for_user(user, model.view_permission).filter(**lookup).first()
    if obj is None:
        raise Http404("Không tìm thấy.")
    if perm != model.view_permission:
        require_perm(user, perm, model.organization_of(obj))
    return obj
