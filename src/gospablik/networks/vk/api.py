"""Low-level VK API calls: the right token per method, rate limits, errors.

Token type per method follows ``access_token_type`` in VKCOM/vk-api-schema: most write and
moderation methods accept only an admin's *user* token; a few (covers, long poll, callback
setup, getById) also accept the *community* token, which has the higher rate limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ..base import ConnectorError
from ..http import HttpClient, check_status, parse_json
from ..ratelimit import RateLimiter, token_key
from .errors import to_connector_error

API_VERSION = "5.199"
DEFAULT_API_BASE = "https://api.vk.ru/method/"
USER_RPS = 3.0
COMMUNITY_RPS = 20.0

# Methods that a community token may call; everything else we call needs a user token.
COMMUNITY_OK: frozenset[str] = frozenset(
    {
        "groups.getById",
        "groups.getLongPollServer",
        "groups.getCallbackConfirmationCode",
        "groups.addCallbackServer",
        "groups.setCallbackSettings",
        "groups.setLongPollSettings",
        "groups.getBanned",
        "photos.getOwnerCoverPhotoUploadServer",
        "photos.saveOwnerCoverPhoto",
        "wall.createComment",
        "messages.send",
        "users.get",
    }
)


def encode_params(params: Mapping[str, Any]) -> dict[str, str]:
    """VK form encoding: booleans as 1/0, lists comma-joined, None dropped.

    >>> encode_params({"from_group": True, "attachments": ["photo-1_2", "poll-1_3"], "x": None})
    {'from_group': '1', 'attachments': 'photo-1_2,poll-1_3'}
    """
    out: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "1" if value else "0"
        elif isinstance(value, list | tuple):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


class VKApi:
    def __init__(
        self,
        http: HttpClient,
        limiter: RateLimiter,
        *,
        user_token: str = "",
        community_token: str = "",
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        self.http = http
        self.limiter = limiter
        self.user_token = user_token
        self.community_token = community_token
        self.api_base = api_base if api_base.endswith("/") else api_base + "/"

    def pick_token(self, method: str) -> tuple[str, float]:
        if method in COMMUNITY_OK and self.community_token:
            return self.community_token, COMMUNITY_RPS
        if self.user_token:
            return self.user_token, USER_RPS
        raise ConnectorError(
            f"Для метода {method} нужен ключ администратора сообщества (пользовательский токен)",
            permanent=True,
            needs_person=True,
            network="vk",
            code="no_user_token",
        )

    def call(self, method: str, **params: Any) -> Any:
        token, rate = self.pick_token(method)
        self.limiter.acquire(token_key("vk", token), rate)
        data = encode_params(params) | {"access_token": token, "v": API_VERSION}
        response = self.http.post(self.api_base + method, data=data)
        return self._unwrap(response)

    def _unwrap(self, response: httpx.Response) -> Any:
        check_status(response, "vk")
        body = parse_json(response, "vk")
        if isinstance(body, dict) and "error" in body:
            raise to_connector_error(body["error"])
        if not isinstance(body, dict) or "response" not in body:
            raise ConnectorError(
                "ВКонтакте вернул ответ без поля response", network="vk", retry_after=5.0
            )
        return body["response"]

    def upload(self, url: str, field: str, filename: str, content: bytes, mime: str) -> Any:
        """Multipart upload to an upload server returned by VK; returns its JSON."""
        response = self.http.post(url, files={field: (filename, content, mime)}, timeout=120.0)
        check_status(response, "vk")
        body = parse_json(response, "vk")
        if isinstance(body, dict) and "error" in body:
            raise ConnectorError(
                f"ВКонтакте не принял файл: {body.get('error')}", network="vk", permanent=True
            )
        return body
