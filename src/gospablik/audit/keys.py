"""The keys of the audit chain and of its checkpoints, held outside the database.

``settings.AUDIT_KEYS`` (``GOSPABLIK_AUDIT_KEYS`` or ``_FILE``): comma-separated, newest
first, each ``id:secret`` (or a bare secret, whose id is derived from it). The newest key
signs new entries and checkpoints; every key verifies, so a key is rotated by putting a
new one first and keeping the old ones for as long as their entries must verify.

>>> ring = parse_keys("k2:newer-secret, k1:older-secret")
>>> ring.current_id, sorted(ring.keys)
('k2', ['k1', 'k2'])
>>> parse_keys("bare-secret").current_id.startswith("k")
True
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

BLOCK = 64  # SHA-256's block size, for HMAC's padded keys


class AuditKeyError(RuntimeError):
    pass


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    def current(self) -> bytes:
        return self.keys[self.current_id]

    def get(self, key_id: str) -> bytes:
        if key_id not in self.keys:
            raise AuditKeyError(f"audit key {key_id!r} is not configured")
        return self.keys[key_id]


def _entry(part: str) -> tuple[str, bytes]:
    key_id, sep, secret = part.partition(":")
    if not sep:
        secret = part
        key_id = "k" + hashlib.sha256(part.encode()).hexdigest()[:8]
    return key_id.strip(), secret.strip().encode("utf-8")


@lru_cache(maxsize=8)
def parse_keys(text: str) -> KeyRing:
    parts = [_entry(p.strip()) for p in text.split(",") if p.strip()]
    if not parts:
        raise AuditKeyError("no audit keys configured (GOSPABLIK_AUDIT_KEYS)")
    return KeyRing(parts[0][0], dict(parts))


def ring() -> KeyRing:
    return parse_keys(settings.AUDIT_KEYS)


def mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC's inner and outer padded keys, for a database that has SHA-256 but not HMAC:
    HMAC(k, m) = SHA256(outer || SHA256(inner || m)).

    >>> inner, outer = pads(b"k")
    >>> outer_hash = hashlib.sha256(outer + hashlib.sha256(inner + b"m").digest()).hexdigest()
    >>> outer_hash == mac(b"k", "m")
    True
    """
    if len(key) > BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)
