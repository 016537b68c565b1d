"""Finishing what did not finish: network steps after a crash between the archive and
the deletion, a timeout, a rate limit or a repaired connection; and pushed events whose
moderation failed before anything was stored (they are processed again).

Safe to run any time on any number of workers: the network steps are operations of the
outbound queue (claimed before they run; its ``run_due`` beat runs them too), and intake
is idempotent (one comment per network comment id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from gospablik.moderation.bans import BAN
from gospablik.moderation.intake import KINDS
from gospablik.moderation.network import DELETE
from gospablik.networks import inbound
from gospablik.networks.models import InboundEvent
from gospablik.networks.outbound import run_once
from gospablik.networks.vk.callback import normalize

BATCH = 200
SETTLE = timedelta(minutes=1)  # leave events still being processed alone
GIVE_UP = timedelta(days=1)  # a poison event is retried for a day, then left to a person


@dataclass
class Recovered:
    deletions: dict[str, int] = field(default_factory=dict)
    sanctions: dict[str, int] = field(default_factory=dict)
    events: int = 0


def recover(now: datetime | None = None) -> Recovered:
    """Complete every due, unfinished deletion first, then every due sanction."""
    moment = now or timezone.now()
    result = Recovered(events=resume_events(moment))
    _drain(result.deletions, moment, DELETE)
    _drain(result.sanctions, moment, BAN)
    return result


def _drain(tally: dict[str, int], now: datetime, kind: str) -> None:
    for _ in range(BATCH // 20):
        outcomes = run_once(now, kinds=[kind]).outcomes
        if not outcomes:
            return
        for outcome, count in outcomes.items():
            tally[outcome] = tally.get(outcome, 0) + count


def resume_events(now: datetime) -> int:
    """Process again the VK events whose moderation failed (the payload has the text)."""
    failed = InboundEvent.objects.filter(
        kind__in=KINDS,
        processed_at=None,
        connection__account__network="vk",
        received_at__lte=now - SETTLE,
        received_at__gte=now - GIVE_UP,
    ).exclude(error="")
    resumed = 0
    for stored in failed.select_related("connection__account").order_by("pk")[:BATCH]:
        event = normalize(stored.payload)
        if event is not None:
            inbound.process(stored, event)
            resumed += 1
    return resumed
