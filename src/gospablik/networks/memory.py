"""What a connector must remember between calls, where the network cannot tell it again.

Telegram cannot list a channel: the connector remembers the text each draft had and the
channel posts it published or saw in the update stream. Instagram publishes in two steps:
the connector remembers the container made for each idempotency key. Both go through a
:class:`Memory` — by default :data:`PROCESS_MEMORY` (this process only, bounded); the
Django side may pass a database-backed store as ``Connector(..., memory=store)``. Keys
are strings that start with the network (``"telegram:seen:…"``); values are JSON values.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Protocol


class Memory(Protocol):
    def get(self, key: str) -> Any:
        """The value stored under ``key``; None when there is none (or it was forgotten)."""
        ...

    def set(self, key: str, value: Any) -> None:
        """Store a JSON value under ``key`` (replacing the old one)."""
        ...


class ProcessMemory:
    """An in-process store that forgets its oldest keys beyond ``limit``.

    >>> memory = ProcessMemory(limit=2)
    >>> for key in ("a", "b", "c"):
    ...     memory.set(key, key.upper())
    >>> memory.get("a"), memory.get("c")
    (None, 'C')
    """

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            return self._items.get(key)

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


PROCESS_MEMORY = ProcessMemory()
