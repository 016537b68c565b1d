"""The network step of a deletion, after its archive copy has committed.

A step is claimed by an UPDATE that must touch exactly one row (a lease on
``network_next_try_at``), so the Callback request and the recovery task never call the
network twice at once. Transient errors are retried with backoff; a token or captcha
problem marks the connection for a person; a permanent error is checked against the
network (the comment may already be gone) before it is reported.

Inside a request (``in_request=True``: a VK Callback, a moderator's click) the step runs
only if the network's rate limiter has a slot within :data:`INLINE_WAIT`; otherwise the
claim is given back and the step is "deferred" — the caller hands it to the Celery task
``moderation.tasks.network_step`` (and, should that never run, ``recover`` finds it
due). The archive row has committed before either path starts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation.models import ArchivedItem, Comment
from gospablik.moderation.sla import REVIEW_FIELDS, enter_review
from gospablik.networks.base import Capability, ConnectorError, RemoteComment
from gospablik.networks.connections import (
    capabilities_of,
    connector_for,
    note_failure,
    shared_limiter,
)
from gospablik.networks.models import Connection
from gospablik.networks.ratelimit import LimiterBusy, NoWaitLimiter, RateLimiter
from gospablik.registry.models import Account

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=60)
PERSON_WAIT = timedelta(minutes=10)
BACKOFF = (30, 120, 600, 3600)
# Longer than one slot of VK's 3 requests/s: a request waits at most this long for the
# limiter, so only a saturated limiter (a queue of reservations) defers the step.
INLINE_WAIT = 0.5


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """
    >>> [backoff(n).total_seconds() for n in (0, 1, 2, 9)], backoff(1, 2.5).total_seconds()
    ([30.0, 30.0, 120.0, 3600.0], 2.5)
    """
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    return timedelta(seconds=BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1])


def claim(model: type[models.Model], pk: int, now: datetime, **pending: Any) -> bool:
    """Take the network step of one row for ``LEASE``; False if someone else holds it."""
    rows = model._default_manager.filter(
        pk=pk, network_done_at=None, network_next_try_at__lte=now, **pending
    ).update(network_next_try_at=now + LEASE, network_attempts=F("network_attempts") + 1)
    return rows == 1


def release(model: type[models.Model], pk: int, now: datetime) -> None:
    """Give a claimed step back unattempted (due now, for the task that takes it over)."""
    model._default_manager.filter(pk=pk, network_done_at=None).update(
        network_next_try_at=now, network_attempts=F("network_attempts") - 1
    )


def limiter_for(in_request: bool) -> RateLimiter | None:
    """A request's limiter, which refuses to wait; None: the shared one, which waits."""
    return NoWaitLimiter(shared_limiter(), INLINE_WAIT) if in_request else None


def usable_connection(account: Account) -> Connection | None:
    connection = Connection.objects.filter(account=account).first()
    return connection if connection is not None and connection.is_usable else None


def remote_of(item: ArchivedItem | Comment) -> RemoteComment:
    comment_id = item.network_comment_id
    return RemoteComment(
        comment_id=comment_id,
        post_id=item.post_id,
        author_id=item.author_id,
        author_name=item.author_name,
        text=item.text,
        date=item.posted_at or timezone.now(),
        attachments=list(item.attachments or []),
    )


def complete_deletion(
    archive_pk: int, now: datetime | None = None, *, in_request: bool = False
) -> str:
    """Delete an archived comment on its network: "done", "retry", "failed", "skipped"
    or (``in_request`` and the rate limiter saturated) "deferred"."""
    moment = now or timezone.now()
    if not claim(ArchivedItem, archive_pk, moment, network_failed_at=None):
        return "skipped"
    archive = ArchivedItem.objects.select_related("account", "comment").get(pk=archive_pk)
    connection = usable_connection(archive.account)
    if connection is None:
        return _postpone(archive, moment, PERSON_WAIT, "Подключение к соцсети не работает")
    try:
        connector_for(connection, limiter_for(in_request)).delete_comment(
            remote_of(archive), block_author=archive.block_author
        )
    except LimiterBusy:
        release(ArchivedItem, archive_pk, moment)
        return "deferred"
    except ConnectorError as error:
        return _failed(archive, connection, error, moment)
    mark_deleted(archive, moment)
    return "done"


def _postpone(archive: ArchivedItem, now: datetime, wait: timedelta, error: str) -> str:
    archive.network_next_try_at, archive.network_error = now + wait, error
    archive.save(update_fields=["network_next_try_at", "network_error"])
    return "retry"


def _failed(
    archive: ArchivedItem, connection: Connection, error: ConnectorError, now: datetime
) -> str:
    log.info("network delete of archive %s failed: %r", archive.pk, error)
    if error.needs_person:
        note_failure(connection, error)
        return _postpone(archive, now, PERSON_WAIT, error.message)
    if not error.permanent:
        return _postpone(
            archive, now, backoff(archive.network_attempts, error.retry_after), error.message
        )
    gone = already_gone(connection, archive)
    if gone is None:
        return _postpone(archive, now, backoff(archive.network_attempts), error.message)
    if gone:
        mark_deleted(archive, now, note="комментария уже нет в соцсети")
        return "done"
    give_up(archive, now, error.message)
    return "failed"


def already_gone(connection: Connection, archive: ArchivedItem) -> bool | None:
    """Whether the comment is no longer live on the network (None: cannot tell now)."""
    if Capability.READ_COMMENTS not in capabilities_of(archive.account.network):
        return False
    try:
        live = connector_for(connection).read_comments(archive.post_id)
    except ConnectorError:
        return None
    return all(c.comment_id != archive.network_comment_id for c in live)


@transaction.atomic
def mark_deleted(archive: ArchivedItem, now: datetime, note: str = "") -> None:
    archive.network_done_at, archive.network_next_try_at = now, None
    archive.network_error = note
    archive.save(update_fields=["network_done_at", "network_next_try_at", "network_error"])
    record(
        "moderation.network_delete",
        obj=archive.comment,
        ministry=archive.ministry_id,
        after={"archive": archive.pk, "block_author": archive.block_author, "note": note},
    )


@transaction.atomic
def give_up(archive: ArchivedItem, now: datetime, message: str) -> None:
    """The network refused for good: the comment is still there, a person must look."""
    archive.network_failed_at, archive.network_next_try_at = now, None
    archive.network_error = message
    archive.save(update_fields=["network_failed_at", "network_next_try_at", "network_error"])
    comment = Comment.objects.select_for_update().get(pk=archive.comment_id)
    before = {"status": comment.status}
    enter_review(comment)
    comment.network_note = f"Не удалось удалить в соцсети: {message}"
    comment.save(update_fields=[*REVIEW_FIELDS, "network_note"])
    record(
        "moderation.network_delete_failed",
        obj=comment,
        ministry=archive.ministry,
        before=before,
        after={"status": comment.status, "error": message},
    )


def hide_on_network(comment: Comment) -> None:
    """Hide a comment where the network can; on failure it goes to the review queue."""
    connection = usable_connection(comment.account)
    try:
        if connection is None:
            raise ConnectorError("Подключение к соцсети не работает", network=comment.network)
        connector_for(connection).hide_comment(remote_of(comment))
    except ConnectorError as error:
        if connection is not None and error.needs_person:
            note_failure(connection, error)
        _hide_failed(comment, error.message)


@transaction.atomic
def _hide_failed(comment: Comment, message: str) -> None:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != Comment.Status.HIDDEN:
        return
    enter_review(comment)
    comment.network_note = f"Не удалось скрыть в соцсети: {message}"
    comment.save(update_fields=[*REVIEW_FIELDS, "network_note"])
    record(
        "moderation.network_hide_failed",
        obj=comment,
        ministry=comment.ministry,
        after={"status": "review", "error": message},
    )
