"""Error tables: how a network's error code is treated (the words, retry or not, a person).

>>> Rule("Слишком много запросов", False, 1.0).error("vk", 6).retry_after
1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .base import ConnectorError


@dataclass(frozen=True)
class Rule:
    message: str
    permanent: bool = True
    retry_after: float | None = None
    needs_person: bool = False

    def error(
        self, network: str, code: int, details: Mapping[str, Any] | None = None
    ) -> ConnectorError:
        return ConnectorError(
            self.message,
            permanent=self.permanent,
            retry_after=self.retry_after,
            code=code,
            needs_person=self.needs_person,
            network=network,
            details=details,
        )
