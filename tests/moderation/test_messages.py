"""Private messages land in the inbox, are flagged like comments, assigned and answered
(the answer is recorded; no connector can send a private message, and the page says so)."""

from __future__ import annotations

from gospablik.moderation.models import Message
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
    assert message.answer_sent is False
    assert "отправьте вручную" in response.content.decode()


def test_only_moderators_can_be_assigned(vk_account, vk_emulator, moderator, keeper, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    message = Message.objects.get()
    url = f"/{health.key}/moderation/inbox/{message.pk}/assign/"
    client_for(moderator).post(url, {"assignee": keeper.pk})
    message.refresh_from_db()
    assert message.assigned_to is None
