"""Answering a thread: check, de-duplicate, approve where the policy asks, queue, settle.

The answer is checked before anything is stored (a refused draft stays with the caller);
the same text for the same thread within a minute returns the first answer; an answer that
needs approval waits for an approver with its own short clock; a queued answer goes out
through the one outbound queue and its outcome settles the thread in the same transaction.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.dialogue import delivery
from gospablik.dialogue.access import may_approve, needs_approval, require_answer
from gospablik.dialogue.checks import problems
from gospablik.dialogue.duties import APPROVAL, close_clocks, open_clock, spec_for
from gospablik.dialogue.models import Answer, Thread

REPEAT_WINDOW = timedelta(minutes=1)
SELF_APPROVAL = "Согласовать ответ может другой сотрудник, отвечающий без согласования"


class AnswerRefused(ValidationError):
    """The answer cannot go out as written (the reasons are user-facing, translated)."""


def text_key(text: str) -> str:
    plain = " ".join(text.split()).casefold()
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()[:32]


def check_answer(thread: Thread, text: str) -> None:
    found = problems(text, thread.network, private=thread.kind == Thread.Kind.MESSAGE)
    if found:
        raise AnswerRefused(found)


@transaction.atomic
def do_answer(thread: Thread, text: str, *, actor: Any, interim: bool = False) -> Answer:
    """Queue (or hold for approval) an answer; a repeat within a minute returns the first."""
    check_answer(thread, text)
    require_answer(actor, thread)
    thread = (
        Thread.objects.select_for_update().select_related("account", "ministry").get(pk=thread.pk)
    )
    repeat = _recent_same(thread, text)
    if repeat is not None:
        return repeat
    waiting = needs_approval(actor, thread)
    answer = Answer.objects.create(
        thread=thread, text=text.strip(), text_key=text_key(text), interim=interim,
        private=thread.kind == Thread.Kind.MESSAGE, author=actor,
        state=Answer.State.AWAITING_APPROVAL if waiting else Answer.State.QUEUED,
    )  # fmt: skip
    _take_in_work(thread)
    record("dialogue.answer", actor=actor, obj=answer, ministry=thread.ministry,
           after=snapshot(answer, ["text_key"]))  # fmt: skip
    if waiting:
        _open_approval_clock(thread, answer)
    else:
        delivery.queue(answer)
    return answer


def _recent_same(thread: Thread, text: str) -> Answer | None:
    since = timezone.now() - REPEAT_WINDOW
    return (
        Answer.objects.filter(thread=thread, text_key=text_key(text), created_at__gte=since)
        .exclude(state__in=(Answer.State.FAILED, Answer.State.REJECTED))
        .order_by("pk")
        .first()
    )


def _take_in_work(thread: Thread) -> None:
    if thread.status == Thread.Status.NEW:
        thread.status = Thread.Status.IN_PROGRESS
        thread.save(update_fields=["status"])


def _open_approval_clock(thread: Thread, answer: Answer) -> None:
    spec = spec_for(thread.ministry)
    if spec is None or spec.approval_within is None:
        return
    title = f"Согласовать ответ жителю («{thread.account.title}»)"
    open_clock(thread, APPROVAL, answer.created_at, spec.approval_within, title, spec)


def _locked_answer(answer: Answer) -> Answer:
    return Answer.objects.select_for_update().select_related("thread__ministry").get(pk=answer.pk)


@transaction.atomic
def do_approve_answer(answer: Answer, *, actor: Any) -> Answer:
    answer = _locked_answer(answer)
    if answer.state != Answer.State.AWAITING_APPROVAL:
        raise ValidationError("Ответ не ждёт согласования")
    if not may_approve(actor, answer.thread) or actor == answer.author:
        raise PermissionDenied(
            "Согласовать ответ может другой сотрудник, отвечающий без согласования"
        )
    before = snapshot(answer, ["text_key"])
    answer.state, answer.approver, answer.approved_at = Answer.State.QUEUED, actor, timezone.now()
    answer.save()
    close_clocks(answer.thread, (APPROVAL,), actor, "Ответ согласован")
    record("dialogue.approve", actor=actor, obj=answer, ministry=answer.thread.ministry,
           before=before, after=snapshot(answer, ["text_key"]))  # fmt: skip
    delivery.queue(answer)
    return answer


@transaction.atomic
def do_reject_answer(answer: Answer, *, actor: Any, reason: str) -> Answer:
    answer = _locked_answer(answer)
    if answer.state != Answer.State.AWAITING_APPROVAL:
        raise ValidationError("Ответ не ждёт согласования")
    if not may_approve(actor, answer.thread):
        raise PermissionDenied("Недостаточно прав для согласования")
    before = snapshot(answer, ["text_key"])
    answer.state, answer.approver, answer.error = Answer.State.REJECTED, actor, reason.strip()
    answer.save()
    close_clocks(answer.thread, (APPROVAL,), actor, "Ответ не согласован")
    record("dialogue.reject", actor=actor, obj=answer, ministry=answer.thread.ministry,
           before=before, after=snapshot(answer, ["text_key"]), reason=reason)  # fmt: skip
    return answer


@transaction.atomic
def do_retry_answer(answer: Answer, *, actor: Any) -> Answer:
    """A failed answer queued again (after the cause was fixed)."""
    answer = _locked_answer(answer)
    if answer.state not in (Answer.State.FAILED, Answer.State.NEEDS_PERSON):
        raise ValidationError("Повторить можно только неотправленный ответ")
    require_answer(actor, answer.thread)
    before = snapshot(answer, ["text_key"])
    answer.state, answer.error = Answer.State.QUEUED, ""
    answer.save()
    record("dialogue.retry", actor=actor, obj=answer, ministry=answer.thread.ministry,
           before=before, after=snapshot(answer, ["text_key"]))  # fmt: skip
    delivery.requeue(answer)
    return answer
