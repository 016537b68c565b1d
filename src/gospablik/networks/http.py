"""The one HTTP seam of all connectors.

:class:`HttpClient` wraps ``httpx.Client``: timeouts, an SSRF guard, no secrets in logs or
error texts, and a ``transport`` parameter so tests mount an emulator in-process::

    HttpClient(transport=emulator_transport(app))

Transport failures become :class:`~gospablik.networks.base.ConnectorError` (temporary)
with ``maybe_applied`` telling whether the server may have executed the request (a read
timeout or a dropped connection after the request was sent).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

if TYPE_CHECKING:
    from .base import ConnectorError

log = logging.getLogger("gospablik.networks.http")

# The one seam for tests and the demo: network -> httpx transport (an emulator mounted
# in-process with ``emulation.emulator_transport``). Read by ``connections.connector_for``.
TRANSPORT_OVERRIDES: dict[str, httpx.BaseTransport] = {}

SECRET_PARAMS = (
    "access_token",
    "token",
    "sig",
    "secret",
    "secret_key",
    "application_secret_key",
    "session_key",
    "session_secret_key",
    "client_secret",
    "password",
    "key",
    "hash",
    "code",
    "hpassword",
    "auth_response",
)
_PARAM_RE = re.compile(
    r"(?P<k>\b(?:" + "|".join(SECRET_PARAMS) + r"))(?P<sep>=|\"\s*:\s*\"|':\s*')(?P<v>[^&\s\"',]+)",
    re.IGNORECASE,
)
_BEARER_RE = re.compile(r"(Bearer|OAuth)\s+[^\s\"',]+", re.IGNORECASE)
_BOT_PATH_RE = re.compile(r"/bot\d+:[A-Za-z0-9_-]+")
# An XML-RPC struct member: <member><name>password</name><value><string>…</string></value>
_XML_MEMBER_RE = re.compile(
    r"(?P<k><name>\s*(?:" + "|".join(SECRET_PARAMS) + r")\s*</name>\s*<value>\s*"
    r"(?:<(?:string|base64)>)?)(?P<v>[^<]+)",
    re.IGNORECASE,
)
REDACTED = "***"


def redact(text: str) -> str:
    """Hide tokens, signatures and secrets in a URL, header dump or error text.

    >>> redact("https://api.vk.ru/method/wall.get?access_token=abc123&v=5.199")
    'https://api.vk.ru/method/wall.get?access_token=***&v=5.199'
    >>> redact("Authorization: Bearer vk1.a.xyz")
    'Authorization: Bearer ***'
    >>> redact("https://api.telegram.org/bot123:AAH-x_y/sendMessage")
    'https://api.telegram.org/bot***/sendMessage'
    >>> redact('{"sig": "0a1b", "method": "group.getInfo"}')
    '{"sig": "***", "method": "group.getInfo"}'
    >>> redact("<name>auth_response</name><value><string>9f8e</string></value>")
    '<name>auth_response</name><value><string>***</string></value>'
    """
    text = _PARAM_RE.sub(lambda m: m["k"] + m["sep"] + REDACTED, text)
    text = _XML_MEMBER_RE.sub(lambda m: m["k"] + REDACTED, text)
    text = _BEARER_RE.sub(lambda m: m[1] + " " + REDACTED, text)
    return _BOT_PATH_RE.sub("/bot" + REDACTED, text)


def _connector_error(message: str, **kwargs: Any) -> ConnectorError:
    from .base import ConnectorError  # base imports this module; import late

    return ConnectorError(message, **kwargs)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _system_resolver(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []  # an unresolvable host cannot be connected to; httpx will fail on it
    return [str(info[4][0]) for info in infos]


class SsrfGuard:
    """Allow only http(s) URLs whose host resolves to public addresses, or allowed hosts.

    >>> guard = SsrfGuard(allow_hosts=["127.0.0.1"], resolver=lambda host: [])
    >>> guard.check("http://127.0.0.1:8081/method/wall.get")
    >>> guard.check("http://10.0.0.5/")
    Traceback (most recent call last):
    ...
    gospablik.networks.base.ConnectorError: Адрес 10.0.0.5 недоступен: внутренняя сеть запрещена
    """

    def __init__(
        self,
        allow_hosts: Iterable[str] = (),
        resolver: Callable[[str], list[str]] | None = _system_resolver,
    ) -> None:
        self.allow_hosts = {h.lower() for h in allow_hosts}
        self.resolver = resolver

    def check(self, url: str) -> None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            raise _connector_error(f"Недопустимый адрес: {redact(url)}", permanent=True)
        if host in self.allow_hosts:
            return
        for address in self._addresses(host):
            if not _is_public(address):
                raise _connector_error(
                    f"Адрес {host} недоступен: внутренняя сеть запрещена", permanent=True
                )

    def _addresses(self, host: str) -> list[str]:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return self.resolver(host) if self.resolver else []
        return [host]


class HttpClient:
    """The only way connectors talk HTTP.

    ``transport`` replaces the network (tests pass an emulator transport; DNS is then not
    consulted by the SSRF guard, IP literals still are). ``allow_hosts`` lists hosts that
    may be private (the emulators on 127.0.0.1).
    """

    def __init__(
        self,
        *,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
        allow_hosts: Iterable[str] = (),
        user_agent: str = "gospablik/0.1 (+https://github.com/gospablik)",
        network: str = "",
    ) -> None:
        self.network = network
        self.guard = SsrfGuard(allow_hosts, _system_resolver if transport is None else None)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            transport=transport,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
        )

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        """One request. ``content`` is a raw body (XML-RPC); like every other part of the
        request it never appears in logs or error texts (only the redacted URL does)."""
        self.guard.check(url)
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        try:
            response = self._client.request(
                method,
                url,
                params=params,
                data=data,
                files=files,
                json=json,
                content=content,
                headers=headers,
                **extra,
            )
        except httpx.HTTPError as exc:
            raise self._transport_error(method, url, exc) from None
        log.debug("%s %s -> %s", method, redact(str(response.url)), response.status_code)
        return response

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def _transport_error(self, method: str, url: str, exc: httpx.HTTPError) -> ConnectorError:
        applied = _maybe_applied(exc)
        log.warning("%s %s failed: %s", method, redact(url), type(exc).__name__)
        if isinstance(exc, httpx.TimeoutException):
            text = "Соцсеть не ответила вовремя"
        else:
            text = "Не удалось связаться с соцсетью"
        if applied:
            text += "; запрос мог быть выполнен — нужна проверка перед повтором"
        return _connector_error(
            f"{text} ({type(exc).__name__})",
            network=self.network,
            maybe_applied=applied,
            retry_after=5.0,
            code=type(exc).__name__,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _maybe_applied(exc: httpx.HTTPError) -> bool:
    """True when the request may have reached the server (so a write may have happened)."""
    not_sent = (
        httpx.ConnectError,
        httpx.ConnectTimeout,
        httpx.PoolTimeout,
        httpx.UnsupportedProtocol,
    )
    return not isinstance(exc, not_sent)


def check_status(response: httpx.Response, network: str = "") -> None:
    """Turn an HTTP-level failure (not an API error in a 200 body) into a ConnectorError."""
    status = response.status_code
    if status < 400:
        return
    if status == 429 or status >= 500:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        raise _connector_error(
            f"Соцсеть временно недоступна (HTTP {status})",
            network=network,
            code=status,
            retry_after=retry_after if retry_after is not None else 5.0,
            maybe_applied=status >= 500,
        )
    raise _connector_error(
        f"Соцсеть отклонила запрос (HTTP {status})", network=network, code=status, permanent=True
    )


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def parse_json(response: httpx.Response, network: str = "") -> Any:
    """The JSON body, or a temporary ConnectorError when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        raise _connector_error(
            "Соцсеть вернула непонятный ответ",
            network=network,
            code="bad_json",
            maybe_applied=True,
            retry_after=5.0,
        ) from None
