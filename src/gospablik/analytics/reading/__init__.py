"""Reading statistics from a network: one small reader per network behind ``read_stats``.

A reader asks its network for the community's daily figures and the counters of the
posts published in the window, through the connector's own API client (its rate limiter
and error table). What the network does not give, or refuses, becomes a gap with a
Russian reason — never a zero.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from gospablik.networks.base import NETWORK_LABELS_RU, BaseConnector

from .base import PostCounters, Reading
from .facebook import read_facebook
from .instagram import read_instagram
from .max import read_max
from .ok import read_ok
from .telegram import read_telegram
from .vk import read_vk

__all__ = ["READERS", "PostCounters", "Reading", "read_stats"]

READERS: dict[str, Callable[[BaseConnector, date, date], Reading]] = {
    "vk": read_vk,
    "ok": read_ok,
    "telegram": read_telegram,
    "max": read_max,
    "facebook": read_facebook,
    "instagram": read_instagram,
}


def read_stats(connector: BaseConnector, since: date, until: date) -> Reading:
    """Daily figures for ``since``..``until`` (UTC days) and the posts published then."""
    reader = READERS.get(connector.network)
    if reader is None:
        where = NETWORK_LABELS_RU.get(connector.network, connector.network)
        reading = Reading(since, until)
        reading.gap_all(f"Сбор статистики из соцсети «{where}» пока не поддерживается")
        return reading
    return reader(connector, since, until)
