"""Named actions on posts: the only way a post or its publications change state.

Each is atomic and writes its audit entry in the same transaction. Network calls
(deleting a published post) happen outside any transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.content.attachments import do_attach_media as do_attach_media
from gospablik.content.attachments import do_remove_media as do_remove_media
from gospablik.content.attachments import do_update_media as do_update_media
from gospablik.content.counting import removal_verdict
from gospablik.content.editing import LOCKED, editable, lock_post
from gospablik.content.models import Post, Publication
from gospablik.content.outbound import (
    NOT_CONNECTED,
    queue_publication,
    remove_published,
    reschedule_publication,
    withdraw_publication,
)
from gospablik.content.status import refresh_post_status
from gospablik.content.stylecheck import style_score
from gospablik.content.validation import (
    MediaCounts,
    cap_problems,
    plans,
    post_problems,
    timing_problems,
)
from gospablik.networks.models import Connection
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

P = Publication.Status
S = Post.Status
POST_FIELDS = (
    "occasion",
    "format",
    "title",
    "text",
    "network_texts",
    "hashtags",
    "link",
    "repost_source",
    "poll",
    "rules",
    "starts_at",
    "ends_at",
    "results_at",
)
WAITING = (P.DRAFT, P.PENDING, P.FAILED)


class CapWarning(Exception):
    """Removing these would push a week over the repost cap; ask the person to confirm."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def post_snapshot(post: Post) -> dict[str, Any]:
    data = snapshot(post, exclude=("style_score",))
    data["accounts"] = sorted(post.publications.values_list("account_id", flat=True))
    return data


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _audit(
    action: str, post: Post, actor: Any, before: dict[str, Any] | None, reason: str = ""
) -> None:
    record(
        action,
        actor=actor,
        obj=post,
        ministry=post.ministry,
        before=before,
        after=post_snapshot(post),
        reason=reason,
    )


def _check_accounts(ministry: Ministry, accounts: Sequence[Account]) -> None:
    if any(a.ministry_id != ministry.pk for a in accounts):
        raise ValidationError("Аккаунт другого министерства")


def _apply(post: Post, data: dict[str, Any]) -> None:
    for name in POST_FIELDS:
        if name in data:
            setattr(post, name, data[name])
    post.style_score = style_score(post.text)


def _sync_publications(post: Post, accounts: Sequence[Account]) -> None:
    current = {p.account_id: p for p in post.publications.all()}
    wanted = {a.pk: a for a in accounts}
    for account_id, pub in current.items():
        if account_id not in wanted:
            pub.delete()
    kind = Publication.Kind.REPOST if post.is_repost else Publication.Kind.ORIGINAL
    post.publications.filter(status__in=(P.DRAFT, P.PENDING, P.FAILED)).update(kind=kind)
    for account_id, account in wanted.items():
        if account_id not in current:
            Publication.objects.create(post=post, account=account, kind=kind)


@transaction.atomic
def do_create_post(
    ministry: Ministry,
    data: dict[str, Any],
    accounts: Sequence[Account],
    *,
    actor: Any,
    source_type: str = "",
    source_id: str = "",
) -> Post:
    """A draft; ``source_type/source_id`` link it to where it came from (a submission)."""
    _check_accounts(ministry, accounts)
    post = Post(
        ministry=ministry, created_by=_user(actor), source_type=source_type, source_id=source_id
    )
    _apply(post, data)
    post.save()
    _sync_publications(post, accounts)
    _audit("content.post.create", post, actor, None)
    return post


@transaction.atomic
def do_update_post(
    post: Post, data: dict[str, Any], accounts: Sequence[Account], *, actor: Any
) -> Post:
    post = lock_post(post)
    if not editable(post):
        raise ValidationError("Публикацию уже не изменить: она вышла или публикуется")
    _check_accounts(post.ministry, accounts)
    before = post_snapshot(post)
    _apply(post, data)
    post.save()
    _sync_publications(post, accounts)
    if post.status == S.SCHEDULED and post.publish_at is not None:
        _prepare(post, post.publish_at, timezone.now())
    _audit("content.post.update", post, actor, before)
    return post


def schedule_problems(post: Post, at: datetime, now: datetime) -> list[str]:
    accounts = [p.account for p in post.publications.select_related("account")]
    media = MediaCounts.of(post.media.all())
    policy = policy_for(post.ministry)
    problems = post_problems(post, accounts, media, policy) + timing_problems(at, now)
    return problems + cap_problems(post, accounts, at, policy)


def _prepare(post: Post, at: datetime, now: datetime) -> None:
    """Validate, then freeze what each account gets and queue it for ``at``."""
    problems = schedule_problems(post, at, now)
    if problems:
        raise ValidationError(problems)
    locked = post.publications.select_for_update(of=("self",)).select_related("account")
    pubs = {p.account_id: p for p in locked}
    media = MediaCounts.of(post.media.all())
    tz = policy_for(post.ministry).tz()
    for plan in plans(post, [p.account for p in pubs.values()], media, tz):
        _queue(pubs[plan.account.pk], plan.adapted.text, plan.adapted.link or "", at)
    post.status, post.publish_at = S.SCHEDULED, at
    post.save(update_fields=["status", "publish_at", "updated_at"])
    refresh_post_status(post)  # a publication that could not be queued failed at once


def _queue(pub: Publication, text: str, link: str, at: datetime) -> None:
    """Conditional on the row still waiting: a worker may have started it meanwhile."""
    changed = Publication.objects.filter(pk=pub.pk, status__in=WAITING).update(
        text=text, link=link, status=P.PENDING, due_at=at, attempts=0, last_error=""
    )
    if not changed:
        raise ValidationError("Публикация выходит прямо сейчас — дождитесь результата")
    queue_publication(pub, at)


@transaction.atomic
def do_schedule(post: Post, at: datetime, *, actor: Any, reason: str = "") -> Post:
    post = lock_post(post)
    if not editable(post):
        raise ValidationError("Эту публикацию уже не запланировать: она вышла или публикуется")
    before = post_snapshot(post)
    _prepare(post, at, timezone.now())
    _audit("content.post.schedule", post, actor, before, reason)
    return post


def do_publish_now(post: Post, *, actor: Any) -> Post:
    """Queue for the next dispatch tick (seconds away)."""
    return do_schedule(post, timezone.now(), actor=actor, reason="опубликовать сейчас")


@transaction.atomic
def do_reschedule(post: Post, at: datetime, *, actor: Any) -> Post:
    post = lock_post(post)
    if post.status != S.SCHEDULED or not editable(post):
        raise ValidationError("Перенести можно только запланированную и ещё не вышедшую публикацию")
    problems = timing_problems(at, timezone.now())
    problems += cap_problems(
        post, [p.account for p in post.publications.all()], at, policy_for(post.ministry)
    )
    if problems:
        raise ValidationError(problems)
    before = post_snapshot(post)
    if post.publications.filter(status=P.ATTEMPTING).exists():
        raise ValidationError("Публикация выходит прямо сейчас — дождитесь результата")
    for pub in post.publications.filter(status=P.PENDING):
        reschedule_publication(pub, at)
    post.publications.filter(status=P.PENDING).update(due_at=at)
    post.publish_at = at
    post.save(update_fields=["publish_at", "updated_at"])
    _audit("content.post.reschedule", post, actor, before)
    return post


def _removal_warnings(pubs: Sequence[Publication], post: Post) -> list[str]:
    policy = policy_for(post.ministry)
    verdicts = [removal_verdict(p, policy) for p in pubs]
    return [v.message for v in verdicts if not v.allowed]


@transaction.atomic
def do_cancel_post(post: Post, *, actor: Any, confirm: bool = False, reason: str = "") -> Post:
    post = lock_post(post)
    pubs = list(post.publications.select_related("account"))
    if any(p.status == P.ATTEMPTING for p in pubs):
        raise ValidationError("Публикация выходит прямо сейчас — дождитесь результата")
    waiting = [p for p in pubs if p.status in WAITING]
    warnings = _removal_warnings([p for p in waiting if p.status == P.PENDING], post)
    if warnings and not confirm:
        raise CapWarning(warnings)
    before = post_snapshot(post)
    for pub in waiting:
        withdraw_publication(pub, "Публикация отменена")
    ids = [p.pk for p in waiting]
    Publication.objects.filter(pk__in=ids, status__in=WAITING).update(status=P.CANCELLED)
    post.status = refresh_post_status(post)
    _audit("content.post.cancel", post, actor, before, reason or "; ".join(warnings))
    return post


@transaction.atomic
def do_delete_post(post: Post, *, actor: Any) -> None:
    """Delete a post that never went out (a draft, a cancelled or failed one)."""
    post = lock_post(post)
    if not editable(post) and post.status != S.CANCELLED:
        raise ValidationError("Вышедшую публикацию удаляют из соцсети, а не из системы")
    if post.publications.filter(status__in=LOCKED).exists():
        raise ValidationError("Вышедшую публикацию удаляют из соцсети, а не из системы")
    before = post_snapshot(post)
    for pub in post.publications.filter(status__in=WAITING):
        withdraw_publication(pub, "Публикация удалена")
    record("content.post.delete", actor=actor, obj=post, ministry=post.ministry, before=before)
    for media in post.media.all():
        media.file.delete(save=False)
    post.delete()


@transaction.atomic
def do_retry_publication(pub: Publication, *, actor: Any) -> Publication:
    pub = Publication.objects.select_for_update(of=("self",)).select_related("post").get(pk=pub.pk)
    if pub.status != P.FAILED:
        raise ValidationError("Повторить можно только публикацию с ошибкой")
    before = snapshot(pub)
    pub.status, pub.due_at, pub.attempts = P.PENDING, timezone.now(), 0
    pub.save(update_fields=["status", "due_at", "attempts", "updated_at"])
    queue_publication(pub, pub.due_at)
    refresh_post_status(pub.post)
    record(
        "content.publication.retry_requested",
        actor=actor,
        obj=pub,
        ministry=pub.post.ministry,
        before=before,
        after=snapshot(pub),
    )
    return pub


def do_remove_published(pub: Publication, *, actor: Any, confirm: bool = False) -> Publication:
    """Delete a published post from its network (warns first if the cap would break).
    The deletion is an operation of the outbound queue, attempted at once when the rate
    limiter has room; its outcome marks the publication deleted (or keeps the error)."""
    if pub.status != P.PUBLISHED:
        raise ValidationError("Удалить из соцсети можно только вышедшую публикацию")
    warnings = _removal_warnings([pub], pub.post)
    if warnings and not confirm:
        raise CapWarning(warnings)
    connection = Connection.objects.filter(account_id=pub.account_id).first()
    if connection is None:
        raise ValidationError(f"Соцсеть не удалила публикацию: {NOT_CONNECTED}")
    reason = "; ".join(warnings)
    record("content.publication.remove_requested", actor=actor, obj=pub,
           ministry=pub.post.ministry, reason=reason)  # fmt: skip
    op = remove_published(pub, connection, reason)
    op.refresh_from_db()
    if op.state in (op.State.FAILED, op.State.NEEDS_PERSON):
        raise ValidationError(f"Соцсеть не удалила публикацию: {op.last_error}")
    pub.refresh_from_db()
    return pub
