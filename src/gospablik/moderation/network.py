"""The network side of moderation on the outbound queue: delete, hide, restore.

A deletion's operation is queued in the decision's transaction, next to its archive
copy, so a crash at any point leaves it claimable; the request attempts it at once when
the rate limiter has room (:meth:`gospablik.moderation.actions.After.run`), else the
worker does. A permanent refusal is checked against the network (the comment may already
be gone) before it is reported; a refused deletion sends the comment back to review.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation.models import ArchivedItem, Comment
from gospablik.moderation.sla import REVIEW_FIELDS, enter_review
from gospablik.networks.base import BaseConnector, Capability, ConnectorError, RemoteComment
from gospablik.networks.models import Connection
from gospablik.networks.outbound import (
    Operation,
    enqueue,
    executor,
    on_outcome,
    on_retry,
    read_back,
    requeue,
)
from gospablik.registry.models import Account

DELETE = "moderation.delete_comment"
HIDE = "moderation.hide_comment"
RESTORE = "moderation.restore_comment"
S = Operation.State
GONE = "комментария уже нет в соцсети"
NOT_CONNECTED = "Подключение к соцсети не работает"


def connection_of(account: Account) -> Connection | None:
    return Connection.objects.filter(account=account).first()


def usable_connection(account: Account) -> Connection | None:
    connection = connection_of(account)
    return connection if connection is not None and connection.is_usable else None


def remote_of(item: ArchivedItem | Comment) -> RemoteComment:
    return RemoteComment(
        comment_id=item.network_comment_id,
        post_id=item.post_id,
        author_id=item.author_id,
        author_name=item.author_name,
        text=item.text,
        date=item.posted_at or timezone.now(),
        attachments=list(item.attachments or []),
    )


# --- deletion ---------------------------------------------------------------------------


def queue_deletion(archive: ArchivedItem) -> Operation | None:
    """In the archive's transaction: the deletion, due now (None: no connection at all —
    the archive says so and a person reconnects the account)."""
    connection = connection_of(archive.account)
    if connection is None:
        archive.network_error = NOT_CONNECTED
        archive.save(update_fields=["network_error"])
        return None
    return enqueue(DELETE, connection, {"archive": archive.pk}, key=f"archive:{archive.pk}",
                   subject=archive, run_now=False)  # fmt: skip


def deletion_of(archive: ArchivedItem) -> Operation | None:
    return Operation.objects.filter(kind=DELETE, key=f"archive:{archive.pk}").first()


def _archive(op: Operation) -> ArchivedItem:
    return ArchivedItem.objects.select_related("account", "comment").get(pk=op.payload["archive"])


@executor(DELETE)
def delete(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    archive = _archive(op)
    if archive.network_failed_at is not None:  # restored before the network step ran
        return {"skipped": "cancelled"}
    try:
        connector.delete_comment(remote_of(archive), block_author=archive.block_author)
    except ConnectorError as error:
        if not error.permanent or error.needs_person:
            raise
        if _gone(connector, archive, error):
            return {"note": GONE}
        raise
    return {}


def _gone(connector: BaseConnector, archive: ArchivedItem, error: ConnectorError) -> bool:
    """After a refusal: is the comment no longer live? (Cannot tell now: retry later.)"""
    if Capability.READ_COMMENTS not in type(connector).capabilities:
        return False
    try:
        live = connector.read_comments(archive.post_id)
    except ConnectorError:
        raise ConnectorError(error.message, network=error.network, code=error.code) from None
    return all(c.comment_id != archive.network_comment_id for c in live)


@read_back(DELETE)
def deleted_already(connector: BaseConnector, op: Operation) -> dict[str, Any] | None:
    archive = _archive(op)
    if Capability.READ_COMMENTS not in type(connector).capabilities:
        return None
    live = connector.read_comments(archive.post_id)
    gone = all(c.comment_id != archive.network_comment_id for c in live)
    return {"note": GONE} if gone else None


@on_outcome(DELETE)
def deletion_outcome(op: Operation) -> None:
    archive = _archive(op)
    archive.network_attempts = min(op.attempts, 32767)
    if op.state == S.DONE and op.result.get("skipped"):
        archive.save(update_fields=["network_attempts"])
    elif op.state == S.DONE:
        mark_deleted(archive, op.result.get("note", ""))
    else:
        give_up(archive, op.last_error)


@on_retry(DELETE)
def deletion_retry(op: Operation) -> None:
    ArchivedItem.objects.filter(pk=op.payload["archive"]).update(
        network_error=op.last_error,
        network_next_try_at=op.next_try_at,
        network_attempts=min(op.attempts, 32767),
    )


def mark_deleted(archive: ArchivedItem, note: str = "") -> None:
    now = timezone.now()
    archive.network_done_at, archive.network_next_try_at = now, None
    archive.network_error = note
    fields = ["network_done_at", "network_next_try_at", "network_error", "network_attempts"]
    archive.save(update_fields=fields)
    record(
        "moderation.network_delete",
        obj=archive.comment,
        ministry=archive.ministry_id,
        after={"archive": archive.pk, "block_author": archive.block_author, "note": note},
    )


def give_up(archive: ArchivedItem, message: str) -> None:
    """The network refused for good: the comment is still there, a person must look."""
    archive.network_failed_at, archive.network_next_try_at = timezone.now(), None
    archive.network_error = message
    fields = ["network_failed_at", "network_next_try_at", "network_error", "network_attempts"]
    archive.save(update_fields=fields)
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


# --- hiding -----------------------------------------------------------------------------


def queue_hiding(comment: Comment) -> Operation | None:
    """In the decision's transaction: hide on the network (None: no connection)."""
    connection = connection_of(comment.account)
    if connection is None:
        return None
    return enqueue(HIDE, connection, {"comment": comment.pk},
                   key=f"comment:{comment.pk}:v{comment.version}", subject=comment,
                   run_now=False)  # fmt: skip


@executor(HIDE)
def hide(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    comment = Comment.objects.get(pk=op.payload["comment"])
    if comment.status != Comment.Status.HIDDEN:
        return {"skipped": comment.status}
    connector.hide_comment(remote_of(comment))
    return {}


@on_outcome(HIDE)
def hiding_outcome(op: Operation) -> None:
    if op.state != S.DONE:
        _hide_failed(op.payload["comment"], op.last_error)


@on_retry(HIDE)
def hiding_retry(op: Operation) -> None:
    """A comment that could not be hidden at once goes to the review queue (as before)."""
    _hide_failed(op.payload["comment"], op.last_error)


@transaction.atomic
def _hide_failed(comment_pk: int, message: str) -> None:
    comment = Comment.objects.select_for_update().get(pk=comment_pk)
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


# --- restoring ----------------------------------------------------------------------------


def queue_restore(archive: ArchivedItem, connection: Connection) -> Operation:
    """The restore of ``archive`` (again, after a failed try)."""
    op = enqueue(RESTORE, connection, {"archive": archive.pk},
                 key=f"archive:{archive.pk}:restore", subject=archive,
                 run_now=False)  # fmt: skip
    return requeue(op) if op.state in (S.FAILED, S.NEEDS_PERSON) else op


@executor(RESTORE)
def restore(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    connector.restore_comment(remote_of(_archive(op)))
    return {}
