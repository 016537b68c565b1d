"""Which connector serves which network (the emulators: ``gospablik_emulators``).

Entries are lazy ``"module:attribute"`` strings, so a network's module is imported only
when it is used. To add a network, add one line here and one to
``gospablik_emulators.EMULATOR_PATHS`` (see ``docs/connectors.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from .base import NETWORK_LABELS_RU, BaseConnector, ConnectorError
from .http import HttpClient
from .memory import Memory
from .ratelimit import RateLimiter

CONNECTOR_PATHS: dict[str, str] = {
    "vk": "gospablik.networks.vk.connector:VKConnector",
    "ok": "gospablik.networks.ok.connector:OKConnector",
    "telegram": "gospablik.networks.telegram.connector:TelegramConnector",
    "max": "gospablik.networks.max.connector:MaxConnector",
    "facebook": "gospablik.networks.facebook.connector:FacebookConnector",
    "instagram": "gospablik.networks.instagram.connector:InstagramConnector",
    "blog": "gospablik.networks.blog.connector:BlogConnector",
}

__all__ = [
    "CONNECTORS",
    "CONNECTOR_PATHS",
    "NETWORK_LABELS_RU",
    "available_networks",
    "build_connector",
    "get_connector_class",
]


def _load(path: str) -> Any:
    module_name, attr = path.split(":")
    return getattr(importlib.import_module(module_name), attr)


def _lookup(paths: Mapping[str, str], network: str) -> str:
    try:
        return paths[network]
    except KeyError:
        raise ConnectorError(
            f"Неизвестная соцсеть «{network}»", permanent=True, network=network
        ) from None


class _LazyMap(Mapping[str, Any]):
    def __init__(self, paths: Mapping[str, str]) -> None:
        self._paths = paths

    def __getitem__(self, network: str) -> Any:
        return _load(self._paths[network])

    def __iter__(self) -> Any:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


CONNECTORS: Mapping[str, type[BaseConnector]] = _LazyMap(CONNECTOR_PATHS)


def get_connector_class(network: str) -> type[BaseConnector]:
    """The connector class of ``network``.

    >>> get_connector_class("vk").network
    'vk'
    """
    cls: type[BaseConnector] = _load(_lookup(CONNECTOR_PATHS, network))
    return cls


def build_connector(
    network: str,
    config: Mapping[str, Any],
    credentials: Mapping[str, str],
    *,
    http: HttpClient | None = None,
    limiter: RateLimiter | None = None,
    allow_hosts: Iterable[str] = (),
    memory: Memory | None = None,
) -> BaseConnector:
    """Build a ready connector; ``allow_hosts`` lets a real-HTTP client reach emulators;
    ``memory`` is where it keeps what outlives one call (default: this process)."""
    cls = get_connector_class(network)
    client = http or HttpClient(network=network, allow_hosts=allow_hosts)
    return cls(config, credentials, http=client, limiter=limiter, memory=memory)


def available_networks() -> list[str]:
    """Networks whose connector module is present in this installation."""
    found = []
    for network in CONNECTOR_PATHS:
        try:
            get_connector_class(network)
        except (ImportError, AttributeError):
            continue
        found.append(network)
    return found
