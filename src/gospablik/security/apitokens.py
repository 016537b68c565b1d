"""API tokens: created by their owner after a fresh second factor, scoped, expiring,
revocable; only a SHA-256 digest is stored, so a token is shown once and never again.

Scopes: ``read`` — safe methods only; ``publish`` — also writes to content, approvals,
duties and the style check; ``moderate`` — also writes to moderation. Nothing else
(keys, security, registry) is ever written with a token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.security.models import ApiToken

PREFIX = "gpk_"
MAX_DAYS = 365
USE_AUDIT_INTERVAL = timedelta(minutes=10)  # reads: one entry per token per interval
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITABLE = {
    ApiToken.Scope.READ: (),
    ApiToken.Scope.PUBLISH: ("content", "approvals", "duties", "style"),
    ApiToken.Scope.MODERATE: ("moderation",),
}


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _entry(action: str, token: ApiToken, actor: Any, **after: Any) -> None:
    record(
        action,
        actor=actor,
        object_type="security.apitoken",
        object_id=str(token.pk),
        object_repr=f"{token.user.get_username()}: {token}",
        after={"scope": token.scope, **after},
    )


@transaction.atomic
def do_create_token(user: Any, *, name: str, scope: str, days: int, actor: Any) -> str:
    """Create a token and return its value: the only time anyone sees it."""
    key = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        scope=ApiToken.Scope(scope),
        prefix=key[: len(PREFIX) + 6],
        digest=digest(key),
        created_at=now,
        expires_at=now + timedelta(days=max(1, min(days, MAX_DAYS))),
    )
    _entry("api_token.create", token, actor, expires_at=token.expires_at.isoformat())
    return key


@transaction.atomic
def do_revoke_token(token: ApiToken, *, actor: Any, reason: str = "") -> None:
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    _entry("api_token.revoke", locked, actor, reason=reason)


@transaction.atomic
def do_revoke_all(user: Any, *, actor: Any, reason: str) -> int:
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        do_revoke_token(token, actor=actor, reason=reason)
    return len(tokens)


def active_token(key: str) -> ApiToken | None:
    """The token with this value, if it is neither expired nor revoked."""
    if not key.startswith(PREFIX) or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
    if token is None or token.revoked_at is not None or token.expires_at <= timezone.now():
        return None
    return token


def allows(token: ApiToken, method: str, path: str) -> bool:
    """Whether the token's scope covers this request (paths as /api/m/<ministry>/<module>/…
    or /api/<module>/…)."""
    if method.upper() in SAFE_METHODS:
        return True
    parts = [p for p in path.split("/") if p]
    module = (
        parts[3] if len(parts) > 3 and parts[1] == "m" else (parts[1] if len(parts) > 1 else "")
    )
    return module in WRITABLE.get(ApiToken.Scope(token.scope), ())


@transaction.atomic
def note_use(token: ApiToken, *, method: str, path: str, ip: str) -> None:
    """Record the use: every write, and reads at most once per interval."""
    now = timezone.now()
    quiet = token.last_used_at is not None and now - token.last_used_at < USE_AUDIT_INTERVAL
    if method.upper() in SAFE_METHODS and quiet:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip[:64])
    token.last_used_at = now
    _entry("api_token.use", token, token.user, method=method.upper(), path=path[:300], ip=ip)
