"""Security events written to the audit log from signals: logins, failed logins, lockouts,
second-factor devices, membership and permission changes, and the credential records that
follow a connection's keys. Connected in SecurityConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest

from gospablik.audit.log import record
from gospablik.networks.models import Connection
from gospablik.orgs.models import Membership
from gospablik.security.actor import client_ip, current_actor
from gospablik.security.credentials import sync_credentials

USER_FLAGS = ("is_active", "is_staff", "is_superuser")


def _user_entry(
    action: str,
    user: Any,
    *,
    actor: Any = None,
    request: HttpRequest | None = None,
    before: dict[str, Any] | None = None,
    **after: Any,
) -> None:
    record(
        action,
        actor=actor,
        object_type="auth.user",
        object_id=str(getattr(user, "pk", "") or ""),
        object_repr=str(user.get_username() if hasattr(user, "get_username") else user)[:150],
        before=before,
        after={"ip": client_ip(request), **after},
    )


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    _user_entry("auth.login", user, actor=user, request=request)


def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _user_entry("auth.logout", user, actor=user, request=request)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    _user_entry("auth.login_failed", user or username, request=request)


def on_locked_out(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    user = get_user_model().objects.filter(username=username).first()
    _user_entry("auth.lockout", user or str(username)[:150], request=request)


def on_device_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if instance.confirmed and (created or getattr(instance, "_was_unconfirmed", False)):
        _user_entry("auth.2fa_enable", instance.user, actor=current_actor(), device=instance.name)


def on_device_presave(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk is not None:
        old = sender.objects.filter(pk=instance.pk).values_list("confirmed", flat=True).first()
        instance._was_unconfirmed = old is False


def on_device_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.confirmed:
        _user_entry("auth.2fa_remove", instance.user, actor=current_actor(), device=instance.name)


def on_otp_failed(sender: Any, user: Any, **kwargs: Any) -> None:
    _user_entry("auth.2fa_failed", user, actor=user)


def _membership_entry(action: str, m: Membership, **extra: Any) -> None:
    record(
        action,
        actor=current_actor(),
        obj=m,
        ministry=m.organization.ministry,
        object_repr=str(m)[:300],
        **extra,
    )


def _membership_state(m: Membership) -> dict[str, Any]:
    return {
        "user": m.user.get_username(),
        "organization": m.organization.key,
        "role": m.role,
        "is_active": m.is_active,
    }


def on_membership_presave(sender: Any, instance: Membership, **kwargs: Any) -> None:
    old = None
    if instance.pk is not None:
        old = (
            Membership.objects.filter(pk=instance.pk).select_related("user", "organization").first()
        )
    instance._before = _membership_state(old) if old is not None else None  # type: ignore[attr-defined]


def on_membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_before", None)
    after = _membership_state(instance)
    if before != after:
        _membership_entry("membership.save", instance, before=before, after=after)


def on_membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    _membership_entry("membership.delete", instance, before=_membership_state(instance))


def on_user_presave(sender: Any, instance: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is not None and not set(fields) & set(USER_FLAGS):
        instance._flags_before = {f: getattr(instance, f) for f in USER_FLAGS}  # untouched
        return
    old = sender.objects.filter(pk=instance.pk).values(*USER_FLAGS).first() if instance.pk else None
    instance._flags_before = old


def on_user_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_flags_before", None)
    after = {f: getattr(instance, f) for f in USER_FLAGS}
    if created and not (instance.is_staff or instance.is_superuser):
        return
    if before != after:
        _user_entry("user.permissions", instance, actor=current_actor(), before=before, **after)


def on_connection_saved(sender: Any, instance: Connection, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    sync_credentials(instance, actor=current_actor())


def connect() -> None:
    from axes.signals import user_locked_out
    from django_otp.forms import otp_verification_failed
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user_logged_in.connect(on_login, dispatch_uid="security.login")
    user_logged_out.connect(on_logout, dispatch_uid="security.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="security.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="security.lockout")
    otp_verification_failed.connect(on_otp_failed, dispatch_uid="security.otp_failed")
    pre_save.connect(on_device_presave, sender=TOTPDevice, dispatch_uid="security.device_pre")
    post_save.connect(on_device_saved, sender=TOTPDevice, dispatch_uid="security.device")
    post_delete.connect(on_device_deleted, sender=TOTPDevice, dispatch_uid="security.device_del")
    pre_save.connect(on_membership_presave, sender=Membership, dispatch_uid="security.m_pre")
    post_save.connect(on_membership_saved, sender=Membership, dispatch_uid="security.m")
    post_delete.connect(on_membership_deleted, sender=Membership, dispatch_uid="security.m_del")
    user_model = get_user_model()
    pre_save.connect(on_user_presave, sender=user_model, dispatch_uid="security.user_pre")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="security.user")
    post_save.connect(on_connection_saved, sender=Connection, dispatch_uid="security.connection")
