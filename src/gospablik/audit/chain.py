"""Hashing of audit entries: the part of the log that needs no database."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from gospablik.audit.keys import mac

GENESIS = "0" * 64


def entry_hash(prev_hash: str, fields: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 with ``key`` over the previous hash and the canonical JSON of the entry
    (plain SHA-256 without a key: the entries written before the chain was keyed).

    >>> h = entry_hash(GENESIS, {"seq": 1, "action": "x"})
    >>> h == entry_hash(GENESIS, {"action": "x", "seq": 1})
    True
    >>> h == entry_hash(GENESIS, {"seq": 1, "action": "y"})
    False
    """
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    if key is not None:
        return mac(key, prev_hash + canonical)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def hash_prefix(fields: dict[str, Any]) -> str:
    """The canonical JSON of an entry's fields up to its "seq" value, which sorts last:
    the entry's hash is then the (keyed) hash of ``prev_hash + prefix + str(seq) + "}"``,
    so the database can finish it once it has assigned the seq (``fields`` lack "seq").

    >>> import hashlib
    >>> fields = {"action": "x", "after": {"было": 1}, "reason": ""}
    >>> prefix = hash_prefix(fields)
    >>> full = hashlib.sha256((GENESIS + prefix + "7}").encode()).hexdigest()
    >>> full == entry_hash(GENESIS, fields | {"seq": 7})
    True
    """
    assert all(key < "seq" for key in fields), "seq must stay the last key"
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return canonical[:-1] + ', "seq": '
