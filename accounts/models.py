"""Accounts: the logins, the roles each holds on an organisation (its whole subtree), and the API's tokens.

The roles and their permissions are in accounts.permissions; core.scoping applies them (accounts' AppConfig tells it
where a user's grants come from: `Assignment.objects.grants`). The organisation and the person are named by label,
not imported: org builds on accounts, not the reverse.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from accounts.permissions import ROLE_PERMISSIONS, Role
from core.scoping import ScopedQuerySet


class User(AbstractUser):
    """A login. Optionally linked to the person it belongs to."""

    person = models.OneToOneField(
        "org.Person", verbose_name="người", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_demo = models.BooleanField(
        "tài khoản trình diễn", default=False, help_text="Chỉ đăng nhập được khi chạy ở chế độ trình diễn."
    )

    objects = UserManager()

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def save(self, *args, **kwargs):
        # A new password or a deactivation ends the user's API tokens (issue 12); Django already ends their other
        # sessions (a session carries a hash of the password, and an inactive user is not authenticated).
        update_fields = kwargs.get("update_fields")
        watched = update_fields is None or {"password", "is_active"} & set(update_fields)
        before = (User.objects.filter(pk=self.pk).values("password", "is_active").first()
                  if self.pk and watched else None)
        super().save(*args, **kwargs)
        if before and (before["password"] != self.password or (before["is_active"] and not self.is_active)):
            self.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class AssignmentQuerySet(ScopedQuerySet):
    def grants(self, user) -> list[tuple[str, frozenset[str]]]:
        """(organisation path, permissions) for each of the user's roles: what core.scoping applies."""
        return [(path, ROLE_PERMISSIONS.get(role, frozenset()))
                for path, role in self.filter(user=user).values_list("organization__path", "role")]


class Assignment(models.Model):
    """A role held by a user on an organisation; it covers the organisation's whole subtree."""

    user = models.ForeignKey(User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "org.Organization", verbose_name="tổ chức", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="assignment_unique")
        ]

    def __str__(self):
        return f"{self.user.username}: {self.get_role_display()} — {self.organization.name}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; it expires and can be revoked."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self):
        return f"{self.prefix}… ({self.user.username})"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
