"""OK's Bot API for groups (Graph API): the group's own key, JSON bodies, no signature.

``POST https://api.ok.ru/graph/me/subscribe?access_token=<group key>`` with ``{"url"}``
answers ``{"success": true}``; ``POST …/graph/me/messages/chat:<id>`` with
``{"recipient": {"chat_id"}, "message": {"text"}}`` answers ``{"message_id"}``
(graph.user.subscribe / graph.user.messages in apiok/documentation). POST bodies must be
sent as ``application/json;charset=utf-8``. Errors come as OK's usual
``{"error_code", "error_msg"}`` object.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import httpx

from ..base import ConnectorError
from ..http import HttpClient, check_status, parse_json
from ..ratelimit import RateLimiter, token_key
from .errors import to_connector_error

RPS = 3.0  # OK publishes no figure for the Bot API either; the same cautious choice
JSON = {"Content-Type": "application/json;charset=utf-8"}
_KEY_REFUSED = (
    "Одноклассники: ключ бота группы недействителен или заменён новым — получите ключ в "
    "настройках группы («Работа с API») и сохраните его в подключении"
)


def graph_base(api_url: str) -> str:
    """The Graph API next to the REST endpoint (so the emulator serves both).

    >>> graph_base("https://api.ok.ru/fb.do"), graph_base("http://127.0.0.1:8702/fb.do")
    ('https://api.ok.ru/graph', 'http://127.0.0.1:8702/graph')
    """
    return urljoin(api_url, "/graph")


def graph_error(body: dict[str, Any]) -> ConnectorError:
    """OK's error object, said for group messages where the REST wording would mislead.

    >>> graph_error({"error_code": 300, "error_msg": "NOT_FOUND : chat"}).message[:53]
    'Одноклассники: чат с пользователем не найден (удалён '
    """
    code = int(body.get("error_code", 0))
    if code in (102, 103):
        return ConnectorError(_KEY_REFUSED, needs_person=True, network="ok", code=code)
    if code == 300:
        return ConnectorError("Одноклассники: чат с пользователем не найден (удалён или "
                              "закрыт) — ответьте ему другим способом", permanent=True,
                              network="ok", code=code)  # fmt: skip
    return to_connector_error(body)


class OKGraph:
    def __init__(self, http: HttpClient, limiter: RateLimiter, *, key: str, base: str) -> None:
        self.http = http
        self.limiter = limiter
        self.key = key
        self.base = base

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        self.limiter.acquire(token_key("ok", self.key), RPS)
        response = self.http.post(f"{self.base}/{path}", params={"access_token": self.key},
                                  json=body, headers=JSON)  # fmt: skip
        error = _error_body(response)
        if error is not None:
            raise graph_error(error)
        check_status(response, "ok")
        answer = parse_json(response, "ok")
        if not isinstance(answer, dict):
            raise ConnectorError("Одноклассники вернули непонятный ответ", network="ok",
                                 code="bad_json", maybe_applied=True, retry_after=5.0)  # fmt: skip
        return answer


def _error_body(response: httpx.Response) -> dict[str, Any] | None:
    """OK's error object, whatever the HTTP status it came with."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) and "error_code" in body else None
