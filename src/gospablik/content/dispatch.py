"""Exactly-once publishing: claim due publications, attempt, record the outcome.

State machine of a :class:`Publication`::

    pending --claim--> attempting --(network ok)--> published
       ^                  |  \\--(permanent error)--> failed --retry button--> pending
       |                  |   \\--(needs a person)--> pending, account held (repair duty)
       +--(temporary)-----+    (lease expired: a crashed worker) --> claimable again

* A claim sets a lease (``claimed_until``) and a token; a row whose lease expired is
  claimed again by any worker, flagged ``needs_check``.
* Before the network call the attempt number is committed; every later write is
  conditional on the token, so a worker that lost its lease cannot overwrite anything.
* ``needs_check`` (a lost answer, a timeout, a crash mid-call) makes the next attempt ask
  the network first (``find_published``; VK also dedups by ``guid`` = the idempotency
  key, fixed at creation and reused on every retry).
* Temporary errors reschedule with the network's ``retry_after`` or a backoff; after
  ``max_attempts`` the publication fails visibly with its Russian error and a Retry
  button. Nothing is dropped.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.content.models import Publication
from gospablik.content.publishing import ConnectorCache, attempt
from gospablik.content.status import refresh_post_status
from gospablik.duties.faults import isolated
from gospablik.networks.base import ConnectorError, PublishedPost
from gospablik.networks.connections import note_failure
from gospablik.networks.models import Connection

log = logging.getLogger("gospablik.content.dispatch")
P = Publication.Status
HELD = (Connection.Status.NEEDS_PERSON, Connection.Status.DISABLED)


@dataclass(frozen=True)
class DispatchConfig:
    lease_seconds: float = 300.0  # must exceed one attempt (HTTP timeouts x calls)
    batch: int = 20
    max_attempts: int = 10
    base_delay: float = 30.0  # backoff without retry_after: 30 s, 60 s, 120 s …
    max_delay: float = 3600.0


@dataclass
class DispatchResult:
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def handled(self) -> int:
        return sum(self.outcomes.values())


def claimable(now: datetime) -> Q:
    held = Connection.objects.filter(status__in=HELD).values("account_id")
    due = Q(status=P.PENDING, due_at__lte=now) | Q(status=P.ATTEMPTING, claimed_until__lt=now)
    return due & ~Q(account_id__in=held)


def claim(now: datetime, token: str, config: DispatchConfig) -> int:
    """Take up to ``batch`` due rows for this worker; returns how many."""
    until = now + timedelta(seconds=config.lease_seconds)
    candidates = Publication.objects.filter(claimable(now)).order_by("due_at", "pk")
    changes = {
        "claim_token": token,
        "claimed_until": until,
        "status": P.ATTEMPTING,
        "needs_check": Case(When(status=P.ATTEMPTING, then=Value(True)), default=F("needs_check")),
    }
    if not connection.features.has_select_for_update_skip_locked:  # SQLite: one statement
        ids = candidates.values("pk")[: config.batch]
        return Publication.objects.filter(claimable(now), pk__in=ids).update(**changes)
    with transaction.atomic():
        locked = candidates.select_for_update(skip_locked=True, of=("self",))
        ids_list = list(locked.values_list("pk", flat=True)[: config.batch])
        return Publication.objects.filter(claimable(now), pk__in=ids_list).update(**changes)


def dispatch_once(
    now: datetime | None = None, config: DispatchConfig | None = None
) -> DispatchResult:
    """One step: claim a batch and process it. Tests call this with a frozen clock."""
    config = config or DispatchConfig()
    token = uuid.uuid4().hex
    result = DispatchResult()
    if not claim(now or timezone.now(), token, config):
        return result
    connectors = ConnectorCache()
    mine = (
        Publication.objects.filter(claim_token=token)
        .select_related("post", "account", "account__ministry")
        .prefetch_related("post__media")
    )
    for pub in mine.order_by("due_at", "pk"):
        step = partial(process, pub, token, connectors, config)
        # one account's unexpected error: recorded, its row is re-claimed when the lease ends
        outcome = isolated("content.dispatch", pub, pub.account.ministry_id, step, savepoint=False)
        result.add(outcome or "fault")
    return result


def dispatch_due(config: DispatchConfig | None = None, budget_seconds: float = 8.0) -> int:
    """Dispatch until nothing is due or the time budget is spent (a beat tick)."""
    config = config or DispatchConfig()
    deadline, handled = timezone.now() + timedelta(seconds=budget_seconds), 0
    while timezone.now() < deadline:
        step = dispatch_once(config=config).handled
        handled += step
        if step == 0:
            break
    return handled


def _mine(pub: Publication, token: str) -> Q:
    return Q(pk=pub.pk, claim_token=token, status=P.ATTEMPTING)


def start(pub: Publication, token: str, config: DispatchConfig) -> bool:
    """Commit "attempting, attempt n" (and a fresh lease) before calling the network."""
    now = timezone.now()
    changed = Publication.objects.filter(_mine(pub, token)).update(
        attempts=F("attempts") + 1,
        claimed_until=now + timedelta(seconds=config.lease_seconds),
        first_attempt_at=Coalesce("first_attempt_at", Value(now)),
    )
    # The row was read after our claim and only we write it: mirror the update.
    pub.attempts, pub.first_attempt_at = pub.attempts + 1, pub.first_attempt_at or now
    return bool(changed)


def process(
    pub: Publication, token: str, connectors: ConnectorCache, config: DispatchConfig
) -> str:
    if not start(pub, token, config):
        return "lost"
    try:
        conn, connector = connectors.get(pub.account)
        if conn.status in HELD:
            return release(pub, token)
        published, checked = attempt(connector, pub)
    except ConnectorError as error:
        return on_error(pub, token, error, config, connectors)
    except Exception as exc:  # a bug must not lose the post: retry later, checking first
        log.exception("publication %s: unexpected error", pub.pk)
        wrapped = ConnectorError(
            "Внутренняя ошибка при публикации, повторим позже",
            maybe_applied=True,
            code=type(exc).__name__,
        )
        return on_error(pub, token, wrapped, config, connectors)
    return on_published(pub, token, published, checked)


@transaction.atomic
def release(pub: Publication, token: str) -> str:
    Publication.objects.filter(_mine(pub, token)).update(
        status=P.PENDING, claim_token="", claimed_until=None, attempts=F("attempts") - 1
    )
    return "held"


@transaction.atomic
def on_published(pub: Publication, token: str, published: PublishedPost, checked: bool) -> str:
    when = published.published_at or timezone.now()
    changed = Publication.objects.filter(_mine(pub, token)).update(
        status=P.PUBLISHED,
        network_post_id=published.post_id,
        network_url=published.url,
        published_at=when,
        claim_token="",
        claimed_until=None,
        needs_check=False,
        last_error="",
        last_error_code="",
    )
    if not changed:  # our lease expired meanwhile: the next claim checks and finds the post
        log.warning("publication %s: lease lost after publishing %s", pub.pk, published.post_id)
        return "lost"
    post_status = refresh_post_status(pub.post_id)
    record(
        "content.publication.published",
        obj=pub,
        ministry=pub.account.ministry,
        after={
            "status": P.PUBLISHED,
            "network_post_id": published.post_id,
            "url": published.url,
            "attempt": pub.attempts,
            "found_by_check": checked,
            "post_status": post_status,
        },
    )
    return "published"


def on_error(
    pub: Publication,
    token: str,
    error: ConnectorError,
    config: DispatchConfig,
    connectors: ConnectorCache,
) -> str:
    outcome = _record_error(pub, token, error, config)
    conn = connectors.connection(pub.account_id)
    if outcome == "held" and conn is not None:
        note_failure(conn, error)  # opens the "connection_repair" duty; conn.status is updated
    return outcome


def _next_state(
    pub: Publication, error: ConnectorError, config: DispatchConfig
) -> tuple[str, str, datetime | None, str]:
    now = timezone.now()
    if error.needs_person:
        return (
            "held",
            P.PENDING,
            now,
            f"{error.message}. Публикации этого аккаунта "
            "остановлены, пока подключение не восстановят.",
        )
    if error.permanent:
        return "failed", P.FAILED, None, error.message
    if pub.attempts >= config.max_attempts:
        return (
            "failed",
            P.FAILED,
            None,
            f"Не удалось опубликовать за {pub.attempts} попыток. Последняя ошибка: {error.message}",
        )
    return "retry", P.PENDING, now + timedelta(seconds=backoff(pub, error, config)), error.message


def backoff(pub: Publication, error: ConnectorError, config: DispatchConfig) -> float:
    base = error.retry_after
    if base is None:
        base = config.base_delay * 2 ** max(0, pub.attempts - 1)
    return max(0.0, min(config.max_delay, base))


@transaction.atomic
def _record_error(
    pub: Publication, token: str, error: ConnectorError, config: DispatchConfig
) -> str:
    outcome, status, due, message = _next_state(pub, error, config)
    changed = Publication.objects.filter(_mine(pub, token)).update(
        status=status,
        due_at=due,
        claim_token="",
        claimed_until=None,
        last_error=message,
        last_error_code=str(error.code or "")[:64],
        needs_check=pub.needs_check or error.maybe_applied,
    )
    if not changed:
        return "lost"
    post_status = refresh_post_status(pub.post_id)
    record(
        f"content.publication.{outcome}",
        obj=pub,
        ministry=pub.account.ministry,
        after={
            "status": status,
            "attempt": pub.attempts,
            "error": message,
            "code": str(error.code or ""),
            "maybe_applied": error.maybe_applied,
            "next_attempt": due.isoformat() if due and status == P.PENDING else None,
            "post_status": post_status,
        },
    )
    return outcome
