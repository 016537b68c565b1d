"""Meta Graph API wire helpers shared by the Facebook and Instagram connectors.

Error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling)::

    {"error": {"message": "…", "type": "OAuthException", "code": 190,
               "error_subcode": 460, "fbtrace_id": "EJplcsCHuLu"}}

Codes: 1/2 temporary; 4 (app), 17 (user), 32 (page), 613 (custom), 80001 (Pages BUC)
throttling; 10 and 200–299 permissions; 100 invalid parameter; 190 token expired or
invalid; 368 temporarily blocked for policy; 506 duplicate post; Instagram: 9007/2207027
container not ready, 9/2207042 publishing quota reached, 9004/2207052 media download failed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from ..base import ConfigField, ConnectorError

DEFAULT_GRAPH = "https://graph.facebook.com"
DEFAULT_VERSION = "v21.0"
THROTTLING = {4, 17, 32, 613, 80001, 80002, 80004, 80006}
# Send API refusals to write to a person (by error_subcode, or code 551), said plainly.
MESSAGING_REFUSALS: dict[int, str] = {
    2018278: "человек писал больше 24 часов назад, окно ответа закрыто — ответьте вручную",
    2534022: "человек писал больше 24 часов назад, окно ответа закрыто — ответьте вручную",
    2018001: "получатель не найден (не писал странице или удалил аккаунт)",
    551: "получатель сейчас недоступен (отключил сообщения от страницы)",
}

GRAPH_FIELDS = (
    ConfigField("graph_version", "Версия Graph API", required=False, help=DEFAULT_VERSION),
    ConfigField("api_base", "Адрес Graph API", required=False, help=DEFAULT_GRAPH),
)


def graph_url(config: Mapping[str, Any], path: str) -> str:
    """``{api_base}/{graph_version}/{path}`` (Meta's host and version unless configured).

    >>> graph_url({}, "100/feed")
    'https://graph.facebook.com/v21.0/100/feed'
    """
    base = config.get("api_base") or DEFAULT_GRAPH
    return f"{base}/{config.get('graph_version') or DEFAULT_VERSION}/{path}"


def appsecret_proof(app_secret: str, token: str) -> str:
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def graph_auth(token: str, app_secret: str | None) -> dict[str, str]:
    """The token, and ``appsecret_proof`` when the app secret is known."""
    auth = {"access_token": token}
    if app_secret:
        auth["appsecret_proof"] = appsecret_proof(app_secret, token)
    return auth


def parse_time(value: str) -> datetime:
    """``2024-05-01T10:00:00+0000`` -> aware datetime.

    >>> parse_time("2024-05-01T10:00:00+0000").isoformat()
    '2024-05-01T10:00:00+00:00'
    """
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def graph_error(network: str, status: int, body: Any, usage: str | None = None) -> ConnectorError:
    """Map a Graph error answer to a ConnectorError.

    >>> e = graph_error("facebook", 400, {"error": {"code": 190, "error_subcode": 463,
    ...                                            "message": "Session has expired"}})
    >>> (e.needs_person, e.code)
    (True, 190)
    >>> graph_error("facebook", 400, {"error": {"code": 32, "message": "limit"}}).retry_after
    300.0
    """
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code = int(error.get("code") or status)
    text = str(error.get("error_user_msg") or error.get("message") or f"HTTP {status}")
    kw: dict[str, Any] = {"network": network, "code": code}
    if code in THROTTLING:
        wait = _regain_minutes(usage) * 60.0 if usage else 300.0
        return ConnectorError(f"Лимит запросов Meta исчерпан ({text})",
                              retry_after=wait or 300.0, **kw)  # fmt: skip
    if code in (1, 2) or status >= 500:
        return ConnectorError(f"Meta временно недоступна ({text})", retry_after=30.0,
                              maybe_applied=True, **kw)  # fmt: skip
    if code in (190, 102) or error.get("error_subcode") in (458, 459, 460, 463, 464, 467):
        return ConnectorError("Токен доступа Meta истёк или отозван — переподключите "
                              f"аккаунт ({text})", needs_person=True, **kw)  # fmt: skip
    if code == 9007:  # Instagram: the container is not ready for media_publish yet
        return ConnectorError(f"Instagram ещё обрабатывает медиафайл ({text})",
                              retry_after=60.0, **kw)  # fmt: skip
    if code == 9 and error.get("error_subcode") == 2207042:  # Instagram publishing quota
        return ConnectorError(f"Исчерпан лимит публикаций Instagram ({text})",
                              retry_after=3600.0, **kw)  # fmt: skip
    if code == 368:
        return ConnectorError(f"Meta временно заблокировала действие ({text})",
                              retry_after=3600.0, **kw)  # fmt: skip
    subcode = int(error.get("error_subcode") or 0)
    refusal = MESSAGING_REFUSALS.get(subcode) or MESSAGING_REFUSALS.get(code)
    if refusal:
        return ConnectorError(f"Meta не доставила ответ: {refusal} ({text})", permanent=True, **kw)
    if code == 10 or 200 <= code <= 299:
        return ConnectorError(f"Недостаточно прав в Meta ({text})", permanent=True, **kw)
    return ConnectorError(f"Meta отклонила запрос ({text})", permanent=True, **kw)


def _regain_minutes(usage: str) -> float:
    """Longest ``estimated_time_to_regain_access`` (minutes) in X-Business-Use-Case-Usage."""
    try:
        data = json.loads(usage)
    except ValueError:
        return 0.0
    values = [float(item.get("estimated_time_to_regain_access") or 0)
              for items in data.values() if isinstance(items, list)
              for item in items if isinstance(item, dict)]  # fmt: skip
    return max(values, default=0.0)


def graph_result(network: str, response: httpx.Response) -> Any:
    try:
        body = response.json()
    except ValueError:
        raise ConnectorError("Meta вернула непонятный ответ", network=network, code="bad_json",
                             retry_after=30.0, maybe_applied=True) from None  # fmt: skip
    if response.status_code == 200 and not (isinstance(body, dict) and "error" in body):
        return body
    usage = response.headers.get("X-Business-Use-Case-Usage")
    raise graph_error(network, response.status_code, body, usage)
