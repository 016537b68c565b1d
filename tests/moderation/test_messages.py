"""Private messages land in the inbox, are flagged like comments, assigned and answered
(VK: sent with ``messages.send`` after the answer is recorded; a failure keeps it)."""

from __future__ import annotations

from gospablik.audit.models import AuditEntry
from gospablik.moderation.inbox import answer_and_send, send_answer
from gospablik.moderation.models import Message
from gospablik.networks.models import Connection
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, CLEAN, OBSCENE, client_for


def test_a_message_lands_in_the_inbox_once(vk_account, vk_emulator):
    sent = vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = Message.objects.get()
    assert message.network_message_id == str(sent["id"]) and not message.flagged
    assert message.author_id == str(AUTHOR) and message.status == "new"


def test_an_abusive_message_is_flagged(vk_account, vk_emulator):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=OBSCENE)
    message = Message.objects.get()
    assert message.flagged and "obscenity" in message.labels


def test_assign_and_answer(vk_account, vk_emulator, moderator, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = Message.objects.get()
    client = client_for(moderator)
    base = f"/{health.key}/moderation/inbox/{message.pk}"
    client.post(f"{base}/assign/", {"assignee": moderator.pk})
    response = client.post(
        f"{base}/answer/", {"text": "Справку выдают в регистратуре."}, follow=True
    )
    message.refresh_from_db()
    assert message.assigned_to == moderator and message.status == "answered"
    assert message.answer_sent is True
    assert "Ответ отправлен в соцсеть." in response.content.decode()
    [sent] = vk_emulator.sent_messages(VK_GROUP)
    assert sent["peer_id"] == AUTHOR and sent["text"] == "Справку выдают в регистратуре."


def test_a_retried_send_does_not_send_twice(vk_account, vk_emulator, moderator):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = answer_and_send(Message.objects.get(), "Ответ", actor=moderator)
    send_answer(message, actor=moderator)  # e.g. a timeout after VK accepted it
    assert len(vk_emulator.sent_messages(VK_GROUP)) == 1
    assert AuditEntry.objects.filter(action="moderation.message_answer_send").count() == 2


def test_a_failed_send_keeps_the_answer_and_says_why(vk_account, vk_emulator, moderator):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = Message.objects.get()
    message.author_id = "999"  # VK refuses: this user never wrote to the community
    message.save()
    message = answer_and_send(message, "Ответ", actor=moderator)
    assert message.answer_text == "Ответ" and message.status == "answered"
    assert message.answer_sent is False and "не отправлен" in message.answer_note
    assert vk_emulator.sent_messages(VK_GROUP) == []


def test_an_unconnected_account_is_answered_by_hand(vk_account, vk_emulator, moderator):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    Connection.objects.all().delete()
    message = answer_and_send(Message.objects.get(), "Ответ", actor=moderator)
    assert message.answer_sent is False and "не подключён" in message.answer_note


def test_only_moderators_can_be_assigned(vk_account, vk_emulator, moderator, keeper, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = Message.objects.get()
    url = f"/{health.key}/moderation/inbox/{message.pk}/assign/"
    client_for(moderator).post(url, {"assignee": keeper.pk})
    message.refresh_from_db()
    assert message.assigned_to is None
