"""A logging filter that masks anything that looks like a token or key."""

from __future__ import annotations

import logging
import re

_RULES = [
    (re.compile(r"(?i)\b(access_token|token|secret|sig|password|key)=([^&\s\"']+)"), r"\1=***"),
    (re.compile(r"(?i)(authorization:\s*(?:bearer\s+)?)(\S+)"), r"\1***"),
    (re.compile(r"(?i)(/bot)(\d{5,}:[\w-]{20,})"), r"\1***"),
    (re.compile(r"(/hooks/ok/\d+/)([^/\s\"']+)"), r"\1***"),  # OK's webhook secret is in its URL
]


def redact(text: str) -> str:
    """Mask secrets in a log line.

    >>> redact("GET /method/wall.get?access_token=vk1.a.abc&v=5.199")
    'GET /method/wall.get?access_token=***&v=5.199'
    >>> redact('"POST /hooks/ok/7/Zx9-secret_value/ HTTP/1.1" 200 2')
    '"POST /hooks/ok/7/***/ HTTP/1.1" 200 2'
    >>> redact("nothing secret here")
    'nothing secret here'
    """
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True
