"""The one claim step: take due operations under a lease, for one worker token.

PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED`` then one UPDATE; SQLite (one writer):
a single ``UPDATE … WHERE pk IN (SELECT … LIMIT n)``. A row whose lease expired (its
worker died) is claimed again and flagged ``needs_check``: the next attempt reads the
network back before repeating.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce

from gospablik.networks.models import Connection

from .models import Operation
from .policy import QueueConfig

S = Operation.State
HELD = (Connection.Status.NEEDS_PERSON, Connection.Status.DISABLED)


def claimable(now: datetime, kinds: Iterable[str] | None = None) -> Q:
    held = Connection.objects.filter(status__in=HELD).values("pk")
    due = Q(state=S.QUEUED, next_try_at__lte=now) | Q(state=S.RUNNING, lease_until__lt=now)
    condition = due & ~Q(connection_id__in=held)
    if kinds is not None:
        condition &= Q(kind__in=list(kinds))
    return condition


def claim(
    now: datetime,
    token: str,
    config: QueueConfig,
    *,
    kinds: Iterable[str] | None = None,
    pk: int | None = None,
) -> int:
    """Take up to ``config.batch`` due operations (or just ``pk``); returns how many.
    The claim also commits the attempt (its number, its first moment) before any network
    call."""
    condition = claimable(now, kinds)
    if pk is not None:
        condition &= Q(pk=pk)
    candidates = Operation.objects.filter(condition).order_by("next_try_at", "pk")
    changes = {
        "claim_token": token,
        "lease_until": now + timedelta(seconds=config.lease_seconds),
        "state": S.RUNNING,
        "needs_check": Case(When(state=S.RUNNING, then=Value(True)), default=F("needs_check")),
        "attempts": F("attempts") + 1,
        "first_attempt_at": Coalesce("first_attempt_at", Value(now)),
    }
    if not connection.features.has_select_for_update_skip_locked:  # SQLite: one statement
        ids = candidates.values("pk")[: config.batch]
        return Operation.objects.filter(condition, pk__in=ids).update(**changes)
    with transaction.atomic():
        locked = candidates.select_for_update(skip_locked=True, of=("self",))
        taken = list(locked.values_list("pk", flat=True)[: config.batch])
        return Operation.objects.filter(pk__in=taken).update(**changes) if taken else 0
