"""The inbox of private messages to the communities: assign, answer, close.

An answer is recorded first; then, where the network's connector can send a private
message (VK ``messages.send``), it is sent after the record has committed and the
message says whether it went. Elsewhere the page says plainly that the answer has to
be sent in the network's own interface. A failed send keeps the answer and says why.
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
from gospablik.networks.base import Capability, ConnectorError
from gospablik.networks.connections import capabilities_of, connector_for
from gospablik.networks.models import Connection
from gospablik.orgs.access import Perm, has_perm
from gospablik.registry.models import Account

NOT_SENT = (
    "Ответ сохранён в gospablik; отправить его через API этой соцсети нельзя — "
    "отправьте вручную в сообщениях сообщества."
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
    """Send the recorded answer as the community; the outcome lands in ``answer_note``."""
    if Capability.SEND_MESSAGE not in capabilities_of(message.network):
        return message
    connection = Connection.objects.filter(account=message.account).first()
    if connection is None or not connection.is_usable:
        return _sent(message, False, NOT_CONNECTED, actor)
    key = f"gospablik-answer-{message.pk}-{message.answered_at:%Y%m%d%H%M%S%f}"
    try:
        connector_for(connection).send_message(message.author_id, message.answer_text, key)
    except ConnectorError as error:
        return _sent(message, False, f"Ответ сохранён, но не отправлен: {error.message}", actor)
    return _sent(message, True, "Ответ отправлен в соцсеть.", actor)


@transaction.atomic
def _sent(message: Message, sent: bool, note: str, actor: Any) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    message.answer_sent, message.answer_note = sent, note[:500]
    return _save(message, "moderation.message_answer_send", actor, before)


@transaction.atomic
def do_close(message: Message, *, actor: Any) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, ["text", "findings", "scores"])
    message.status = Message.Status.CLOSED
    return _save(message, "moderation.message_close", actor, before)
