"""Comments and messages coming in: pushed events (VK Callback, webhooks) and polling.

Each comment is stored once per (account, network comment id) whatever order its
events arrive in: a repeated "new" is ignored, an edit adds a version, a delete seen
before the comment leaves a tombstone that the late "new" fills in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db import connection as db_connection
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation import daily
from gospablik.moderation.actions import After, archive_copy, do_intake, state_of
from gospablik.moderation.authors import name_of
from gospablik.moderation.decide import findings_json
from gospablik.moderation.judge import Judgement, judge
from gospablik.moderation.models import Comment, Message
from gospablik.moderation.sla import leave_review
from gospablik.networks import base
from gospablik.networks.base import NETWORK_LABELS_RU, RemoteComment
from gospablik.networks.inbound import FollowUp, Handler
from gospablik.networks.models import Connection, InboundEvent
from gospablik.networks.vk.convert import from_unix  # unix seconds -> aware UTC
from gospablik.registry.models import Account

log = logging.getLogger(__name__)
KINDS = ("comment_new", "comment_edit", "comment_restore", "comment_delete", "message_new")


class EventSubscriber:
    """The subscriber of :mod:`gospablik.networks.inbound`. Its ``prepare`` runs before
    the event's write transaction (which on SQLite locks the whole database): the stored
    version, the classifier and the author's name (a network call) stay out of it. The
    step it returns runs inside and returns the network step, run after the commit."""

    def __call__(self, stored: InboundEvent, event: base.InboundEvent) -> FollowUp | None:
        """All of it inside the transaction (the sweeper's retry of a failed event)."""
        step = self.prepare(stored.connection, event)
        return None if step is None else step(stored, event)

    def prepare(self, connection: Connection, event: base.InboundEvent) -> Handler | None:
        account, remote = connection.account, event.comment
        if event.kind not in ("comment_new", "comment_edit") or remote is None:
            return _other_event
        if is_own(account, remote):
            return None
        pending = judged(account, remote, edited=event.kind == "comment_edit")
        return None if pending is None else pending.step


def _other_event(stored: InboundEvent, event: base.InboundEvent) -> FollowUp | None:
    account = stored.connection.account
    if event.kind == "message_new":
        intake_message(account, event.payload)
    elif event.kind == "comment_delete":
        note_deleted(account, event.payload)
    elif event.kind == "comment_restore" and event.comment is not None:
        if not is_own(account, event.comment):
            return note_restored(account, event.comment)
    return None


on_event = EventSubscriber()


def is_own(account: Account, remote: RemoteComment) -> bool:
    """The community's own replies are not moderated."""
    gid = str(account.network_id or _group_id(account)).lstrip("-")
    return bool(gid) and remote.author_id.lstrip("-") == gid and remote.author_id.startswith("-")


def _group_id(account: Account) -> str:
    connection = Connection.objects.filter(account=account).first()
    return str(connection.config.get("group_id", "")) if connection else ""


def intake_comment(
    account: Account, remote: RemoteComment, *, edited: bool = False
) -> Comment | None:
    """Store, classify, decide and act; None for a repeat of what is stored."""
    stored = store_comment(account, remote, edited=edited)
    if stored is None:
        return None
    comment, after = stored
    after.run()
    return comment


def store_comment(
    account: Account, remote: RemoteComment, *, edited: bool = False
) -> tuple[Comment, After] | None:
    """Store, classify and decide; the network step is the caller's to run once this has
    committed. None for a repeat of what is stored."""
    pending = judged(account, remote, edited=edited)
    return None if pending is None else pending.store()


@dataclass(frozen=True)
class Pending:
    """A comment classified and decided, to be stored."""

    account: Account
    remote: RemoteComment
    judgement: Judgement
    existing: Comment | None

    def store(self) -> tuple[Comment, After] | None:
        return do_intake(self.account, self.remote, self.judgement, self.existing)

    def step(self, stored: InboundEvent, event: base.InboundEvent) -> FollowUp | None:
        """As a step of an inbound event's transaction."""
        done = self.store()
        return None if done is None else done[1].run


def judged(account: Account, remote: RemoteComment, *, edited: bool = False) -> Pending | None:
    """Reads and look-ups only; None for a repeat of what is stored."""
    existing = stored_version(account, remote.comment_id)
    if existing is not None and not _changes(existing, remote, edited):
        return None
    judgement = judge(account, remote.text, remote.author_id)
    if judgement.action == "delete" and not remote.author_name:  # the archive names its author
        remote = replace(remote, author_name=name_of(account, remote.author_id))
    return Pending(account, remote, judgement, existing)


def stored_version(account: Account, comment_id: str) -> Comment | None:
    """The stored comment, if any. Nearly every event brings a new one, so a light
    existence check comes first (plain SQL: the ORM's full fetch costs more)."""
    table = Comment._meta.db_table
    sql = f"SELECT id FROM {table} WHERE account_id = %s AND network_comment_id = %s"  # noqa: S608
    with db_connection.cursor() as cursor:
        cursor.execute(sql, [account.pk, comment_id])
        row = cursor.fetchone()
    return None if row is None else Comment.objects.get(pk=row[0])


def _changes(existing: Comment, remote: RemoteComment, edited: bool) -> bool:
    if existing.is_tombstone:
        return True
    return edited and existing.text != remote.text


# --- what happened on the network outside gospablik ------------------------------------


def note_deleted(account: Account, payload: dict[str, Any]) -> None:
    obj = payload.get("object") or payload
    comment_id = str(obj.get("id") or obj.get("comment_id") or "")
    if comment_id:
        _note_deleted(account, comment_id, str(obj.get("post_id") or ""), obj.get("deleter_id"))


@transaction.atomic
def _note_deleted(account: Account, comment_id: str, post_id: str, deleter: Any) -> None:
    comment = (
        Comment.objects.select_for_update()
        .filter(account=account, network_comment_id=comment_id)
        .first()
    )
    if comment is not None and comment.status == Comment.Status.DELETED:
        return  # our own deletion, echoed back by the network
    where = NETWORK_LABELS_RU.get(account.network, account.network)
    who = f"вне gospablik ({where})"
    reason = f"Удалён в соцсети, не через gospablik (кто удалил: {deleter or 'неизвестно'})"
    if comment is None:
        _tombstone(account, comment_id, post_id, who, reason)
        return
    before = state_of(comment)
    comment.status, comment.decided_at = Comment.Status.DELETED, timezone.now()
    comment.decided_by, comment.decided_by_repr, comment.decision_reason = None, who, reason
    leave_review(comment)
    comment.save()
    archive_copy(comment, actor=None, block_author=False, now=timezone.now(), done=True)
    daily.refresh(comment, comment.decided_at)
    record("moderation.deleted_outside", obj=comment, ministry=account.ministry, before=before,
           after=state_of(comment), reason=reason)  # fmt: skip


def _tombstone(account: Account, comment_id: str, post_id: str, who: str, reason: str) -> None:
    comment = Comment(
        ministry=account.ministry, account=account, network=account.network,
        network_comment_id=comment_id, post_id=post_id, status=Comment.Status.DELETED,
        decided_at=timezone.now(), decided_by_repr=who, decision_reason=reason,
    )  # fmt: skip
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        return
    daily.count_new(comment, [])
    record("moderation.deleted_outside", obj=comment, ministry=account.ministry,
           after=state_of(comment), reason=reason)  # fmt: skip


def note_restored(account: Account, remote: RemoteComment) -> FollowUp | None:
    """Returns the network step of a restored comment seen for the first time."""
    comment = Comment.objects.filter(account=account, network_comment_id=remote.comment_id).first()
    follow_up = None
    if comment is None or comment.is_tombstone:
        stored = store_comment(account, remote)
        comment, follow_up = (stored[0], stored[1].run) if stored is not None else (None, None)
    if comment is not None:
        _mark_restored(comment)
    return follow_up


@transaction.atomic
def _mark_restored(comment: Comment) -> None:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != Comment.Status.DELETED:
        return
    before = state_of(comment)
    comment.status = Comment.Status.RESTORED
    comment.network_note = "Восстановлен в соцсети"
    comment.save(update_fields=["status", "network_note"])
    record("moderation.restored_outside", obj=comment, ministry=comment.ministry,
           before=before, after=state_of(comment))  # fmt: skip


# --- messages to the community --------------------------------------------------------


def message_fields(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The message of a ``message_new`` payload (VK Callback shape, or a flat object).

    >>> message_fields({"object": {"message": {"id": 7, "from_id": 5, "text": "Здравствуйте",
    ...                 "date": 0}}})["network_message_id"]
    '7'
    """
    obj = payload.get("object") or payload
    message = obj.get("message") if isinstance(obj.get("message"), dict) else obj
    if not message or "id" not in message:
        return None
    return {
        "network_message_id": str(message["id"]),
        "author_id": str(message.get("from_id") or message.get("peer_id") or ""),
        "text": str(message.get("text", "")),
        "attachments": list(message.get("attachments") or []),
        "posted_at": from_unix(message.get("date")),
    }


def intake_message(account: Account, payload: dict[str, Any]) -> Message | None:
    fields = message_fields(payload)
    if fields is None:
        return None
    return _store_message(account, fields, judge(account, fields["text"], fields["author_id"]))


@transaction.atomic
def _store_message(
    account: Account, fields: dict[str, Any], judgement: Judgement
) -> Message | None:
    verdict = judgement.verdict
    scores = {k: round(float(v), 4) for k, v in verdict.scores.items()}
    message = Message(
        ministry=account.ministry, account=account, network=account.network, **fields,
        labels=list(verdict.labels), scores=scores, findings=findings_json(verdict.findings),
        flagged=judgement.action != "keep",
    )  # fmt: skip
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None
    record("moderation.message", obj=message, ministry=account.ministry, actor="автомодерация",
           after={"flagged": message.flagged, "labels": message.labels})  # fmt: skip
    return message
