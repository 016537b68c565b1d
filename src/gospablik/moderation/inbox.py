"""The inbox of private messages to the communities: assign, answer, close.

An answer is recorded first; then, where the network's connector can send a private
message (VK ``messages.send``), its sending is an operation of the outbound queue (once
per answer; the dialogue's one private-answer kind, so the message's thread shows the
answer too), attempted at once when the rate limiter has room; the outcome says on the
message whether it went. Elsewhere the page says plainly that the answer has to be sent
in the network's own interface. A failed send keeps the answer and says why; a send
whose answer was lost on a network without idempotency keys is not repeated: a person
looks in the network.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gospablik.audit.log import record, snapshot
from gospablik.moderation.models import Message
from gospablik.moderation.sla import moderation_org
from gospablik.networks.base import Capability
from gospablik.networks.connections import capabilities_of
from gospablik.networks.models import Connection
from gospablik.networks.outbound import Operation
from gospablik.orgs.access import Perm, has_perm
from gospablik.registry.models import Account

NOT_SENT = (
    "Ответ сохранён в gospablik; отправить его через API этой соцсети нельзя — "
    "отправьте вручную в сообщениях сообщества."
)
SENT = "Ответ отправлен в соцсеть."
UNCHECKED = (
    "Ответ мог уйти, но соцсеть не подтвердила отправку и не даёт это проверить — "
    "посмотрите в сообщениях сообщества, прежде чем отправлять снова."
)
NOT_CONNECTED = (
    "Ответ сохранён в gospablik, но аккаунт не подключён к соцсети — "
    "отправьте вручную в сообщениях сообщества."
)


def assignees(account: Account) -> QuerySet[Any]:
    """Active members of the moderation organization who may moderate."""
    org = moderation_org(account)
    users = (
        get_user_model()
        .objects.filter(memberships__organization=org, memberships__is_active=True, is_active=True)
        .distinct()
    )
    return users.filter(
        pk__in=[u.pk for u in users if has_perm(u, account.ministry, Perm.MODERATE)]
    )


def _save(message: Message, action: str, actor: Any, before: dict[str, Any]) -> Message:
    message.save()
    record(
        action,
        actor=actor,
        obj=message,
        ministry=message.ministry,
        before=before,
        after=snapshot(message, ["text", "findings", "scores"]),
    )
    return message


@transaction.atomic
def do_assign(message: Message, assignee: Any, *, actor: Any) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    message.assigned_to = assignee
    if message.status == Message.Status.NEW:
        message.status = Message.Status.ASSIGNED
    return _save(message, "moderation.message_assign", actor, before)


@transaction.atomic
def do_answer(message: Message, text: str, *, actor: Any) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    message.answer_text, message.answered_at, message.answered_by = text, timezone.now(), actor
    message.status, message.answer_sent, message.answer_note = (
        Message.Status.ANSWERED,
        False,
        NOT_SENT,
    )
    return _save(message, "moderation.message_answer", actor, before)


def answer_and_send(message: Message, text: str, *, actor: Any) -> Message:
    """Record the answer, then send it where the network allows."""
    return send_answer(do_answer(message, text, actor=actor), actor=actor)


def send_answer(message: Message, *, actor: Any) -> Message:
    """Queue the recorded answer (sent at once when the limiter has room); the outcome
    lands in ``answer_note``. The same answer is never sent twice. The kind is the
    dialogue's one private answer: the message's thread shows the answer too."""
    from gospablik.dialogue.private import KIND, queue_inbox_answer

    if Capability.SEND_MESSAGE not in capabilities_of(message.network):
        return message
    connection = Connection.objects.filter(account=message.account).first()
    if connection is None or not connection.is_usable:
        return _sent(message, False, NOT_CONNECTED, actor)
    key = f"gospablik-answer-{message.pk}-{message.answered_at:%Y%m%d%H%M%S%f}"
    earlier = Operation.objects.filter(connection=connection, kind=KIND, key=key).first()
    if earlier is not None and earlier.is_finished:  # asked again: say what happened
        return _sent(message, *_note(earlier), actor)
    op = queue_inbox_answer(message, connection, actor, key)
    op.refresh_from_db()
    if not op.is_finished:
        note = f"Ответ сохранён и ждёт отправки. {op.last_error}".strip()
        return _sent(message, False, note, actor)
    message.refresh_from_db()
    return message


def _note(op: Operation) -> tuple[bool, str]:
    if op.state == Operation.State.DONE:
        return True, SENT
    if op.last_error_code == "cannot_check":
        return False, UNCHECKED
    return False, f"Ответ сохранён, но не отправлен: {op.last_error}"


def record_outcome(
    message: Message, op: Operation, actor: Any, *, text: str | None, final: bool
) -> Message:
    """The private answer's outcome on the message (the one kind's handler calls this).
    ``text``: an answer sent from the dialogue, now shown here too; ``final``: an interim
    answer does not mark the message answered."""
    if text is not None:
        message.answer_text, message.answered_at = text, op.finished_at or timezone.now()
        message.answered_by = actor or message.answered_by
        if final:
            message.status = Message.Status.ANSWERED
        return _sent(message, *_note(op), actor, fields=message)
    return _sent(message, *_note(op), actor)


def record_retry(message_pk: Any, error: str) -> None:
    Message.objects.filter(pk=message_pk).update(
        answer_sent=False, answer_note=f"Ответ сохранён и ждёт отправки. {error}"[:500]
    )


@transaction.atomic
def _sent(
    message: Message, sent: bool, note: str, actor: Any, fields: Message | None = None
) -> Message:
    """``fields``: the message with changed answer fields to save along with the note."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    if fields is not None:
        for name in ("answer_text", "answered_at", "answered_by", "status"):
            setattr(message, name, getattr(fields, name))
    message.answer_sent, message.answer_note = sent, note[:500]
    return _save(message, "moderation.message_answer_send", actor, before)


@transaction.atomic
def do_close(message: Message, *, actor: Any) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    message.status = Message.Status.CLOSED
    return _save(message, "moderation.message_close", actor, before)
