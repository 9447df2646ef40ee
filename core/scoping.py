"""Who may do what, where: the one scoping every page, API call, export and search goes through.

A user holds permissions over organisation subtrees (a role held on an organisation covers its whole subtree). The
app that keeps users and roles tells this module what a user holds (`register_grants`, from accounts' AppConfig), so
that the apps' models and querysets scope themselves without importing it. Records are reached only through
`Model.objects.for_user(user, perm)` and `get_object_for_user(...)`: invisible records are 404, visible records the
user may not act on are 403.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from core.search import prefix_q

# (organisation tree path, permissions held there) for each of a user's assignments.
Grants = list[tuple[str, frozenset[str]]]
_provider: Callable[[object], Grants] | None = None
PERMISSION_LABELS: dict[str, str] = {}
_CACHE = "_dangvu_grants"


def register_grants(provider: Callable[[object], Grants], labels: dict[str, str]) -> None:
    """Say where a user's grants come from, and what each permission lets a user do (for the refusals)."""
    global _provider
    _provider = provider
    PERMISSION_LABELS.update(labels)


def _grants(user) -> Grants:
    """The user's grants; read once and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = user.__dict__.get(_CACHE)
    if cached is None:
        if _provider is None:
            raise ImproperlyConfigured("no app registered where the users' grants come from (register_grants)")
        cached = user.__dict__[_CACHE] = _provider(user)
    return cached


def forget_grants(user) -> None:
    """Drop the kept grants after the user's assignments change."""
    user.__dict__.pop(_CACHE, None)


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


def scope_q(user, perm: str, prefix: str = "", *, field: str | None = None) -> Q:
    """A filter keeping the rows whose organisation lies under one the user holds `perm` over: the organisation's
    tree path (`{prefix}path`, or the row's own copy of it, `field`) starts with a granted path."""
    if is_global(user):
        return Q()
    paths = granted_paths(user, perm)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= prefix_q(field, path) if field else Q(**{f"{prefix}path__startswith": path})
    return condition


class UnitPathField(models.CharField):
    """A copy, on the row, of the tree path of the row's organisation (the foreign key `source`), kept by the
    database itself (org.unit_paths installs the triggers that write it, whichever way a row is written or a unit
    moved). A scope is then a prefix of a column of the listed table: an index that starts with it answers the scope
    first, so a ward's list costs what the ward holds, not what the database holds (issue 15)."""

    def __init__(self, *args, source: str = "organization", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs


def unit_path_field(model) -> UnitPathField | None:
    return next((field for field in model._meta.concrete_fields if isinstance(field, UnitPathField)), None)


def has_perm(user, perm: str, organization) -> bool:
    """Whether the user holds `perm` on `organization` (through it or one of its ancestors)."""
    if is_global(user):
        return True
    return any(organization.path.startswith(path) for path in granted_paths(user, perm))


def has_any_perm(user, perm: str) -> bool:
    return is_global(user) or bool(granted_paths(user, perm))


def require_perm(user, perm: str, organization) -> None:
    if not has_perm(user, perm, organization):
        raise PermissionDenied(f"Bạn không có quyền: {PERMISSION_LABELS.get(perm, perm)}.")


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to an organisation; `scope_prefix` on the model says how to reach it."""

    def under(self, unit):
        """The rows of `unit`'s subtree (found by the row's own copy of its unit's path where it carries one)."""
        own = unit_path_field(self.model)
        if own is not None:
            return self.filter(prefix_q(own.name, unit.path))
        return self.filter(**{f"{getattr(self.model, 'scope_prefix', 'organization__')}path__startswith": unit.path})

    def for_user(self, user, perm: str):
        own = unit_path_field(self.model)
        if own is not None:
            return self.filter(scope_q(user, perm, field=own.name))
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
