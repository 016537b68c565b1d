"""The one private-answer kind of the outbound queue, whichever page the answer came from.

An answer to a private message is written on the dialogue's thread page or in
moderation's message inbox. Both queue ``dialogue.private_answer`` with the message and
the dialogue's answer, and one outcome handler settles both: the dialogue's answer and
thread, and moderation's Message row. An answer sent from either place shows in both.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from gospablik.audit.log import record, snapshot
from gospablik.dialogue.models import Answer, Thread
from gospablik.moderation import inbox
from gospablik.moderation.models import Message
from gospablik.networks.models import Connection
from gospablik.networks.outbound import Operation, enqueue, executor, on_outcome, on_retry
from gospablik.networks.outbound import read_back as read_back_kind
from gospablik.networks.outbound.step import CannotCheck

KIND = "dialogue.private_answer"
UNCHECKED = (
    "Ответ мог уйти, но соцсеть не подтвердила отправку и не даёт это проверить — "
    "посмотрите в сообщениях сообщества, прежде чем отправлять снова."
)


def queue_answer(answer: Answer, connection: Connection) -> Operation:
    """The dialogue's answer to a message thread."""
    key = f"dialogue-answer-{answer.pk}"
    Answer.objects.filter(pk=answer.pk).update(operation_key=key)
    payload = {"message": answer.thread.message_id, "answer": answer.pk, "actor": answer.author_id}
    return enqueue(KIND, connection, payload, key=key, subject=answer)


def queue_inbox_answer(message: Message, connection: Connection, actor: Any, key: str) -> Operation:
    """Moderation's inbox answer: the message's thread gets the answer too (once per key)."""
    answer = _inbox_answer(message, actor, key)
    payload = {
        "message": message.pk,
        "answer": answer.pk if answer else None,
        "actor": getattr(actor, "pk", None),
        "inbox": True,
    }
    return enqueue(KIND, connection, payload, key=key, subject=answer or message)


def _inbox_answer(message: Message, actor: Any, key: str) -> Answer | None:
    from gospablik.dialogue.answering import text_key

    thread = Thread.objects.filter(message=message).select_related("ministry").first()
    if thread is None or actor is None:
        return None
    answer, created = Answer.objects.get_or_create(
        thread=thread, operation_key=key,
        defaults={"text": message.answer_text, "text_key": text_key(message.answer_text),
                  "private": True, "author": actor, "state": Answer.State.QUEUED},
    )  # fmt: skip
    if created:
        record("dialogue.answer", actor=actor, obj=answer, ministry=thread.ministry,
               after=snapshot(answer, ["text_key"]))  # fmt: skip
    return answer


def _answer(op: Operation) -> Answer | None:
    found = Answer.objects.select_related("thread__ministry", "thread__account")
    return found.filter(
        pk=op.payload.get("answer"), thread__account_id=op.connection.account_id
    ).first()


def _text(op: Operation, message: Message) -> str:
    answer = _answer(op) if op.payload.get("answer") else None
    return answer.text if answer is not None else message.answer_text


@executor(KIND)
def send(connector: Any, op: Operation) -> dict[str, Any]:
    message = Message.objects.get(pk=op.payload["message"])
    sent = connector.send_message(message.author_id, _text(op, message), op.key)
    return {"message_id": sent}


@read_back_kind(KIND)
def sent_already(connector: Any, op: Operation) -> dict[str, Any] | None:
    """VK dedups private messages by ``random_id`` (a repeat is harmless); elsewhere
    nobody can tell, and a person looks."""
    if type(connector).idempotent_messages:
        return None
    raise CannotCheck(UNCHECKED, network=type(connector).network)


@on_outcome(KIND)
def settle(op: Operation) -> None:
    """Both views of the answer in the outcome's transaction: the dialogue's answer and
    thread, then moderation's Message (the answer's text once it was sent)."""
    from gospablik.dialogue.delivery import settle_answer

    answer = _answer(op)
    if answer is not None:
        settle_answer(answer, op)
    message = Message.objects.filter(pk=op.payload.get("message")).first()
    if message is None:
        return
    actor = get_user_model().objects.filter(pk=op.payload.get("actor")).first()
    sent_text = None
    if answer is not None and not op.payload.get("inbox") and op.state == Operation.State.DONE:
        sent_text = answer.text
    inbox.record_outcome(
        message, op, actor, text=sent_text, final=answer is None or not answer.interim
    )


@on_retry(KIND)
def retrying(op: Operation) -> None:
    inbox.record_retry(op.payload.get("message"), op.last_error)
