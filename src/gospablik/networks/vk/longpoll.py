"""Bots Long Poll client: the fallback when our Callback endpoint is not reachable by VK."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base import ConnectorError, InboundEvent
from ..http import check_status, parse_json
from .callback import normalize

if TYPE_CHECKING:
    from .connector import VKConnector


class LongPoll:
    """``poll_once(ts)`` -> ``(new_ts, events)``; keep ``new_ts`` for the next call.

    Handles ``failed``: 1 = history lost, continue from the returned ts; 2 = key expired,
    get a new key and keep ts; 3 = information lost, get a new key and ts.
    """

    def __init__(self, connector: VKConnector, wait: int = 25) -> None:
        self.connector = connector
        self.wait = min(wait, 90)
        self.server = ""
        self.key = ""

    def _refresh(self) -> str:
        info = self.connector.long_poll_server()
        self.server, self.key = str(info["server"]), str(info["key"])
        return str(info["ts"])

    def poll_once(self, ts: str | None = None) -> tuple[str, list[InboundEvent]]:
        if not self.server or ts is None:
            fresh_ts = self._refresh()
            ts = ts or fresh_ts
        body = self._check(ts)
        failed = body.get("failed")
        if failed == 1:
            return str(body["ts"]), []
        if failed == 2:
            self._refresh()
            return ts, []
        if failed == 3:
            return self._refresh(), []
        if failed is not None:
            raise ConnectorError(f"Long Poll ВКонтакте: ошибка failed={failed}", network="vk")
        events = [e for e in (normalize(u) for u in body.get("updates") or []) if e is not None]
        return str(body["ts"]), events

    def _check(self, ts: str) -> dict[str, Any]:
        params = {"act": "a_check", "key": self.key, "ts": ts, "wait": str(self.wait)}
        response = self.connector.http.get(self.server, params=params, timeout=self.wait + 10.0)
        check_status(response, "vk")
        body = parse_json(response, "vk")
        if not isinstance(body, dict):
            raise ConnectorError("Long Poll ВКонтакте: непонятный ответ", network="vk")
        return body
