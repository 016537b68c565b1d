"""Publishing on the outbound queue: what a publication's operations do and cause.

``content.publish``: one per publication (key: its idempotency key, fixed at creation
and reused on every retry; VK also dedups by ``guid`` = that key). Queued when the post
is scheduled, due at the publication's time; the queue claims, retries, reads back
(``find_existing``) after an attempt that may have been applied, and records the
outcome; :func:`published` / :func:`not_published` / :func:`will_retry` mirror it onto the
publication in the same transaction. ``content.remove``: delete a published post.

State of a :class:`Publication` (while a worker runs its operation it is still
``pending``; withdrawing it then is refused)::

    pending --done--> published
       |  \\--failed / needs a person--> failed --retry--> pending
       +--(temporary, or the account needs a person: pending, due later)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from gospablik.audit.log import EntryFields, record, record_many
from gospablik.content import compliance_days
from gospablik.content.models import Publication
from gospablik.content.publishing import build_draft, find_existing
from gospablik.content.status import refresh_post_status, refresh_posts_status
from gospablik.networks.base import BaseConnector, PublishedPost
from gospablik.networks.models import Connection
from gospablik.networks.outbound import (
    Operation,
    cancel,
    enqueue,
    executor,
    on_done_batch,
    on_outcome,
    on_retry,
    prepare,
    read_back,
    requeue,
    reschedule,
)

PUBLISH = "content.publish"
REMOVE = "content.remove"
P = Publication.Status
S = Operation.State
NOT_CONNECTED = "Аккаунт не подключён к соцсети: подключите его на странице аккаунта"
BUSY = "Публикация выходит прямо сейчас — дождитесь результата"


# --- what the actions call --------------------------------------------------------------


def queue_publication(pub: Publication, at: datetime) -> None:
    """Put ``pub`` on the queue, due ``at`` (again, if it was queued or failed before)."""
    connection = Connection.objects.filter(account_id=pub.account_id).first()
    if connection is None:
        _not_connected(pub)
        return
    op = enqueue(
        PUBLISH,
        connection,
        {"publication": pub.pk},
        key=str(pub.idempotency_key),
        subject=pub,
        run_now=False,
        not_before=at,
    )
    if op.state == S.RUNNING:
        raise ValidationError(BUSY)
    if op.state != S.QUEUED or op.next_try_at != at:
        requeue(op, not_before=at)


def _not_connected(pub: Publication) -> None:
    Publication.objects.filter(pk=pub.pk).update(
        status=P.FAILED, last_error=NOT_CONNECTED, last_error_code="not_connected"
    )


def publish_operation(pub: Publication) -> Operation | None:
    return Operation.objects.filter(kind=PUBLISH, key=str(pub.idempotency_key)).first()


def reschedule_publication(pub: Publication, at: datetime) -> None:
    op = publish_operation(pub)
    if op is not None and not reschedule(op, at):
        raise ValidationError(BUSY)


def withdraw_publication(pub: Publication, reason: str) -> None:
    """Take a waiting publication off the queue (cancelled, deleted)."""
    op = publish_operation(pub)
    if op is not None and not cancel(op, reason):
        op.refresh_from_db()
        if not op.is_finished:  # a worker has it now
            raise ValidationError(BUSY)


def remove_published(pub: Publication, connection: Connection, reason: str) -> Operation:
    """Queue the deletion of a published post; it is attempted at once when the rate
    limiter has room (the outcome marks the publication deleted, or keeps the error)."""
    return enqueue(
        REMOVE,
        connection,
        {"publication": pub.pk, "post_id": pub.network_post_id, "reason": reason},
        key=f"{pub.idempotency_key}:{pub.network_post_id}",
        subject=pub,
    )


# --- the queue's side: execute, read back, react --------------------------------------


def _publications() -> QuerySet[Publication]:
    return Publication.objects.select_related("post", "account", "account__ministry")


def _publication(op: Operation) -> Publication:
    """The operation's publication: loaded by :func:`load_batch`, else now (fresh on the
    first attempt; the outcome's audit entry reuses it)."""
    pub: Publication | None = getattr(op, "_publication", None)
    if pub is None:
        pub = _publications().prefetch_related("post__media").get(pk=op.payload["publication"])
        setattr(op, "_publication", pub)  # noqa: B010
    return pub


@prepare(PUBLISH)
def load_batch(ops: list[Operation]) -> None:
    """A worker's batch of publications in two queries (rows, then their media)."""
    pubs = _publications().prefetch_related("post__media")
    found = pubs.in_bulk([op.payload["publication"] for op in ops])
    for op in ops:
        pub = found.get(op.payload["publication"])
        if pub is not None:
            setattr(op, "_publication", pub)  # noqa: B010


def _ids(post: PublishedPost) -> dict[str, Any]:
    when = post.published_at.isoformat() if post.published_at else None
    return {"post_id": post.post_id, "url": post.url, "published_at": when}


@executor(PUBLISH, job="content.dispatch")
def publish(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    """Publish (or repost) once; a publication withdrawn meanwhile is left alone (a
    waiting operation is withdrawn with it, a running one refuses the withdrawal)."""
    pub = _publication(op)
    if pub.status not in (P.PENDING, P.ATTEMPTING):
        return {"skipped": pub.status}
    if pub.kind == Publication.Kind.REPOST:
        key = str(pub.idempotency_key)
        return _ids(connector.repost(pub.post.repost_source, pub.text, key))
    return _ids(connector.publish(build_draft(pub, type(connector).capabilities)))


@read_back(PUBLISH)
def published_already(connector: BaseConnector, op: Operation) -> dict[str, Any] | None:
    pub = _publication(op)
    if pub.status not in (P.PENDING, P.ATTEMPTING):
        return None
    since = op.first_attempt_at or timezone.now()
    found = find_existing(connector, pub, since)
    return None if found is None else _ids(found)


@on_outcome(PUBLISH)
def published(op: Operation) -> None:
    if op.state == S.DONE and "skipped" not in op.result:
        _published(op)
    elif op.state != S.DONE:
        _not_published(op)


def _published(op: Operation) -> None:
    pub_id, result = op.payload["publication"], op.result
    when = datetime.fromisoformat(result["published_at"]) if result["published_at"] else None
    changed = Publication.objects.filter(pk=pub_id, status__in=(P.PENDING, P.ATTEMPTING)).update(
        status=P.PUBLISHED,
        network_post_id=result["post_id"],
        network_url=result["url"],
        published_at=when or op.finished_at or timezone.now(),
        attempts=op.attempts,
        first_attempt_at=op.first_attempt_at,
        needs_check=False,
        last_error="",
        last_error_code="",
    )
    compliance_days.publication_changed(pub_id)  # issue 18: the report's day
    if changed:
        _record(op, "published", {
            "status": P.PUBLISHED, "network_post_id": result["post_id"], "url": result["url"],
            "attempt": op.attempts, "found_by_check": bool(result.get("found_by_check")),
        })  # fmt: skip


@on_done_batch(PUBLISH)
def published_batch(ops: list[Operation]) -> None:
    """:func:`published` for a worker's batch: the publications locked and written in
    two statements, their posts' statuses in a few, the audit entries in three."""
    ops = [op for op in ops if "skipped" not in op.result]
    ids = [op.payload["publication"] for op in ops]
    waiting = set(
        Publication.objects.select_for_update()
        .filter(pk__in=ids, status__in=(P.PENDING, P.ATTEMPTING))
        .values_list("pk", flat=True)
    )
    ops = [op for op in ops if op.payload["publication"] in waiting]
    if not ops:
        return
    pubs = [_published_row(op) for op in ops]
    Publication.objects.bulk_update(pubs, PUBLISHED_COLUMNS)
    statuses = refresh_posts_status({pub.post_id for pub in pubs})
    compliance_days.publications_changed(pubs)
    pairs = zip(ops, pubs, strict=True)
    record_many([_published_entry(op, pub, statuses[pub.post_id]) for op, pub in pairs])


PUBLISHED_COLUMNS = [
    "status", "network_post_id", "network_url", "published_at", "attempts",
    "first_attempt_at", "needs_check", "last_error", "last_error_code",
]  # fmt: skip


def _published_row(op: Operation) -> Publication:
    pub = getattr(op, "_publication", None) or _publications().get(pk=op.payload["publication"])
    result = op.result
    when = datetime.fromisoformat(result["published_at"]) if result["published_at"] else None
    pub.status = P.PUBLISHED
    pub.network_post_id, pub.network_url = result["post_id"], result["url"]
    pub.published_at = when or op.finished_at or timezone.now()
    pub.attempts, pub.first_attempt_at = op.attempts, op.first_attempt_at
    pub.needs_check, pub.last_error, pub.last_error_code = False, "", ""
    return pub


def _published_entry(op: Operation, pub: Publication, post_status: str) -> tuple[str, EntryFields]:
    after = {
        "status": P.PUBLISHED, "network_post_id": op.result["post_id"], "url": op.result["url"],
        "attempt": op.attempts, "found_by_check": bool(op.result.get("found_by_check")),
        "post_status": post_status,
    }  # fmt: skip
    return "content.publication.published", {"obj": pub, "ministry": pub.account.ministry_id,
                                              "after": after}  # fmt: skip


def _not_published(op: Operation) -> None:
    reason = op.last_error
    if op.state == S.NEEDS_PERSON:
        error = op.result.get("error", "")
        reason = f"Не удалось опубликовать за {op.attempts} попыток. Последняя ошибка: {error}"
    changed = Publication.objects.filter(
        pk=op.payload["publication"], status__in=(P.PENDING, P.ATTEMPTING)
    ).update(
        status=P.FAILED,
        due_at=None,
        attempts=op.attempts,
        first_attempt_at=op.first_attempt_at,
        last_error=reason,
        last_error_code=op.last_error_code,
        needs_check=op.needs_check,
    )
    if changed:
        _record(op, "failed", {"status": P.FAILED, "attempt": op.attempts, "error": reason,
                               "code": op.last_error_code})  # fmt: skip


@on_retry(PUBLISH)
def will_retry(op: Operation) -> None:
    """A temporary failure, or the account needs a person: pending again, due then."""
    changed = Publication.objects.filter(
        pk=op.payload["publication"], status__in=(P.PENDING, P.ATTEMPTING)
    ).update(
        status=P.PENDING,
        due_at=op.next_try_at,
        attempts=op.attempts,
        first_attempt_at=op.first_attempt_at,
        last_error=op.last_error,
        last_error_code=op.last_error_code,
        needs_check=op.needs_check,
    )
    if changed:
        outcome = "held" if op.connection.status == Connection.Status.NEEDS_PERSON else "retry"
        when = op.next_try_at.isoformat() if op.next_try_at else None
        _record(op, outcome, {"status": P.PENDING, "attempt": op.attempts, "next_attempt": when,
                              "error": op.last_error, "code": op.last_error_code})  # fmt: skip


def _record(op: Operation, outcome: str, after: dict[str, Any]) -> None:
    """The audit entry of an outcome (the publication as the attempt read it, if it did)."""
    pub = getattr(op, "_publication", None) or Publication.objects.select_related(
        "post", "account"
    ).get(pk=op.payload["publication"])
    after["post_status"] = refresh_post_status(pub.post_id)
    record(f"content.publication.{outcome}", obj=pub, ministry=pub.account.ministry_id,
           after=after)  # fmt: skip


@executor(REMOVE)
def remove(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    connector.delete_post(op.payload["post_id"])
    return {"post_id": op.payload["post_id"]}


@on_outcome(REMOVE)
def removed(op: Operation) -> None:
    pub = Publication.objects.select_related("account").get(pk=op.payload["publication"])
    if op.state != S.DONE:
        error = f"Соцсеть не удалила публикацию: {op.last_error}"
        Publication.objects.filter(pk=pub.pk).update(last_error=error)
        record("content.publication.delete_failed", obj=pub, ministry=pub.account.ministry_id,
               after={"error": error})  # fmt: skip
        return
    if Publication.objects.filter(pk=pub.pk, status=P.PUBLISHED).update(status=P.DELETED):
        compliance_days.publication_changed(pub.pk)
        after = {"status": P.DELETED, "post_status": refresh_post_status(pub.post_id)}
        reason = op.payload.get("reason", "")
        record("content.publication.delete", obj=pub, ministry=pub.account.ministry_id,
               before={"status": P.PUBLISHED}, after=after, reason=reason)  # fmt: skip
