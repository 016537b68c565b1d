"""Meta Graph API wire shapes the Facebook and Instagram emulators answer with.

Error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling)::

    {"error": {"message": "…", "type": "OAuthException", "code": 190,
               "error_subcode": 460, "fbtrace_id": "EJplcsCHuLu"}}
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from ..emulation import Fault, StartResponse

_MESSAGES = {
    1: "An unknown error has occurred.",
    2: "An unexpected error has occurred. Please retry your request later.",
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try "
    "again.",
    368: "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
}
_PATH = re.compile(r"/(?:v\d+\.\d+/)?(?P<node>[\w.-]+)(?:/(?P<edge>\w+))?/?")


class GraphApiError(Exception):
    def __init__(self, code: int, message: str, subcode: int | None = None,
                 status: int | None = None, kind: str = "OAuthException") -> None:  # fmt: skip
        super().__init__(message)
        self.code = code
        self.message = message
        self.subcode = subcode
        self.status = status or _http_status(code)
        self.kind = kind  # the envelope's "type"

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "type": self.kind,
                                 "code": self.code}  # fmt: skip
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        error["fbtrace_id"] = secrets.token_urlsafe(8)
        return {"error": error}


def _http_status(code: int) -> int:
    if code in (1, 2):
        return 500
    if code == 10 or 200 <= code <= 299:
        return 403
    return 400


def graph_fault(code: int) -> GraphApiError:
    return GraphApiError(code, _MESSAGES.get(code, f"(#{code}) Emulated error"))


def fault_response(fault: Fault, start_response: StartResponse) -> list[bytes]:
    error = graph_fault(1 if fault.kind == "http_500" else int(fault.code or 100))
    return send(start_response, error.status, error.body())


def send(start_response: StartResponse, status: int, body: Any) -> list[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode()
    start_response(f"{status} {HTTPStatus(status).phrase}",
                   [("Content-Type", "application/json; charset=UTF-8")])  # fmt: skip
    return [data]


def split_path(path: str) -> tuple[str, str]:
    """``/v21.0/123_456/comments`` -> ``("123_456", "comments")``.

    >>> split_path("/v21.0/100/feed"), split_path("/100")
    (('100', 'feed'), ('100', ''))
    """
    match = _PATH.fullmatch(path)
    if match is None:
        raise GraphApiError(100, "Unknown path components: " + path, 2500)
    return match["node"], match["edge"] or ""


def field_names(fields: str | None, default: tuple[str, ...]) -> list[str]:
    """Top-level names of a ``fields`` parameter (nested ``{...}`` selections and
    ``.summary(…)``-style modifiers ignored).

    >>> field_names("id,picture{url},cover,reactions.summary(total_count).limit(0)", ("id",))
    ['id', 'picture', 'cover', 'reactions']
    """
    if not fields:
        return list(default)
    names = re.sub(r"\{[^{}]*\}", "", fields).split(",")
    return [f.split(".")[0] for f in names if f]


def select(obj: dict[str, Any], fields: str | None, default: tuple[str, ...]) -> dict:
    names = field_names(fields, default)
    return {k: obj[k] for k in ["id", *names] if k in obj}


def graph_time(moment: float) -> str:
    """Graph's timestamp format.

    >>> graph_time(0)
    '1970-01-01T00:00:00+0000'
    """
    return datetime.fromtimestamp(moment, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S%z")


def no_object(node: str, verb: str = "GET") -> GraphApiError:
    """What Graph answers for a node it does not know (``verb``: the request's method)."""
    return GraphApiError(100, f"Unsupported {verb.lower()} request. Object with ID '{node}' "
                         "does not exist, cannot be loaded due to missing permissions, or does "
                         "not support this operation.", 33,
                         kind="GraphMethodException")  # fmt: skip


def appsecret_proof(app_secret: str, token: str) -> str:
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
