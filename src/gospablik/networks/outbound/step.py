"""One claimed operation: attempt it once, then record the outcome exactly once.

The claim committed the attempt number before the network call; every later write is
conditional on the claim token, so a worker that lost its lease overwrites
nothing. The outcome write and the kind's ``on_outcome`` / ``on_retry`` handler share one
transaction. Outcomes: "done", "retry", "failed", "needs_person", "held" (the connection
needs a person: the operation waits, queued), "deferred" (in a request, the rate limiter
had no slot soon enough), "lost" (the lease went to another worker).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from gospablik.networks.base import BaseConnector, ConnectorError
from gospablik.networks.connections import connector_for, note_failure
from gospablik.networks.ratelimit import LimiterBusy, RateLimiter

from .claim import HELD
from .kinds import CHECKERS, EXECUTORS, OUTCOMES, RETRIES
from .models import Operation
from .person import open_operation_duty
from .policy import QueueConfig, backoff

log = logging.getLogger("gospablik.networks.outbound")
S = Operation.State
HOLD_NOTE = "Операции этого аккаунта остановлены, пока подключение не восстановят."


def _mine(op: Operation, token: str) -> Q:
    return Q(pk=op.pk, claim_token=token, state=S.RUNNING)


@dataclass
class Attempt:
    """What one attempt gave: result ids, an error, or the claim to give back unattempted
    (``release``: "held" while the connection needs a person, "deferred" by the limiter)."""

    result: dict[str, Any] | None = None
    error: ConnectorError | None = None
    release: str = ""


def run_claimed(
    op: Operation, token: str, config: QueueConfig, limiter: RateLimiter | None = None
) -> str:
    """Attempt ``op`` (claimed by ``token``, which committed the attempt) once;
    ``limiter``: a request's NoWaitLimiter."""
    return record(op, token, attempt(op, limiter), config)


def attempt(op: Operation, limiter: RateLimiter | None = None) -> Attempt:
    """The network side of a step; writes nothing."""
    if op.connection.status in HELD:
        return Attempt(release="held")
    try:
        return Attempt(result=perform(connector_for(op.connection, limiter), op))
    except LimiterBusy:  # raised before the first network call: nothing was sent
        return Attempt(release="deferred")
    except ConnectorError as error:
        return Attempt(error=error)
    except Exception as exc:  # a bug must not lose the operation: retry later, checking first
        log.exception("operation %s (%s): unexpected error", op.pk, op.kind)
        wrapped = ConnectorError(
            "Внутренняя ошибка при обращении к соцсети, повторим позже",
            maybe_applied=True,
            code=type(exc).__name__,
        )
        return Attempt(error=wrapped)


def record(op: Operation, token: str, attempt: Attempt, config: QueueConfig) -> str:
    """Write what ``attempt`` gave, once (conditional on the claim token)."""
    if attempt.release:
        return release(op, token, attempt.release)
    if attempt.error is not None:
        return on_error(op, token, attempt.error, config)
    return on_done(op, token, attempt.result or {})


def perform(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    """The check-before-retry rule, then the executor: an operation whose earlier attempt
    may have been applied is read back first and not repeated when found."""
    check = CHECKERS.get(op.kind)
    if op.needs_check and check is not None:
        found = check(connector, op)
        if found is not None:
            return {**found, "found_by_check": True}
    return EXECUTORS[op.kind](connector, op)


@transaction.atomic
def release(op: Operation, token: str, outcome: str = "held") -> str:
    """Give the claim back unattempted (due now, for whoever takes it next)."""
    Operation.objects.filter(_mine(op, token)).update(
        state=S.QUEUED,
        claim_token="",
        lease_until=None,
        next_try_at=timezone.now(),
        attempts=F("attempts") - 1,
    )
    op.attempts -= 1
    return outcome


def done_fields(result: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "state": S.DONE,
        "result": result,
        "claim_token": "",
        "lease_until": None,
        "needs_check": False,
        "last_error": "",
        "last_error_code": "",
        "finished_at": now,
    }


@transaction.atomic
def on_done(op: Operation, token: str, result: dict[str, Any]) -> str:
    fields = done_fields(result, timezone.now())
    if not Operation.objects.filter(_mine(op, token)).update(**fields):
        log.warning("operation %s: lease lost after it was done: %s", op.pk, result)
        return "lost"
    mirror(op, fields)
    OUTCOMES.get(op.kind, _ignore)(op)
    return "done"


def on_error(op: Operation, token: str, error: ConnectorError, config: QueueConfig) -> str:
    outcome = _record_error(op, token, error, config)
    if outcome == "held":
        note_failure(op.connection, error)  # opens the "connection_repair" duty
    return outcome


class CannotCheck(ConnectorError):
    """A read-back that cannot tell whether an earlier attempt was applied (a network
    without idempotency keys nor a way to look): repeating might do it twice, so the
    operation ends needing a person, who looks in the network."""

    def __init__(self, message: str, *, network: str = "") -> None:
        super().__init__(message, permanent=True, network=network, code="cannot_check")


def next_state(
    op: Operation, error: ConnectorError, config: QueueConfig
) -> tuple[str, str, datetime | None, str]:
    """(outcome, state, next try, Russian reason) after ``error``."""
    now = timezone.now()
    if isinstance(error, CannotCheck):
        return "needs_person", S.NEEDS_PERSON, None, error.message
    if error.needs_person:
        return "held", S.QUEUED, now, f"{error.message}. {HOLD_NOTE}"
    if error.permanent:
        return "failed", S.FAILED, None, error.message
    if op.attempts >= config.max_attempts:
        reason = f"Не удалось выполнить за {op.attempts} попыток. Последняя ошибка: {error.message}"
        return "needs_person", S.NEEDS_PERSON, None, reason
    wait = backoff(op.attempts, error.retry_after, config)
    return "retry", S.QUEUED, now + timedelta(seconds=wait), error.message


@transaction.atomic
def _record_error(op: Operation, token: str, error: ConnectorError, config: QueueConfig) -> str:
    outcome, state, due, reason = next_state(op, error, config)
    finished = state not in (S.QUEUED, S.RUNNING)
    fields: dict[str, Any] = {
        "state": state,
        "next_try_at": due,
        "claim_token": "",
        "lease_until": None,
        "last_error": reason,
        "last_error_code": str(error.code or "")[:64],
        "needs_check": op.needs_check or error.maybe_applied,
        "finished_at": timezone.now() if finished else None,
    }
    if finished:
        fields["result"] = {"error": error.message, "code": str(error.code or "")}
    if not Operation.objects.filter(_mine(op, token)).update(**fields):
        return "lost"
    mirror(op, fields)
    if state == S.NEEDS_PERSON:
        open_operation_duty(op)
    handlers = OUTCOMES if finished else RETRIES
    handlers.get(op.kind, _ignore)(op)
    return outcome


def mirror(op: Operation, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(op, name, value)


def _ignore(op: Operation) -> None:
    return None
