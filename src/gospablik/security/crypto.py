"""Authenticated encryption of secrets at rest (Fernet: AES-128-CBC + HMAC-SHA256).

Keys come from settings.ENCRYPTION_KEYS (comma-separated, newest first): the first key
encrypts, every key decrypts, so keys rotate without downtime (see `gospablik vault rotate`).
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class DecryptionError(RuntimeError):
    pass


def _as_fernet_key(raw: str) -> bytes:
    """Accept a real Fernet key, or derive one from any other secret string."""
    try:
        if len(base64.urlsafe_b64decode(raw.encode())) == 32:
            return raw.encode()
    except ValueError:
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(raw.encode()).digest())


@lru_cache(maxsize=8)
def _cipher(keys: str) -> MultiFernet:
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise DecryptionError("No encryption keys configured")
    return MultiFernet([Fernet(_as_fernet_key(k)) for k in parts])


def cipher() -> MultiFernet:
    return _cipher(settings.ENCRYPTION_KEYS)


def encrypt(plaintext: str) -> str:
    return cipher().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise DecryptionError("Secret cannot be decrypted with the configured keys") from error


def rotate(token: str) -> str:
    """Re-encrypt under the newest key."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


def mask(secret: str) -> str:
    """What a person may see of a secret.

    >>> mask("vk1.a.abcdefghijklmnopqrstuvwxyz"), mask("short")
    ('vk1…xyz', '•••')
    """
    return f"{secret[:3]}…{secret[-3:]}" if len(secret) >= 12 else "•••"


if TYPE_CHECKING:
    _SecretsField = models.TextField[Any, dict[str, str]]
else:
    _SecretsField = models.TextField


class EncryptedJSONField(_SecretsField):
    """A dict of secrets stored as one Fernet token; plaintext never reaches the database."""

    def from_db_value(self, value: str | None, *args: Any) -> dict[str, str]:
        if not value:
            return {}
        return dict(json.loads(decrypt(value)))

    def to_python(self, value: Any) -> dict[str, str]:
        if isinstance(value, dict):
            return value
        return self.from_db_value(value)

    def get_prep_value(self, value: Any) -> str:
        if not value:
            return ""
        return encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))
