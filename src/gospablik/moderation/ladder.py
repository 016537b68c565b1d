"""The sanctions ladder of the policy: warning → ban 1 day → … → permanent.

An author's step is the number of their earlier sanctions in the ministry on that
network (annulled ones do not count); past the last step the last one repeats. The
sanction is recorded in the decision's transaction; the network's own ban follows after
commit (see :mod:`gospablik.moderation.bans`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.moderation.decide import CATEGORY_RU
from gospablik.moderation.models import AUTO, Comment, Offender, Sanction
from gospablik.policy.schema import SanctionStep
from gospablik.policy.store import policy_for


def next_step(ladder: list[SanctionStep], prior: int) -> tuple[int, SanctionStep]:
    """The step for an author with ``prior`` counted sanctions.

    >>> ladder = [SanctionStep(action="warning"), SanctionStep(action="ban", days=1),
    ...           SanctionStep(action="ban")]
    >>> [(i, s.action, s.days) for i, s in (next_step(ladder, n) for n in range(4))]
    [(0, 'warning', None), (1, 'ban', 1), (2, 'ban', None), (2, 'ban', None)]
    """
    index = min(prior, len(ladder) - 1)
    return index, ladder[index]


def until_for(step: SanctionStep, now: datetime) -> datetime | None:
    """
    >>> from datetime import UTC
    >>> until_for(SanctionStep(action="ban", days=3), datetime(2025, 1, 1, tzinfo=UTC))
    datetime.datetime(2025, 1, 4, 0, 0, tzinfo=datetime.timezone.utc)
    """
    return now + timedelta(days=step.days) if step.action == "ban" and step.days else None


def actor_repr(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_full_name() or actor.get_username())
    return AUTO


def offender_for(comment: Comment) -> Offender:
    offender, _ = Offender.objects.get_or_create(
        ministry=comment.ministry,
        network=comment.network,
        author_id=comment.author_id,
        defaults={"author_name": comment.author_name},
    )
    return Offender.objects.select_for_update().get(pk=offender.pk)  # serializes the author


def do_sanction(
    comment: Comment, *, category: str, actor: Any = None, now: datetime | None = None
) -> Sanction | None:
    """Record the author's next step (inside the caller's transaction); None if the
    policy has no blacklist."""
    spec = policy_for(comment.ministry).moderation
    if not spec.blacklist_allowed or not spec.sanctions_ladder or not comment.author_id:
        return None
    moment = now or timezone.now()
    offender = offender_for(comment)
    prior = offender.sanctions.exclude(status=Sanction.Status.ANNULLED).count()
    index, step = next_step(spec.sanctions_ladder, prior)
    sanction = Sanction.objects.create(
        offender=offender,
        step=index,
        action=step.action,
        days=step.days,
        until=until_for(step, moment),
        category=category,
        reason=f"{CATEGORY_RU.get(category, category or 'нарушение')} — {spec.clause}"[:500],
        comment=comment,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        decided_by_repr=actor_repr(actor),
        created_at=moment,
        network_next_try_at=moment,
    )
    record(
        "moderation.sanction",
        actor=actor,
        obj=sanction,
        ministry=comment.ministry,
        after=snapshot(sanction, ["applied"]),
        reason=sanction.reason,
    )
    return sanction


@transaction.atomic
def do_lift(sanction: Sanction, *, actor: Any, reason: str) -> Sanction:
    """Unban early (the network unban follows after commit)."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.status != Sanction.Status.ACTIVE:
        raise ValueError("Санкция уже снята")
    before = snapshot(sanction)
    sanction.status, sanction.lifted_at = Sanction.Status.LIFTED, timezone.now()
    sanction.lifted_by, sanction.lift_reason = actor, reason[:500]
    sanction.save()
    record(
        "moderation.sanction_lift",
        actor=actor,
        obj=sanction,
        ministry=sanction.offender.ministry,
        before=before,
        after=snapshot(sanction),
        reason=reason,
    )
    return sanction


@transaction.atomic
def do_file_appeal(sanction: Sanction, *, actor: Any, text: str) -> Sanction:
    """Record an author's appeal (received by letter, message or in person)."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.appeal == Sanction.Appeal.PENDING:
        raise ValueError("Обжалование уже рассматривается")
    before = snapshot(sanction)
    sanction.appeal, sanction.appeal_text, sanction.appeal_at = (
        Sanction.Appeal.PENDING,
        text,
        timezone.now(),
    )
    sanction.save()
    record(
        "moderation.appeal",
        actor=actor,
        obj=sanction,
        ministry=sanction.offender.ministry,
        before=before,
        after=snapshot(sanction),
    )
    return sanction


@transaction.atomic
def do_decide_appeal(sanction: Sanction, *, actor: Any, granted: bool, note: str) -> Sanction:
    """Granted: the sanction is annulled (it no longer counts on the ladder) and lifted."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.appeal != Sanction.Appeal.PENDING:
        raise ValueError("Нет обжалования на рассмотрении")
    before = snapshot(sanction)
    sanction.appeal = Sanction.Appeal.GRANTED if granted else Sanction.Appeal.DENIED
    sanction.appeal_decided_at, sanction.appeal_decided_by = timezone.now(), actor
    sanction.appeal_note = note[:500]
    if granted:
        sanction.status = Sanction.Status.ANNULLED
        sanction.lifted_at = sanction.lifted_at or timezone.now()
        sanction.lifted_by, sanction.lift_reason = actor, f"Обжалование удовлетворено: {note}"[:500]
    sanction.save()
    record(
        "moderation.appeal_decision",
        actor=actor,
        obj=sanction,
        ministry=sanction.offender.ministry,
        before=before,
        after=snapshot(sanction),
        reason=note,
    )
    return sanction
