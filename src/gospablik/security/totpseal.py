"""TOTP seeds encrypted at rest with the vault's keys.

django-otp keeps a device's seed as hex in ``TOTPDevice.key`` (80 characters at most), too
short for a Fernet token. The seed is sealed with AES-SIV (deterministic authenticated
encryption: 16 bytes of tag, no nonce) under a key derived from each of
``settings.ENCRYPTION_KEYS`` (the first seals, every one unseals), stored as ``s1:`` and
URL-safe base64 — 51 characters for a 20-byte seed. ``bin_key``, through which django-otp
reads the seed, unseals it; a device is sealed before every save.

>>> from django.test import override_settings
>>> with override_settings(ENCRYPTION_KEYS="k-old"):
...     sealed = seal("3132333435363738393031323334353637383930")
>>> sealed.startswith(PREFIX) and len(sealed) <= 80
True
>>> with override_settings(ENCRYPTION_KEYS="k-new,k-old"):
...     unseal(sealed)
'3132333435363738393031323334353637383930'
"""

from __future__ import annotations

import base64
import hashlib
from binascii import hexlify, unhexlify
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings

from gospablik.security.crypto import DecryptionError

PREFIX = "s1:"


def _ciphers() -> list[AESSIV]:
    keys = [k.strip() for k in settings.ENCRYPTION_KEYS.split(",") if k.strip()]
    return [AESSIV(hashlib.sha512(b"gospablik-totp-seed|" + k.encode()).digest()) for k in keys]


def seal(hex_key: str) -> str:
    if hex_key.startswith(PREFIX):
        return hex_key
    token = _ciphers()[0].encrypt(unhexlify(hex_key.encode()), None)
    return PREFIX + base64.urlsafe_b64encode(token).decode("ascii")


def unseal(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # a seed not yet sealed (before the migration ran)
    token = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode("ascii"))
    for cipher in _ciphers():
        try:
            return hexlify(cipher.decrypt(token, None)).decode("ascii")
        except InvalidTag:
            continue
    raise DecryptionError("A TOTP seed cannot be unsealed with the configured keys")


def _bin_key(device: Any) -> bytes:
    return unhexlify(unseal(device.key).encode())


def _seal_before_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance.key = seal(instance.key)


def install() -> None:
    """Make django-otp's TOTP device read sealed seeds and seal them on every save."""
    from django.db.models.signals import pre_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.bin_key = property(_bin_key)
    pre_save.connect(_seal_before_save, sender=TOTPDevice, dispatch_uid="gospablik-totp-seal")
