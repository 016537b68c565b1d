"""The fresh second factor for signing: a TOTP code checked in the signing request itself."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

NO_DEVICE = (
    "Для подписи нужен второй фактор: подключите приложение-аутентификатор (TOTP) "
    "и введите из него текущий код."
)
BAD_CODE = "Код подтверждения неверен или уже использован. Введите текущий код из приложения."
SETUP_URL_NAMES = ("twofactor:setup",)  # the security module's enrolment page


def devices(user: Any) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_fresh(user: Any, code: str) -> bool:
    """True if ``code`` is a current, never used code of one of the user's devices."""
    token = "".join(code.split())
    if not token.isdigit():
        return False
    return any(device.verify_token(token) for device in devices(user))


def setup_url() -> str:
    """The enrolment page of the security module, or "" when it does not exist yet."""
    for name in SETUP_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""
