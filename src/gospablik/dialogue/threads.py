"""Opening a thread for a resident's comment or message, and following moderation.

Called from moderation's save signal (see :mod:`.receivers`): the comment's row is
moderation's, the thread is the dialogue's layer over it.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.dialogue.classifier import classify
from gospablik.dialogue.duties import (
    ANSWER,
    FINAL,
    cancel_clocks,
    close_clocks,
    open_answer_clock,
    spec_for,
)
from gospablik.dialogue.models import Answer, Thread
from gospablik.dialogue.routing import looks_like_appeal, topic_of
from gospablik.moderation.models import Comment, Message
from gospablik.networks.models import Connection
from gospablik.orgs.models import Organization

HIDDEN_COMMENT = (Comment.Status.DELETED, Comment.Status.HIDDEN)


def open_thread(source: Comment | Message) -> Thread | None:
    """The new thread of a resident's comment or message; None if it already has one."""
    thread = _thread(source)
    try:
        with transaction.atomic():
            thread.save()
            _start(thread)
    except IntegrityError:
        return None
    return thread


def _thread(source: Comment | Message) -> Thread:
    is_comment = isinstance(source, Comment)
    comment = source if isinstance(source, Comment) else None
    message = source if isinstance(source, Message) else None
    verdict = classify(source.text)
    thread = Thread(
        ministry_id=source.ministry_id,
        account=source.account,
        network=source.network,
        kind=Thread.Kind.COMMENT if is_comment else Thread.Kind.MESSAGE,
        comment=comment,
        message=message,
        post_id=getattr(source, "post_id", ""),
        author_id=source.author_id,
        received_at=source.received_at,
        category=verdict.kind,
        machine_category=verdict.kind,
        score=round(verdict.score, 3),
        reasons=list(verdict.reasons),
        needs_answer=verdict.needs_answer,
        appeal_suspected=looks_like_appeal(source.text, verdict.kind),
    )
    if is_comment and source.status in HIDDEN_COMMENT:
        thread.status = Thread.Status.HIDDEN
    return thread


def _start(thread: Thread) -> None:
    spec = spec_for(thread.ministry)
    if spec is not None:
        topic = topic_of(thread.text, spec.topics)
        if topic is not None:
            thread.topic = topic.key
            if topic.org:
                thread.routed_org = Organization.objects.filter(
                    ministry_id=thread.ministry_id, key=topic.org
                ).first()
    if thread.needs_answer and thread.status == Thread.Status.NEW and spec is not None:
        duty = open_answer_clock(thread, spec)
        thread.due_at = thread.first_due_at = duty.due_at
    thread.save()
    record(
        "dialogue.thread_open",
        obj=thread,
        ministry=thread.ministry,
        after={
            "category": thread.category,
            "needs_answer": thread.needs_answer,
            "topic": thread.topic,
            "due_at": thread.due_at.isoformat() if thread.due_at else None,
        },
    )


def follow_moderation(comment: Comment) -> None:
    """A comment deleted or hidden by moderation: its open thread is hidden, clocks stop."""
    thread = Thread.objects.filter(comment=comment).first()
    if thread is None or not thread.is_open or comment.status not in HIDDEN_COMMENT:
        return
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        thread.status = Thread.Status.HIDDEN
        thread.save(update_fields=["status"])
        cancel_clocks(thread, (ANSWER, FINAL), None, "Комментарий скрыт или удалён модерацией")
        record("dialogue.thread_hidden", obj=thread, ministry=thread.ministry,
               after={"status": thread.status, "comment_status": comment.status})  # fmt: skip


COMMUNITY_KEYS = ("group_id", "page_id", "ig_user_id", "channel_id", "discussion_chat_id")


def by_community(comment: Comment) -> bool:
    """The community's own comment (our answers read back): never a resident's thread."""
    author = comment.author_id.lstrip("-")
    if not author:
        return False
    ours = {str(comment.account.network_id or "").lstrip("-")}
    connection = Connection.objects.filter(account_id=comment.account_id).first()
    if connection is not None:
        ours |= {str(connection.config.get(k, "")).lstrip("-") for k in COMMUNITY_KEYS}
    return author in ours - {""}


def on_source_saved(source: Any, created: bool) -> None:
    if isinstance(source, Comment) and by_community(source):
        return
    if isinstance(source, Comment):
        if not created and Thread.objects.filter(comment=source).exists():
            follow_moderation(source)
        elif source.text and not source.is_tombstone:
            open_thread(source)
    elif created and isinstance(source, Message):
        open_thread(source)
    elif isinstance(source, Message):
        follow_inbox(source)


def follow_inbox(message: Message) -> None:
    """Moderation's message inbox is a view of the same data: an answer or a close there
    settles the message's thread and its clocks."""
    settled = {
        Message.Status.ANSWERED: Thread.Status.ANSWERED,
        Message.Status.CLOSED: Thread.Status.NOT_NEEDED,
    }.get(Message.Status(message.status))
    thread = Thread.objects.filter(message=message).first()
    if settled is None or thread is None or not thread.is_open:
        return
    if settled == Thread.Status.ANSWERED and _delivery_failed(thread):
        return
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        thread.status, thread.due_at = settled, None
        if settled == Thread.Status.ANSWERED:
            thread.answered_at = message.answered_at or timezone.now()
            thread.first_answer_at = thread.first_answer_at or thread.answered_at
            close_clocks(thread, (ANSWER, FINAL), message.answered_by, "Ответ дан в сообщениях")
        else:
            cancel_clocks(thread, (ANSWER, FINAL), None, "Закрыто без ответа в сообщениях")
        thread.save()
        record("dialogue.thread_settled", obj=thread, ministry=thread.ministry,
               after={"status": thread.status, "message_status": message.status})  # fmt: skip


def _delivery_failed(thread: Thread) -> bool:
    """The thread's latest answer did not reach the resident: the message's «answered»
    does not close the thread (delivery reopened it; a sent retry closes it)."""
    latest = thread.answers.order_by("-pk").first()
    return latest is not None and latest.state in (Answer.State.FAILED, Answer.State.NEEDS_PERSON)
