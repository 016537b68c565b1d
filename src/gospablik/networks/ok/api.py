"""Low-level Odnoklassniki REST calls: signing, rate limit, errors."""

from __future__ import annotations

import json
from typing import Any

from ..base import ConnectorError
from ..http import HttpClient, check_status, parse_json
from ..ratelimit import RateLimiter, token_key
from .errors import to_connector_error
from .signing import sign

DEFAULT_API_URL = "https://api.ok.ru/fb.do"
RPS = 3.0  # OK documents no per-token figure; stay as conservative as VK's user limit


def encode(value: Any) -> str:
    """OK parameter encoding.

    >>> encode(True), encode(["a", "b"]), encode({"media": []})
    ('true', 'a,b', '{"media": []}')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class OKApi:
    def __init__(
        self,
        http: HttpClient,
        limiter: RateLimiter,
        *,
        application_key: str,
        application_secret_key: str,
        access_token: str,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        self.http = http
        self.limiter = limiter
        self.application_key = application_key
        self.secret = application_secret_key
        self.access_token = access_token
        self.api_url = api_url

    def call(self, method: str, **params: Any) -> Any:
        self.limiter.acquire(token_key("ok", self.access_token), RPS)
        plain = {k: encode(v) for k, v in params.items() if v is not None}
        base = plain | {"application_key": self.application_key, "method": method, "format": "json"}
        response = self.http.post(self.api_url, data=sign(base, self.access_token, self.secret))
        check_status(response, "ok")
        body = parse_json(response, "ok")
        if isinstance(body, dict) and "error_code" in body:
            raise to_connector_error(body)
        return body

    def upload(self, url: str, files: dict[str, tuple[str, bytes, str]]) -> Any:
        response = self.http.post(url, files=files, timeout=120.0)
        check_status(response, "ok")
        body = parse_json(response, "ok")
        if isinstance(body, dict) and "error_code" in body:
            raise to_connector_error(body)
        if not isinstance(body, dict):
            raise ConnectorError("Одноклассники не приняли файл", network="ok", permanent=True)
        return body
