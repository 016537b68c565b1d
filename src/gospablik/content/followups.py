"""Contests and campaigns end with their results: a duty to publish them on time."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.content.formats import RULED_FORMATS
from gospablik.content.models import Post
from gospablik.duties.actions import Subject, do_open_duty, open_duties_for
from gospablik.orgs.models import Organization
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import policy_for

KIND = "content_results"
WENT_OUT = (Post.Status.PUBLISHED, Post.Status.PUBLISHING)


def due_followups(now: datetime) -> list[int]:
    posts = Post.objects.filter(
        format__in=RULED_FORMATS,
        status__in=WENT_OUT,
        results_at__lte=now,
        followup_opened_at__isnull=True,
    )
    return list(posts.values_list("pk", flat=True))


def open_followups(now: datetime | None = None) -> int:
    """Open the results duty of every contest/campaign whose results date has come."""
    ids = due_followups(now or timezone.now())
    for pk in ids:
        open_followup(pk)
    return len(ids)


@transaction.atomic
def open_followup(pk: int) -> None:
    post = Post.objects.select_for_update(of=("self",)).select_related("ministry").get(pk=pk)
    if post.followup_opened_at is not None or post.results_at is None:
        return
    subject = Subject.of(post)
    if not open_duties_for(subject, KIND).exists():
        _open_duty(post, subject, post.results_at)
    post.followup_opened_at = timezone.now()
    post.save(update_fields=["followup_opened_at", "updated_at"])
    record(
        "content.post.followup",
        obj=post,
        ministry=post.ministry,
        after={"followup_opened_at": post.followup_opened_at.isoformat()},
    )


def _open_duty(post: Post, subject: Subject, start: datetime) -> None:
    policy = policy_for(post.ministry)
    orgs = policy.orgs_for("posting")
    owner = Organization.objects.get(ministry=post.ministry, key=orgs[0].key)
    kind = "конкурса" if post.format == "contest" else "акции"
    period = PeriodSpec(amount=1, unit="working_days", clause=policy.content_formats_clause)
    do_open_duty(
        post.ministry,
        kind=KIND,
        owner_org=owner,
        start=start,
        period=period,
        title=f"Подвести итоги {kind} «{post.label}» и опубликовать результаты",
        subject=subject,
        clause=policy.content_formats_clause,
        description="Итоги объявляют тем же аккаунтам, где вышли правила.",
    )
