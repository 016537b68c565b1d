"""Approved content flows on: each post of the submission becomes a post of the content plan.

The posts keep the link to the submission (``source_type/source_id``); media files that
the content module accepts are attached; a post with a future planned time is
scheduled, otherwise (or if the content module finds a problem) it stays a draft
with the reason, for the editor to finish in the content plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gospablik.approvals.models import ItemFile, Submission, SubmissionItem
from gospablik.audit.log import record
from gospablik.content.actions import do_attach_media, do_create_post, do_schedule, do_update_post
from gospablik.content.models import Post
from gospablik.registry.models import Account

SOURCE_TYPE = "approvals.submission"
FORMAT_BY_MEDIA = {"image": "photo", "gif": "animation", "video": "video"}


@dataclass
class PlanResult:
    posts: list[Post] = field(default_factory=list)
    scheduled: list[Post] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def posts_of(submission: Submission) -> Any:
    return Post.objects.filter(source_type=SOURCE_TYPE, source_id=str(submission.pk))


@transaction.atomic
def to_content_plan(submission: Submission, *, actor: Any) -> PlanResult:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.APPROVED:
        raise ValidationError("В контент-план передаётся только согласованный материал")
    if submission.planned_at is not None:
        raise ValidationError("Материал уже передан в контент-план")
    result = PlanResult()
    for item in submission.items.prefetch_related("files", "accounts"):
        _plan_item(submission, item, actor, result)
    submission.planned_at, submission.planned_by = timezone.now(), actor
    submission.save(update_fields=["planned_at", "planned_by", "updated_at"])
    record(
        "approvals.plan",
        actor=actor,
        obj=submission,
        ministry=submission.ministry,
        after={
            "posts": [p.pk for p in result.posts],
            "scheduled": [p.pk for p in result.scheduled],
            "notes": result.notes,
        },
    )
    return result


def target_accounts(item: SubmissionItem) -> list[Account]:
    """The accounts ЦУР chose, else the ministry's active accounts in the chosen networks."""
    chosen = list(item.accounts.all())
    if chosen:
        return chosen
    accounts = Account.objects.filter(
        ministry=item.submission.ministry, network__in=item.networks, status=Account.Status.ACTIVE
    )
    return list(accounts.order_by("network", "pk"))


def _plan_item(
    submission: Submission, item: SubmissionItem, actor: Any, result: PlanResult
) -> None:
    accounts = target_accounts(item)
    data = {
        "title": f"{submission.title[:180]} — №{item.position}",
        "text": item.text,
        "format": "text",
    }
    post = do_create_post(
        submission.ministry,
        data,
        accounts,
        actor=actor,
        source_type=SOURCE_TYPE,
        source_id=str(submission.pk),
    )
    result.posts.append(post)
    kinds = [kind for f in item.files.all() if (kind := _attach(post, f, actor, result))]
    if kinds:
        data["format"] = FORMAT_BY_MEDIA[kinds[0]]
        post = do_update_post(post, data, accounts, actor=actor)
    _schedule(post, item, actor, result)


def _attach(post: Post, stored: ItemFile, actor: Any, result: PlanResult) -> str:
    with stored.file.open("rb") as handle:
        content = handle.read()
    try:
        media = do_attach_media(post, stored.name, content, alt="", actor=actor)
    except ValidationError as error:
        result.notes.append(f"Файл «{stored.name}» не прикреплён: {' '.join(error.messages)}")
        return ""
    return media.kind


def _schedule(post: Post, item: SubmissionItem, actor: Any, result: PlanResult) -> None:
    label = f"Публикация №{item.position}"
    if item.planned_at is None:
        result.notes.append(f"{label}: время не указано — осталась черновиком")
        return
    try:
        do_schedule(post, item.planned_at, actor=actor, reason="согласовано ЦУР")
    except ValidationError as error:
        result.notes.append(f"{label} осталась черновиком: {' '.join(error.messages)}")
        return
    result.scheduled.append(post)
