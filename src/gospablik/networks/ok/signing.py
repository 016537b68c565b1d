"""Odnoklassniki request signing (https://apiok.ru/en/dev/methods).

``session_secret_key = md5(access_token + application_secret_key)``; the signature is
``md5(<sorted key=value pairs without separators> + session_secret_key)`` over every
parameter except ``sig``, ``access_token`` and ``session_key``; values are signed as they
are (UTF-8, not URL-encoded), lower-case hex.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

UNSIGNED = frozenset({"sig", "access_token", "session_key"})


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def session_secret_key(access_token: str, application_secret_key: str) -> str:
    return md5_hex(access_token + application_secret_key)


def signature(params: Mapping[str, str], secret: str) -> str:
    """The ``sig`` of ``params`` with the session (or application) secret ``secret``.

    The worked example of the OK docs (secret shown as the string's tail):

    >>> signature({"application_key": "ABCDEFGHIGKLMNOPK", "format": "json",
    ...            "method": "events.get"}, "b1a2b89707a94624c43afae67d59274c")
    '232c8eb921951c4dba9b72606f9ddb4c'
    """
    joined = "".join(f"{k}={params[k]}" for k in sorted(params) if k not in UNSIGNED)
    return md5_hex(joined + secret)


def sign(
    params: Mapping[str, str], access_token: str, application_secret_key: str
) -> dict[str, str]:
    """``params`` plus ``sig`` and ``access_token``, ready to send."""
    secret = session_secret_key(access_token, application_secret_key)
    return {**params, "sig": signature(params, secret), "access_token": access_token}


def verify(params: Mapping[str, str], application_secret_key: str) -> bool:
    secret = session_secret_key(params.get("access_token", ""), application_secret_key)
    if not params.get("access_token"):
        secret = application_secret_key
    return hmac.compare_digest(params.get("sig", "").lower(), signature(params, secret))
