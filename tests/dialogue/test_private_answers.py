"""One private-answer kind on the outbound queue: an answer to a private message sent from
the dialogue's thread or from moderation's message inbox goes out once through the
emulator and shows in both places (the thread's answer and moderation's Message row);
operations of the removed kind ``moderation.answer`` are migrated and still delivered."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.utils import timezone

from gospablik.audit.models import AuditEntry
from gospablik.dialogue.answering import do_answer
from gospablik.dialogue.delivery import requeue
from gospablik.dialogue.duties import ANSWER
from gospablik.dialogue.models import Answer, Thread
from gospablik.dialogue.private import KIND
from gospablik.duties.actions import Subject, open_duties_for
from gospablik.moderation.inbox import SENT, answer_and_send
from gospablik.moderation.inbox import do_answer as inbox_answer
from gospablik.moderation.models import Message
from gospablik.networks.models import Connection
from gospablik.networks.outbound import Operation, run_once
from tests.conftest import VK_GROUP
from tests.dialogue.conftest import QUESTION, committed
from tests.moderation.conftest import AUTHOR

TEXT = "Здравствуйте! Запись к терапевту открывается по понедельникам в 8:00."
migration = importlib.import_module(
    "gospablik.dialogue.migrations.0002_private_answer_kind_and_search"
)


def vk_message_thread(vk_emulator: Any) -> Thread:
    with committed():
        vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=QUESTION)
    return Thread.objects.get(message=Message.objects.get())


def test_a_dialogue_answer_shows_on_the_moderation_message(vk_account, vk_emulator, komiac):
    thread = vk_message_thread(vk_emulator)
    with committed():
        answer = do_answer(thread, TEXT, actor=komiac)
    answer.refresh_from_db()
    thread.refresh_from_db()
    message = Message.objects.get()
    assert answer.state == "sent" and thread.status == "answered"
    assert message.status == "answered" and message.answer_text == TEXT
    assert message.answer_sent is True and message.answer_note == SENT
    assert message.answered_by == komiac
    [sent] = vk_emulator.sent_messages(VK_GROUP)
    assert sent["peer_id"] == AUTHOR and sent["text"] == TEXT
    assert list(Operation.objects.values_list("kind", flat=True)) == [KIND]


def test_an_interim_private_answer_does_not_close_the_message(vk_account, vk_emulator, komiac):
    thread = vk_message_thread(vk_emulator)
    with committed():
        do_answer(thread, "Уточняем, ответим до пятницы.", actor=komiac, interim=True)
    thread.refresh_from_db()
    message = Message.objects.get()
    assert thread.status == "in_progress" and thread.interim_at is not None
    assert message.status == "new" and message.answer_sent is True


def test_an_inbox_answer_shows_in_the_dialogue_thread(vk_account, vk_emulator, moderator):
    thread = vk_message_thread(vk_emulator)
    with committed():
        message = answer_and_send(Message.objects.get(), TEXT, actor=moderator)
    assert message.answer_sent is True
    thread.refresh_from_db()
    [answer] = Answer.objects.filter(thread=thread)
    assert answer.text == TEXT and answer.state == "sent" and answer.private
    assert answer.author == moderator and answer.network_answer_id
    assert thread.status == "answered" and thread.first_answer_at is not None
    assert len(vk_emulator.sent_messages(VK_GROUP)) == 1


def test_a_failed_dialogue_answer_says_why_in_both_places(vk_account, vk_emulator, komiac):
    thread = vk_message_thread(vk_emulator)
    Message.objects.update(author_id="999")  # VK refuses: this user never wrote to us
    with committed():
        answer = do_answer(thread, TEXT, actor=komiac)
    answer.refresh_from_db()
    message = Message.objects.get()
    assert answer.state == "failed" and answer.error
    assert message.answer_sent is False and "не отправлен" in message.answer_note
    assert message.status == "new" and vk_emulator.sent_messages(VK_GROUP) == []


def test_telegram_dialogue_answer_reaches_the_chat_and_the_message(telegram, komiac):
    with committed():
        user_id = telegram.state.write_to_bot(QUESTION)["from"]["id"]
    thread = Thread.objects.get(message=Message.objects.get())
    with committed():
        answer = do_answer(thread, TEXT, actor=komiac)
    answer.refresh_from_db()
    assert answer.state == "sent"
    assert [m["text"] for m in telegram.state.answers(user_id)] == [TEXT]
    message = Message.objects.get()
    assert message.answer_text == TEXT and message.answer_sent is True


def test_a_pending_operation_of_the_removed_kind_is_migrated_and_delivered(
    vk_account, vk_emulator, moderator
):
    thread = vk_message_thread(vk_emulator)
    message = inbox_answer(Message.objects.get(), TEXT, actor=moderator)
    connection = Connection.objects.get()
    Operation.objects.create(
        kind="moderation.answer", connection=connection, key=f"gospablik-answer-{message.pk}",
        payload={"message": message.pk, "actor": moderator.pk}, next_try_at=timezone.now(),
    )  # fmt: skip
    migration.forwards(apps, None)
    op = Operation.objects.get()
    assert op.kind == KIND and op.payload["message"] == message.pk
    with committed():
        run_once()
    op.refresh_from_db()
    message.refresh_from_db()
    assert op.state == "done" and message.answer_sent is True
    [sent] = vk_emulator.sent_messages(VK_GROUP)
    assert sent["text"] == TEXT
    thread.refresh_from_db()
    assert thread.status == "answered"


def test_an_old_dialogue_payload_is_migrated_to_name_its_message(vk_account, vk_emulator, komiac):
    thread = vk_message_thread(vk_emulator)
    answer = Answer.objects.create(
        thread=thread, text=TEXT, text_key="k", private=True, author=komiac,
        operation_key="dialogue-answer-old",
    )  # fmt: skip
    Operation.objects.create(
        kind=KIND, connection=Connection.objects.get(), key="dialogue-answer-old",
        payload={"peer_id": str(AUTHOR), "text": TEXT}, next_try_at=timezone.now(),
    )  # fmt: skip
    migration.forwards(apps, None)
    with committed():
        run_once()
    answer.refresh_from_db()
    assert answer.state == "sent"
    assert Message.objects.get().answer_text == TEXT


def _open_clock(thread: Thread) -> Any:
    [clock] = open_duties_for(Subject.of(thread)).filter(kind=ANSWER)
    return clock


def test_a_failed_inbox_answer_leaves_the_thread_open_until_a_retry_is_sent(
    vk_account, vk_emulator, moderator
):
    thread = vk_message_thread(vk_emulator)
    due_at = thread.due_at
    assert due_at is not None and thread.status == "new"
    Message.objects.update(author_id="999")  # VK refuses: this user never wrote to us
    with committed():
        answer_and_send(Message.objects.get(), TEXT, actor=moderator)
    thread.refresh_from_db()
    [answer] = Answer.objects.filter(thread=thread)
    assert answer.state == "failed" and answer.error
    assert thread.status == "new" and thread.due_at == due_at and thread.answered_at is None
    assert _open_clock(thread).due_at == due_at

    Message.objects.update(author_id=str(AUTHOR))
    with committed():
        requeue(answer)
        run_once()
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.state == "sent" and thread.status == "answered" and thread.due_at is None
    assert not open_duties_for(Subject.of(thread)).filter(kind=ANSWER).exists()
    assert len(vk_emulator.sent_messages(VK_GROUP)) == 1


def test_an_inbox_answer_failing_after_the_thread_was_answered_reopens_it(
    vk_account, vk_emulator, moderator
):
    thread = vk_message_thread(vk_emulator)
    due_at = thread.due_at
    vk_emulator.faults.push("http_500", method="messages.send")  # the first try waits
    with committed():
        message = answer_and_send(Message.objects.get(), TEXT, actor=moderator)
    thread.refresh_from_db()
    assert message.answer_sent is False and thread.status == "answered"
    Message.objects.update(author_id="999")  # the retry is refused for good
    Operation.objects.update(next_try_at=timezone.now())
    with committed():
        run_once()
    thread.refresh_from_db()
    [answer] = Answer.objects.filter(thread=thread)
    assert answer.state == "failed" and answer.error
    assert thread.status == "in_progress" and thread.due_at == due_at
    assert thread.answered_at is None and thread.first_answer_at is None
    assert _open_clock(thread).due_at == due_at
    reopened = AuditEntry.objects.get(action="dialogue.thread_reopened")
    assert reopened.after["error"] == answer.error
    assert Message.objects.get().status == "answered"  # moderation's view keeps its status
