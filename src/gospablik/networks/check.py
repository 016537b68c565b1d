"""``gospablik networks check ACCOUNT``: the plain part — run read-only probes against a
connector and report what works, in Russian, for the lead's management command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .base import CAPABILITY_LABELS_RU, BaseConnector, Capability, ConnectorError


@dataclass(frozen=True)
class CheckResult:
    name: str  # Russian, for people
    ok: bool
    detail: str
    needs_person: bool = False


PROBES: list[tuple[Capability, str, Callable[[BaseConnector], Any]]] = [
    (Capability.READ_PROFILE, "Профиль сообщества", lambda c: c.read_profile().title),
    (Capability.READ_ADMINS, "Администраторы", lambda c: f"{len(c.read_admins())} чел."),
    (Capability.READ_WALL, "Лента", lambda c: f"{len(c.read_wall(limit=5))} последних записей"),
]


def run_checks(connector: BaseConnector) -> list[CheckResult]:
    """Read-only probes (profile, admins, wall) plus the capability table; never writes."""
    results = [
        _probe(connector, cap, name, fn)
        for cap, name, fn in PROBES
        if cap in connector.capabilities
    ]
    missing = [CAPABILITY_LABELS_RU[c] for c in Capability if c not in connector.capabilities]
    if missing:
        results.append(CheckResult("Недоступно в этой соцсети", True, "; ".join(missing)))
    return results


def _probe(
    connector: BaseConnector, cap: Capability, name: str, fn: Callable[[BaseConnector], Any]
) -> CheckResult:
    try:
        return CheckResult(name, True, str(fn(connector)))
    except ConnectorError as error:
        return CheckResult(name, False, error.message, error.needs_person)
