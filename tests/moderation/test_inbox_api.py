"""The inbox through the REST API: list, filters, detail, assign, answer (VK through the
emulator), close; the same doors as the other moderation endpoints; every change audited."""

from __future__ import annotations

import pytest
from django.test import Client

from gospablik.audit.models import AuditEntry
from gospablik.moderation.models import Message
from tests.conftest import VK_GROUP
from tests.foundation.factories import register
from tests.moderation.conftest import AUTHOR, CLEAN, OBSCENE, client_for

ANSWER = "Справку выдают в регистратуре."


@pytest.fixture
def message(vk_account, vk_emulator) -> Message:
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    return Message.objects.get()


def base(health) -> str:
    return f"/api/m/{health.key}/moderation/messages/"


def post(user, url, data=None):
    return client_for(user).post(url, data or {}, content_type="application/json")


def test_it_lists_messages_oldest_first(vk_account, vk_emulator, moderator, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR + 1, text=OBSCENE)
    data = client_for(moderator).get(base(health)).json()
    assert data["count"] == 2
    assert [m["text"] for m in data["results"]] == [CLEAN, OBSCENE]


def test_it_orders_newest_first_on_request(vk_account, vk_emulator, moderator, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR + 1, text=OBSCENE)
    data = client_for(moderator).get(base(health), {"ordering": "-received_at"}).json()
    assert [m["text"] for m in data["results"]] == [OBSCENE, CLEAN]


def test_it_filters_flagged_messages(vk_account, vk_emulator, moderator, health):
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=CLEAN)
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR + 1, text=OBSCENE)
    data = client_for(moderator).get(base(health), {"flagged": "true"}).json()
    assert [m["text"] for m in data["results"]] == [OBSCENE]
    assert "obscenity" in data["results"][0]["labels"]


def test_it_filters_by_status_and_assignee(message, moderator, health):
    post(moderator, f"{base(health)}{message.pk}/assign/", {"assignee": moderator.pk})
    client = client_for(moderator)
    assert client.get(base(health), {"status": "new"}).json()["count"] == 0
    assert client.get(base(health), {"status__in": "new,assigned"}).json()["count"] == 1
    assert client.get(base(health), {"assigned_to": moderator.pk}).json()["count"] == 1
    assert client.get(base(health), {"assigned_to__isnull": "true"}).json()["count"] == 0


def test_it_filters_by_account(message, moderator, health, keeper):
    other = register(health, keeper, url="https://vk.com/another_test")
    client = client_for(moderator)
    assert client.get(base(health), {"account": message.account_id}).json()["count"] == 1
    assert client.get(base(health), {"account": other.pk}).json()["count"] == 0


def test_a_bad_filter_value_is_a_russian_400(message, moderator, health):
    response = client_for(moderator).get(base(health), {"status": "lost"})
    assert response.status_code == 400 and "Выберите" in response.json()["status"][0]


def test_the_detail_shows_the_message(message, moderator, health):
    data = client_for(moderator).get(f"{base(health)}{message.pk}/").json()
    assert data["text"] == CLEAN and data["author_id"] == str(AUTHOR)
    assert data["network"] == "vk" and data["status"] == "new" and data["flagged"] is False
    assert data["assigned_to"] is None and data["answer_text"] == ""
    assert data["received_at"] and "scores" in data and "findings" in data


def test_the_assignees_are_the_moderators(message, moderator, keeper, health):
    data = client_for(moderator).get(f"{base(health)}{message.pk}/assignees/").json()
    assert [p["id"] for p in data] == [moderator.pk]


def test_assign_to_a_moderator(message, moderator, health):
    response = post(moderator, f"{base(health)}{message.pk}/assign/", {"assignee": moderator.pk})
    assert response.status_code == 200
    data = response.json()
    assert data["assigned_to"] == moderator.pk and data["status"] == "assigned"
    assert data["assigned_to_name"] == moderator.username
    entry = AuditEntry.objects.get(action="moderation.message_assign")
    assert entry.actor == moderator and entry.object_id == str(message.pk)


@pytest.mark.parametrize(
    ("who", "error"),
    [
        pytest.param("keeper", "только модератора", id="not-a-moderator"),
        pytest.param("nobody", "только модератора", id="no-such-user"),
        pytest.param("text", "число", id="not-a-number"),
    ],
)
def test_assign_to_anyone_else_is_refused(message, moderator, keeper, health, who, error):
    assignee = {"keeper": keeper.pk, "nobody": 10**9, "text": "модератор"}[who]
    response = post(moderator, f"{base(health)}{message.pk}/assign/", {"assignee": assignee})
    assert response.status_code == 400 and error in response.json()["assignee"][0]
    message.refresh_from_db()
    assert message.assigned_to is None and message.status == "new"
    assert not AuditEntry.objects.filter(action="moderation.message_assign").exists()


def test_answer_on_vk_is_sent_through_the_emulator(message, vk_emulator, moderator, health):
    response = post(moderator, f"{base(health)}{message.pk}/answer/", {"text": ANSWER})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "answered" and data["answer_text"] == ANSWER
    assert data["answer_sent"] is True and data["answer_note"] == "Ответ отправлен в соцсеть."
    assert data["answered_by"] == moderator.pk and data["answered_at"]
    [sent] = vk_emulator.sent_messages(VK_GROUP)
    assert sent["peer_id"] == AUTHOR and sent["text"] == ANSWER
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"moderation.message_answer", "moderation.message_answer_send"} <= actions


def test_a_failed_send_keeps_the_answer_and_the_reason(message, vk_emulator, moderator, health):
    message.author_id = "999"  # VK refuses: this user never wrote to the community
    message.save()
    response = post(moderator, f"{base(health)}{message.pk}/answer/", {"text": ANSWER})
    assert response.status_code == 200
    data = response.json()
    assert data["answer_text"] == ANSWER and data["status"] == "answered"
    assert data["answer_sent"] is False and "не отправлен" in data["answer_note"]
    assert vk_emulator.sent_messages(VK_GROUP) == []
    message.refresh_from_db()
    assert message.answer_note == data["answer_note"]


def test_an_empty_answer_is_a_russian_400(message, vk_emulator, moderator, health):
    response = post(moderator, f"{base(health)}{message.pk}/answer/", {"text": "   "})
    assert response.status_code == 400 and "пуст" in response.json()["text"][0]
    assert Message.objects.get().status == "new" and vk_emulator.sent_messages(VK_GROUP) == []


def test_close(message, moderator, health):
    response = post(moderator, f"{base(health)}{message.pk}/close/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    entry = AuditEntry.objects.get(action="moderation.message_close")
    assert entry.actor == moderator and entry.before["status"] == "new"
    assert entry.after["status"] == "closed"


def test_another_ministrys_message_is_404(message, moderator, health, social):
    account = register(social, url="https://vk.com/szn_test")
    theirs = Message.objects.create(ministry=social, account=account, network="vk",
                                    network_message_id="1", text="чужое")  # fmt: skip
    url = f"{base(health)}{theirs.pk}/"
    assert client_for(moderator).get(url).status_code == 404
    assert post(moderator, f"{url}close/").status_code == 404
    assert Message.objects.get(pk=theirs.pk).status == "new"


def test_a_foreign_user_gets_404_everywhere(message, foreign, health):
    assert client_for(foreign).get(base(health)).status_code == 404
    assert client_for(foreign).get(f"{base(health)}{message.pk}/").status_code == 404
    assert post(foreign, f"{base(health)}{message.pk}/close/").status_code == 404


def test_a_member_without_the_role_gets_403(message, keeper, health):
    response = client_for(keeper).get(base(health))
    assert response.status_code == 403 and CLEAN not in response.content.decode()
    assert post(keeper, f"{base(health)}{message.pk}/close/").status_code == 403


@pytest.mark.parametrize("act", ["assign", "answer", "close"])
def test_the_overseer_neither_reads_nor_writes(message, vk_emulator, head, moderator, health, act):
    response = client_for(head).get(base(health))
    assert response.status_code == 403 and CLEAN not in response.content.decode()
    assert client_for(head).get(f"{base(health)}{message.pk}/").status_code == 403
    body = {"assign": {"assignee": moderator.pk}, "answer": {"text": ANSWER}, "close": {}}[act]
    assert post(head, f"{base(health)}{message.pk}/{act}/", body).status_code == 403
    assert Message.objects.get().status == "new" and vk_emulator.sent_messages(VK_GROUP) == []


def test_anonymous_users_are_refused(message, health):
    response = Client().get(base(health))
    assert response.status_code in (401, 403) and CLEAN not in response.content.decode()
    assert Client().post(f"{base(health)}{message.pk}/close/").status_code in (401, 403)
    assert Message.objects.get().status == "new"
