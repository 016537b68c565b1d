"""Telegram: the Bot API gives a bot only the member count (``getChatMemberCount``);
channel statistics (``stats.getBroadcastStats``) are MTProto, for the owner's user
account only."""

from __future__ import annotations

from datetime import date

from gospablik.networks.base import BaseConnector

from .base import Reading, today

NOT_FOR_BOTS = (
    "Telegram не даёт ботам статистику канала: просмотры, охват и реакции доступны только "
    "владельцу канала (MTProto, stats.getBroadcastStats)"
)
NO_HISTORY = "Telegram отдаёт только текущее число подписчиков, без истории"


def read_telegram(connector: BaseConnector, since: date, until: date) -> Reading:
    reading = Reading(since, until)
    with reading.part(("followers",)):
        count = connector.call("getChatMemberCount", {"chat_id": connector.channel})  # type: ignore[attr-defined]
        reading.put(today(), "followers", int(count))
        reading.gap(("followers",), NO_HISTORY)
    reading.gap_all(NOT_FOR_BOTS)
    return reading
