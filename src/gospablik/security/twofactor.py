"""The second factor of gospablik's own login: TOTP (django-otp), one app per person.

Required (``settings.GOSPABLIK_REQUIRE_2FA``) for everyone who can publish, approve,
moderate or touch credentials; anyone who has enrolled must use it. The QR code is drawn
here (SVG, no outside service).
"""

from __future__ import annotations

import base64
import io
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.forms import otp_verification_failed
from django_otp.plugins.otp_totp.models import TOTPDevice

from gospablik.audit.log import record
from gospablik.orgs.models import Membership
from gospablik.security.actor import client_ip
from gospablik.security.apitokens import do_revoke_all

PROTECTED_ROLES = frozenset(
    {"editor", "head", "moderator", "registry_keeper", "security_officer", "reviewer"}
)
DEVICE_NAME = "Приложение-аутентификатор"


def requires_2fa(user: Any) -> bool:
    """Whether the person holds a role that publishes, approves, moderates or keeps keys."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, is_active=True, role__in=PROTECTED_ROLES).exists()


def enforced() -> bool:
    return bool(getattr(settings, "GOSPABLIK_REQUIRE_2FA", True))


def second_factor_step(user: Any, *, verified: bool) -> str:
    """The one second-factor rule of every authentication path: "" when the person may
    proceed, else the page that must come first. ``verified``: this session entered a
    code (for an API token: its owner still has the device it was created with)."""
    if verified:
        return ""
    if confirmed_device(user) is not None:
        return "twofactor:verify"
    if enforced() and requires_2fa(user):
        return "twofactor:setup"
    return ""


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being enrolled (kept until confirmed, so a scanned code stays valid)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for typing into an app by hand."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def check_token(device: TOTPDevice, token: str) -> str:
    """Verify a code; return an error text for the person, or "" when it is right."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = locked.verify_is_allowed()
        if not allowed:
            return "Слишком много неверных кодов. Подождите немного и попробуйте снова."
        if locked.verify_token(token.replace(" ", "")):
            return ""
    otp_verification_failed.send(sender=TOTPDevice, user=device.user)
    return "Неверный код. Проверьте время на телефоне и введите новый код."


@transaction.atomic
def do_enable(request: HttpRequest, device: TOTPDevice) -> None:
    """Confirm the enrolled device and mark this session as verified (audited by signal)."""
    device.confirmed = True
    device.save()
    otp_login(request, device)


def mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    """This session passed the second factor."""
    otp_login(request, device)
    record(
        "auth.2fa_verify",
        actor=request.user,
        object_type="auth.user",
        object_id=str(request.user.pk),
        object_repr=request.user.get_username(),
        after={"ip": client_ip(request)},
    )


@transaction.atomic
def do_disable(user: Any, *, actor: Any = None) -> int:
    """Remove the person's devices (each removal is audited by signal) and revoke the API
    tokens that were created with them."""
    devices = list(TOTPDevice.objects.filter(user=user))
    for device in devices:
        device.delete()
    do_revoke_all(user, actor=actor or user, reason="second factor removed")
    return len(devices)


@transaction.atomic
def do_reset_second_factor(user: Any, *, ministry: Any, actor: Any) -> int:
    """The security officer of ``ministry`` removes a person's lost app; the entry belongs
    to that ministry (the caller checked the person's active protected role in it)."""
    removed = do_disable(user, actor=actor)
    record(
        "auth.2fa_reset",
        actor=actor,
        ministry=ministry,
        object_type="auth.user",
        object_id=str(user.pk),
        object_repr=user.get_username(),
        after={"devices_removed": removed},
    )
    return removed
