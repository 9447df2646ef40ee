"""Roles given, API tokens issued, used and revoked. Each change is atomic and audited."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, Assignment, User
from accounts.permissions import Role
from audit.services import log_action
from core.scoping import forget_grants, require_perm


@transaction.atomic
def assign_role(*, user: User, organization, role: str, actor) -> Assignment:
    """Give `user` the role `role` on `organization` (an org.Organization) and so on its whole subtree."""
    require_perm(actor, "users.manage", organization)
    if role not in Role.values:
        raise ValidationError({"role": f"Vai trò “{role}” không có trong hệ thống."})
    assignment, created = Assignment.objects.get_or_create(user=user, organization=organization, role=role)
    if created:
        log_action(
            "org.assignment.created", actor=actor, obj=assignment, organization=organization,
            data={"user": user.username, "role": role},
        )
    forget_grants(user)
    return assignment


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_api_token(*, user: User) -> tuple[str, ApiToken]:
    """A new bearer token for `user`: (the key, shown once; the stored token, which keeps only its hash)."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user, key_hash=_hash(key), prefix=key[:8], last_used_at=now,
        expires_at=now + datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    log_action("org.api_token.issued", actor=user, obj=token, data={"expires_at": token.expires_at.isoformat()})
    return key, token


def user_for_api_token(key: str) -> User | None:
    """The active user a usable token belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.is_usable() or not token.user.is_active:
        return None
    if token.user.is_demo and not settings.DEMO_MODE:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.user.api_token = token
    return token.user


@transaction.atomic
def revoke_all_api_tokens(user: User, *, actor) -> int:
    """End every API token of `user` (a lost laptop, a token pasted where it should not be); audited."""
    revoked = user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    log_action("org.api_token.revoked_all", actor=actor, obj=user, data={"revoked": revoked})
    return revoked


@transaction.atomic
def revoke_api_token(key: str, *, actor) -> bool:
    token = ApiToken.objects.select_for_update().filter(key_hash=_hash(key), revoked_at__isnull=True).first()
    if token is None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("org.api_token.revoked", actor=actor, obj=token)
    return True
