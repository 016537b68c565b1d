"""Answers on the outbound queue: how a reply is executed and what its outcome does.

Public answers use the queue's ``reply_comment`` kind (the connector's ``reply_comment``
in the comment's thread, as the community); private answers the one private-answer kind
shared with moderation's message inbox (:mod:`.private`). The outcome handler runs in the
transaction that records the operation's state: the answer and its thread settle exactly
once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.dialogue import private
from gospablik.dialogue.duties import (
    ANSWER,
    FINAL,
    close_clocks,
    open_answer_clock,
    open_clock,
    spec_for,
)
from gospablik.dialogue.models import Answer, Thread
from gospablik.networks.base import Capability
from gospablik.networks.models import Connection
from gospablik.networks.outbound import (
    Operation,
    enqueue,
    executor,
    for_subject,
    on_outcome,
    read_back,
)
from gospablik.networks.outbound import requeue as requeue_operation
from gospablik.networks.outbound.step import CannotCheck

REPLY = "reply_comment"
TOP_LEVEL_REPLIES = frozenset({"instagram"})
UNCHECKED = (
    "Ответ мог уйти, но соцсеть не подтвердила отправку и не даёт это проверить — "
    "посмотрите в соцсети, прежде чем отправлять снова."
)
NOT_CONNECTED = (
    "Аккаунт не подключён к соцсети: ответ не отправлен. Подключите аккаунт и повторите."
)


def queue(answer: Answer) -> None:
    thread = answer.thread
    connection = Connection.objects.filter(account_id=thread.account_id).first()
    if connection is None:
        _settle_failed(answer, NOT_CONNECTED)
        return
    if answer.private:
        private.queue_answer(answer, connection)
        return
    key = f"dialogue-answer-{answer.pk}"
    Answer.objects.filter(pk=answer.pk).update(operation_key=key)
    enqueue(REPLY, connection, _reply(thread, answer), key=key, subject=answer)


def _reply(thread: Thread, answer: Answer) -> dict[str, Any]:
    comment = thread.comment
    assert comment is not None
    target = comment.network_comment_id
    if thread.network in TOP_LEVEL_REPLIES and comment.parent_id:
        target = comment.parent_id  # Instagram answers in the top-level comment's thread
    return {"post_id": comment.post_id, "comment_id": target, "text": answer.text}


def requeue(answer: Answer) -> None:
    """A person's retry: the same operation queued again (its key stays, so never twice)."""
    op = for_subject(answer).first()
    if op is None:
        queue(answer)
    else:
        requeue_operation(op)


@executor(REPLY)
def run_reply(connector: Any, op: Operation) -> dict[str, Any]:
    payload = op.payload
    reply_id = connector.reply_comment(
        str(payload["post_id"]), str(payload["comment_id"]), str(payload["text"]), op.key
    )
    return {"reply_id": reply_id}


@read_back(REPLY)
def replied_already(connector: Any, op: Operation) -> dict[str, Any] | None:
    """Before repeating an attempt that may have been applied: our reply in the comment's
    thread (VK's ``guid`` makes a repeat harmless anyway); networks that cannot list
    comments (Telegram) cannot tell, and a person looks."""
    if type(connector).network == "vk":
        return None
    if (
        Capability.READ_COMMENTS not in type(connector).capabilities
        or connector.network == "telegram"
    ):
        raise CannotCheck(UNCHECKED, network=type(connector).network)
    payload = op.payload
    for comment in connector.read_comments(str(payload["post_id"])):
        if comment.parent_id == str(payload["comment_id"]) and comment.text == payload["text"]:
            return {"reply_id": comment.comment_id}
    return None


@on_outcome(REPLY)
def settle(op: Operation) -> None:
    answer = (
        Answer.objects.select_related("thread__ministry", "thread__account")
        .filter(operation_key=op.key, thread__account_id=op.connection.account_id)
        .first()
    )
    if answer is not None:
        settle_answer(answer, op)


def settle_answer(answer: Answer, op: Operation) -> None:
    """The answer and its thread after the operation's outcome (public or private)."""
    if op.state == Operation.State.DONE:
        _settle_sent(answer, str(op.result.get("reply_id") or op.result.get("message_id") or ""))
    elif op.state == Operation.State.NEEDS_PERSON:
        _settle_failed(answer, op.last_error, Answer.State.NEEDS_PERSON)
    else:
        _settle_failed(answer, op.last_error)


def settle_sent_history(answer: Answer, network_id: str, when: datetime) -> None:
    """An answer the network accepted at ``when`` (the demo's history, imported answers)."""
    _settle_sent(answer, network_id, when)


def _settle_sent(answer: Answer, network_id: str, when: datetime | None = None) -> None:
    now = when or timezone.now()
    answer.state, answer.network_answer_id, answer.sent_at = Answer.State.SENT, network_id, now
    answer.error = ""
    answer.save(update_fields=["state", "network_answer_id", "sent_at", "error"])
    thread = Thread.objects.select_for_update().get(pk=answer.thread_id)
    thread.first_answer_at = thread.first_answer_at or now
    if answer.interim:
        _interim(thread, now)
    else:
        thread.status, thread.answered_at, thread.due_at = Thread.Status.ANSWERED, now, None
        close_clocks(thread, (ANSWER, FINAL), answer.author, "Ответ опубликован")
    thread.save()
    after = {"state": answer.state, "network_id": network_id, "thread": thread.status}
    record("dialogue.answer_sent", obj=answer, ministry=answer.thread.ministry, after=after)


def _interim(thread: Thread, now: Any) -> None:
    """«Уточняем, ответим до …»: the first clock closes, the final clock starts."""
    close_clocks(thread, (ANSWER,), None, "Дан промежуточный ответ")
    thread.interim_at, thread.status = now, Thread.Status.IN_PROGRESS
    spec = spec_for(thread.ministry)
    if spec is None or spec.final_answer_within is None:
        return
    title = f"Дать окончательный ответ жителю («{thread.account.title}»)"
    duty = open_clock(thread, FINAL, now, spec.final_answer_within, title, spec)
    thread.due_at = duty.due_at


def _settle_failed(answer: Answer, reason: str, state: str = Answer.State.FAILED) -> None:
    answer.state, answer.error = state, reason or "Соцсеть не приняла ответ"
    answer.save(update_fields=["state", "error"])
    record("dialogue.answer_failed", obj=answer, ministry=answer.thread.ministry,
           after={"state": answer.state, "error": answer.error})  # fmt: skip
    _reopen(answer)


@transaction.atomic
def _reopen(answer: Answer) -> None:
    """A thread marked answered (moderation's inbox does so before sending) whose answer
    then failed is open again, in work, with its clock back at its original deadline."""
    thread = Thread.objects.select_for_update().get(pk=answer.thread_id)
    sent = thread.answers.filter(state=Answer.State.SENT).exclude(pk=answer.pk)
    if thread.status != Thread.Status.ANSWERED or sent.filter(interim=False).exists():
        return
    thread.status, thread.answered_at = Thread.Status.IN_PROGRESS, None
    if not sent.exists():
        thread.first_answer_at = None
    thread.due_at = _restart_clock(thread)
    thread.save()
    record("dialogue.thread_reopened", obj=thread, ministry=thread.ministry,
           after={"status": thread.status, "error": answer.error,
                  "due_at": thread.due_at.isoformat() if thread.due_at else None})  # fmt: skip


def _restart_clock(thread: Thread) -> datetime | None:
    """The clock the answer closed, opened again from its own start (same deadline)."""
    spec = spec_for(thread.ministry)
    if spec is None or not thread.needs_answer:
        return None
    if thread.interim_at is None:
        return open_answer_clock(thread, spec).due_at
    if spec.final_answer_within is None:
        return None
    title = f"Дать окончательный ответ жителю («{thread.account.title}»)"
    return open_clock(
        thread, FINAL, thread.interim_at, spec.final_answer_within, title, spec
    ).due_at
