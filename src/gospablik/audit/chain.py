"""Hashing of audit entries: the part of the log that needs no database."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the canonical JSON of the entry.

    >>> h = entry_hash(GENESIS, {"seq": 1, "action": "x"})
    >>> h == entry_hash(GENESIS, {"action": "x", "seq": 1})
    True
    >>> h == entry_hash(GENESIS, {"seq": 1, "action": "y"})
    False
    """
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()
