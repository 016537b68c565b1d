"""Decisions on comments: the only way their moderation state changes.

Every decision is one transaction that also writes the audit entry and, for a deletion,
the archive copy; the network work it implies is returned as :class:`After` and run
only after the transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation import daily
from gospablik.moderation.authors import name_author
from gospablik.moderation.bans import queue_sanction, unban_on_networks
from gospablik.moderation.classifier import Verdict
from gospablik.moderation.decide import CATEGORY_RU, findings_json, main_category, reason_text
from gospablik.moderation.judge import Judgement
from gospablik.moderation.ladder import actor_repr, do_sanction
from gospablik.moderation.models import AUTO, ArchivedItem, Classification, Comment, Sanction
from gospablik.moderation.network import (
    deletion_of,
    queue_deletion,
    queue_hiding,
    queue_restore,
    usable_connection,
)
from gospablik.moderation.sla import REVIEW_FIELDS, enter_review, leave_review
from gospablik.networks.base import Capability, RemoteComment
from gospablik.networks.connections import capabilities_of
from gospablik.networks.outbound import Operation, cancel, run_one, run_soon_all
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

DECISIONS = ("delete", "keep", "ban")
STATE = ["status", "auto_action", "verdict", "decided_at", "decided_by", "decided_by_repr"]
STATE += ["decision_reason", *REVIEW_FIELDS[1:]]


class DecisionError(ValueError):
    """A decision that cannot be taken (Russian message for the moderator)."""


@dataclass
class After:
    """Network operations the decision queued, to attempt once it has committed."""

    operations: list[int] = field(default_factory=list)

    def run(self) -> None:
        """Inside the request when the network's rate limiter has a slot; otherwise (and
        everything after a deferred one, so a ban keeps its order) by the worker."""
        run_soon_all(self.operations)


def state_of(comment: Comment) -> dict[str, Any]:
    return {"status": comment.status, "version": comment.version, "action": comment.auto_action}


# --- intake ---------------------------------------------------------------------------


def do_intake(
    account: Account, remote: RemoteComment, judgement: Judgement, existing: Comment | None = None
) -> tuple[Comment, After] | None:
    """Store a new comment (or a new version of an edited one), classify, decide.
    None when another delivery stored it first."""
    try:
        with transaction.atomic():
            return _intake(account, remote, judgement, existing)
    except IntegrityError:
        # The comment's insert is the transaction's first write, so a concurrent
        # delivery of the same comment rolls back all of it (and needs no savepoint).
        if existing is None and _stored_already(account, remote):
            return None
        raise


def _intake(
    account: Account, remote: RemoteComment, judgement: Judgement, existing: Comment | None
) -> tuple[Comment, After]:
    now = timezone.now()
    comment = _new(account, remote, now) if existing is None else _edited(existing, remote)
    before = None if existing is None else state_of(existing)
    comment.verdict = _classification(comment, judgement)
    after = After()
    if comment.status != Comment.Status.DELETED:
        after = _auto_decide(comment, judgement, now)
    comment.save(update_fields=STATE if existing is None else None)
    if existing is not None and existing.is_tombstone:  # deleted outside before we saw it
        archive_copy(comment, actor=None, block_author=False, now=now, done=True)
    if existing is None:
        daily.count_new(comment, comment.verdict.labels, judgement.policy.tz())
    else:
        daily.refresh(comment, now)
    record(
        "moderation.intake" if existing is None else "moderation.edit",
        obj=comment,
        ministry=account.ministry_id,
        before=before,
        after=state_of(comment) | {"labels": judgement.verdict.labels},
        reason=comment.decision_reason,
        actor=AUTO,
    )
    return comment, after


def _new(account: Account, remote: RemoteComment, now: datetime) -> Comment:
    comment = Comment(
        ministry_id=account.ministry_id,
        account=account,
        network=account.network,
        network_comment_id=remote.comment_id,
        received_at=now,
    )
    _copy(comment, remote)
    comment.save(force_insert=True)
    return comment


def _stored_already(account: Account, remote: RemoteComment) -> bool:
    return Comment.objects.filter(account=account, network_comment_id=remote.comment_id).exists()


def _edited(existing: Comment, remote: RemoteComment) -> Comment:
    comment = Comment.objects.select_for_update().get(pk=existing.pk)
    comment.version += 0 if comment.is_tombstone else 1
    _copy(comment, remote)
    return comment


def _copy(comment: Comment, remote: RemoteComment) -> None:
    comment.post_id, comment.parent_id = remote.post_id, remote.parent_id or ""
    comment.author_id = remote.author_id
    comment.author_name = remote.author_name or comment.author_name
    comment.text, comment.attachments, comment.posted_at = (
        remote.text,
        remote.attachments,
        remote.date,
    )


def _classification(comment: Comment, judgement: Judgement) -> Classification:
    verdict = judgement.verdict
    return Classification.objects.create(
        comment=comment,
        version=comment.version,
        text=comment.text,
        labels=list(verdict.labels),
        scores={k: round(float(v), 4) for k, v in verdict.scores.items()},
        findings=findings_json(verdict.findings),
        action=verdict.action,
        final_action=judgement.action,
        model_version=judgement.model_version,
    )


def _auto_decide(comment: Comment, judgement: Judgement, now: datetime) -> After:
    action = comment.auto_action = judgement.action
    comment.decided_by, comment.decided_by_repr, comment.decided_at = None, AUTO, now
    comment.decision_reason = reason_text(judgement.verdict, judgement.policy.moderation.clause)
    leave_review(comment)
    if action == "delete":
        return _delete(comment, judgement.verdict, actor=None, sanction=True, now=now)
    if action == "hide":
        comment.status = Comment.Status.HIDDEN
        hiding = queue_hiding(comment)
        return After([hiding.pk] if hiding else [])
    if action == "review":
        enter_review(comment, now, policy=judgement.policy)
        comment.decided_by_repr, comment.decided_at = "", None
    else:
        comment.status = Comment.Status.KEPT
    return After()


def _delete(
    comment: Comment, verdict: Verdict | None, *, actor: Any, sanction: bool, now: datetime
) -> After:
    """Archive, mark deleted and (``sanction``) put the author on the next ladder step."""
    category = main_category(verdict) if verdict is not None else ""
    given = do_sanction(comment, category=category, actor=actor, now=now) if sanction else None
    caps = capabilities_of(comment.network)
    block = (
        given is not None
        and given.action == Sanction.Action.BAN
        and Capability.BAN_USER not in caps
        and Capability.BLOCK_AUTHOR_ON_DELETE in caps
    )
    archive = archive_copy(comment, actor=actor, block_author=block, now=now)
    comment.status = Comment.Status.DELETED
    deletion = queue_deletion(archive)
    bans = queue_sanction(given) if given is not None else []
    return After([op.pk for op in [deletion, *bans] if op is not None])


def archive_copy(
    comment: Comment, *, actor: Any, block_author: bool, now: datetime, done: bool = False
) -> ArchivedItem:
    verdict = comment.verdict
    return ArchivedItem.objects.create(
        comment=comment,
        ministry=comment.ministry,
        account=comment.account,
        network_comment_id=comment.network_comment_id,
        post_id=comment.post_id,
        author_id=comment.author_id,
        author_name=comment.author_name,
        text=comment.text,
        comment_version=comment.version,
        posted_at=comment.posted_at,
        attachments=comment.attachments,
        labels=verdict.labels if verdict else [],
        scores=verdict.scores if verdict else {},
        findings=verdict.findings if verdict else [],
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        decided_by_repr=actor_repr(actor) if actor is not None else comment.decided_by_repr,
        reason=comment.decision_reason or "—",
        decided_at=now,
        block_author=block_author,
        network_next_try_at=None if done else now,
        network_done_at=now if done else None,
    )


# --- people's decisions ---------------------------------------------------------------


@transaction.atomic
def do_decide(comment: Comment, decision: str, *, actor: Any, reason: str = "") -> After:
    """A moderator's decision: keep, delete, or delete and sanction the author (ban)."""
    if decision not in DECISIONS:
        raise DecisionError("Неизвестное решение")
    comment = (
        Comment.objects.select_for_update(of=("self",)).select_related("verdict").get(pk=comment.pk)
    )
    if comment.status == Comment.Status.DELETED:
        raise DecisionError("Комментарий уже удалён")
    if decision != "keep" and Capability.DELETE_COMMENT not in capabilities_of(comment.network):
        raise DecisionError("Эта соцсеть не позволяет удалить комментарий через API")
    before, now = state_of(comment), timezone.now()
    comment.decided_by, comment.decided_by_repr, comment.decided_at = actor, actor_repr(actor), now
    comment.decision_reason = (reason or _default_reason(comment, decision))[:500]
    leave_review(comment)
    after = After()
    if decision == "keep":
        comment.status = Comment.Status.KEPT
    else:
        after = _delete(
            comment, _verdict_of(comment), actor=actor, sanction=decision == "ban", now=now
        )
    comment.save(update_fields=STATE)
    daily.refresh(comment, now)
    record(
        f"moderation.{decision}",
        actor=actor,
        obj=comment,
        ministry=comment.ministry,
        before=before,
        after=state_of(comment),
        reason=comment.decision_reason,
    )
    return after


def _verdict_of(comment: Comment) -> Verdict | None:
    c = comment.verdict
    return None if c is None else Verdict(list(c.labels), dict(c.scores), [], c.action)  # type: ignore[arg-type]


def _default_reason(comment: Comment, decision: str) -> str:
    clause = policy_for(comment.ministry).moderation.clause
    if decision == "keep":
        return "Решение модератора: нарушения нет"
    labels = comment.verdict.labels if comment.verdict else []
    what = ", ".join(CATEGORY_RU.get(c, c) for c in labels) or "нарушение правил"
    return f"Решение модератора: {what} — {clause}"


def decide(comment: Comment, decision: str, *, actor: Any, reason: str = "") -> After:
    """Decide, then do the network work and settle the review duty."""
    from gospablik.moderation.sla import settle_review_duty

    if decision != "keep" and not comment.author_name:  # before the archive is written
        name_author(comment)
    after = do_decide(comment, decision, actor=actor, reason=reason)
    after.run()
    settle_review_duty(comment.account, actor)
    return after


# --- restore --------------------------------------------------------------------------


def restore(comment: Comment, *, actor: Any, reason: str) -> None:
    """Undo a deletion: on the network where it can (VK wall.restoreComment), or cancel a
    deletion whose network step has not run yet."""
    archive = comment.archives.filter(restored_at=None).order_by("-pk").first()
    if archive is None or archive.network_failed_at is not None:
        raise DecisionError("Нет удаления, которое можно отменить")
    deletion = deletion_of(archive)
    if archive.network_done_at is not None:
        _restore_on_network(comment, archive)
    elif deletion is not None and not cancel(deletion, "Восстановлен до удаления в соцсети"):
        deletion.refresh_from_db()
        if deletion.state == Operation.State.DONE:  # it was deleted meanwhile
            archive.refresh_from_db()
            _restore_on_network(comment, archive)
        else:
            raise DecisionError("Удаление сейчас выполняется — повторите через минуту")
    annulled = do_record_restore(
        comment, archive, actor=actor, reason=reason or "Восстановлен модератором"
    )
    for sanction in annulled:
        unban_on_networks(sanction)


def _restore_on_network(comment: Comment, archive: ArchivedItem) -> None:
    if Capability.RESTORE_COMMENT not in capabilities_of(comment.network):
        raise DecisionError("Эта соцсеть не позволяет восстановить удалённый комментарий")
    connection = usable_connection(comment.account)
    if connection is None:
        raise DecisionError("Подключение к соцсети не работает")
    op = queue_restore(archive, connection)
    run_one(op.pk)  # now, waiting for its rate-limit slot: the moderator awaits the answer
    op.refresh_from_db()
    if op.state != Operation.State.DONE:
        cancel(op, op.last_error)  # a temporary failure: the moderator tries again
        raise DecisionError(f"Соцсеть не восстановила комментарий: {op.last_error}")


@transaction.atomic
def do_record_restore(
    comment: Comment, archive: ArchivedItem, *, actor: Any, reason: str
) -> list[Sanction]:
    """After the network restored it (or before the network deleted it): restored; the
    sanctions the comment brought are annulled (returned, to be lifted on the networks)."""
    now = timezone.now()
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = state_of(comment)
    if archive.network_done_at is None and archive.network_failed_at is None:
        archive.network_failed_at, archive.network_next_try_at = now, None
        archive.network_error = "удаление отменено модератором"
    archive.restored_at, archive.restored_by, archive.restore_reason = now, actor, reason[:500]
    archive.save(update_fields=sorted(ArchivedItem.MUTABLE))
    comment.status = Comment.Status.RESTORED
    comment.decided_by, comment.decided_by_repr, comment.decided_at = actor, actor_repr(actor), now
    comment.decision_reason = reason[:500]
    comment.save(update_fields=STATE)
    daily.refresh(comment, now)
    record(
        "moderation.restore",
        actor=actor,
        obj=comment,
        ministry=comment.ministry,
        before=before,
        after=state_of(comment) | {"archive": archive.pk},
        reason=reason,
    )
    annulled = list(Sanction.objects.filter(comment=comment, status=Sanction.Status.ACTIVE))
    for sanction in annulled:
        _annul(sanction, actor=actor, now=now)
    return annulled


def _annul(sanction: Sanction, *, actor: Any, now: datetime) -> None:
    sanction.status, sanction.lifted_at, sanction.lifted_by = Sanction.Status.ANNULLED, now, actor
    sanction.lift_reason = "Комментарий восстановлен: санкция отменена"
    sanction.save(update_fields=["status", "lifted_at", "lifted_by", "lift_reason"])
    record(
        "moderation.sanction_annul",
        actor=actor,
        obj=sanction,
        ministry=sanction.offender.ministry,
        after={"status": sanction.status},
        reason=sanction.lift_reason,
    )
