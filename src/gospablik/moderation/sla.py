"""The review SLA of the policy: a comment waits for a person at most ``review_sla``.

Each comment entering the queue gets ``review_due_at`` (an indexed column). When the
oldest waiting comment of an account passes it, one ``moderation_review`` duty opens for
that account (due when that comment was due, so it is overdue at once and escalates);
it completes itself when no overdue comment of the account is left.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Min
from django.utils import timezone

from gospablik.duties.actions import Subject, do_complete_duty, do_open_duty, open_duties_for
from gospablik.duties.engine import alert_owners
from gospablik.duties.models import Duty
from gospablik.moderation.judge import pipeline_for
from gospablik.moderation.models import Comment
from gospablik.orgs.models import Organization
from gospablik.policy.schema import Policy
from gospablik.policy.store import per_pass, policy_for
from gospablik.registry.models import Account

KIND = "moderation_review"


def review_due(
    comment: Comment, since: datetime | None = None, policy: Policy | None = None
) -> datetime:
    """When a comment entering the queue now (or at ``since``) must be decided."""
    policy = policy or current_policy(comment.ministry_id)
    return policy.due_at(since or timezone.now(), policy.moderation.review_sla)


def enter_review(
    comment: Comment, since: datetime | None = None, *, policy: Policy | None = None
) -> None:
    """Put a comment in the queue (the caller saves it). ``policy``: the ministry's
    current policy when the caller holds it (a judgement does), else it is looked up."""
    moment = since or timezone.now()
    comment.status = Comment.Status.REVIEW
    comment.review_since, comment.review_due_at = moment, review_due(comment, moment, policy)


def current_policy(ministry_id: int) -> Policy:
    """The parsed current policy, cached with the classifier (one light query)."""
    return pipeline_for(ministry_id)[1]


def leave_review(comment: Comment) -> None:
    comment.review_since = comment.review_due_at = None


REVIEW_FIELDS = ["status", "review_since", "review_due_at"]


def moderation_org(account: Account) -> Organization:
    keys = [o.key for o in policy_for(account.ministry).orgs_for("moderation")]
    found = Organization.objects.filter(ministry=account.ministry, key__in=keys[:1]).first()
    return found or account.responsible_org


def overdue(now: datetime) -> Any:
    return Comment.objects.filter(status=Comment.Status.REVIEW, review_due_at__lte=now)


@per_pass
def refresh_review_duties(now: datetime | None = None) -> int:
    """Open the duties of breached queues, complete the cleared ones; return opened count."""
    moment = now or timezone.now()
    opened = 0
    rows = overdue(moment).values("account").annotate(first=Min("review_due_at"), n=Count("pk"))
    for row in rows:
        account = Account.objects.select_related("ministry").get(pk=row["account"])
        if not open_duties_for(Subject.of(account), KIND).exists():
            open_review_duty(account, row["n"])
            opened += 1
    for duty in Duty.objects.filter(kind=KIND, status=Duty.Status.OPEN):
        _complete_if_clear(duty, moment, actor=None)
    return opened


def open_review_duty(account: Account, waiting: int) -> Duty:
    oldest = (
        Comment.objects.filter(account=account, status=Comment.Status.REVIEW)
        .order_by("review_due_at", "pk")
        .first()
    )
    assert oldest is not None and oldest.review_since is not None
    policy = policy_for(account.ministry)
    duty = do_open_duty(
        account.ministry,
        kind=KIND,
        owner_org=moderation_org(account),
        title=f"Рассмотреть комментарии «{account.title}»: {waiting} ждут дольше срока",
        start=oldest.review_since,
        period=policy.moderation.review_sla,
        subject=Subject.of(account),
        clause=policy.moderation.review_sla.clause or policy.moderation.clause,
        description="Очередь модерации: решение по комментарию не принято в срок проверки.",
    )
    alert_owners(duty)
    return duty


def settle_review_duty(account: Account, actor: Any, now: datetime | None = None) -> None:
    """After a decision: complete the account's review duty if its queue is within SLA."""
    for duty in open_duties_for(Subject.of(account), KIND):
        _complete_if_clear(duty, now or timezone.now(), actor)


def _complete_if_clear(duty: Duty, now: datetime, actor: Any) -> None:
    if overdue(now).filter(account_id=int(duty.subject_id)).exists():
        return
    do_complete_duty(duty, actor=actor, resolution={"cleared_at": now.isoformat()})
