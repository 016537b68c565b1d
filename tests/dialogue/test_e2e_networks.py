"""Done-when of issue 13 on the emulators: a resident's question arrives (VK Callback push,
OK polling), needs an answer by the policy's deadline, an operator answers, the reply
appears in the network's thread from the community, the thread is answered and the duty
closed; the same answer submitted twice publishes once; a deleted comment fails clearly."""

from __future__ import annotations

from typing import Any

import pytest

from gospablik.dialogue.answering import do_answer
from gospablik.dialogue.models import Answer, Thread
from gospablik.duties.models import Duty
from gospablik.moderation.polling import poll_all
from gospablik.networks.outbound import Operation
from tests.conftest import VK_GROUP
from tests.dialogue.conftest import QUESTION, committed
from tests.moderation.conftest import AUTHOR, OK_GID, POST

ANSWER_TEXT = "Здравствуйте! Запись к терапевту открывается по понедельникам в 8:00."


def answered(thread: Thread, actor: Any, capture: Any, text: str = ANSWER_TEXT) -> Answer:
    with committed():
        answer = do_answer(thread, text, actor=actor)
    answer.refresh_from_db()
    return answer


def vk_question(vk_emulator: Any) -> tuple[dict[str, Any], Thread]:
    with committed():
        posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=QUESTION)
    return posted, Thread.objects.get(comment__network_comment_id=str(posted["id"]))


def test_vk_question_is_answered_in_its_thread_from_the_community(
    vk_account, vk_emulator, komiac, django_capture_on_commit_callbacks
) -> None:
    posted, thread = vk_question(vk_emulator)
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert thread.needs_answer and thread.due_at == duty.due_at is not None
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent" and answer.network_answer_id
    reply = vk_emulator.state.comment(-VK_GROUP, int(answer.network_answer_id))
    assert reply["from_id"] == -VK_GROUP and reply["reply_to_comment"] == posted["id"]
    assert reply["text"] == ANSWER_TEXT
    thread.refresh_from_db()
    duty.refresh_from_db()
    assert thread.status == "answered" and thread.first_answer_at is not None
    assert duty.status == "done"
    assert not Thread.objects.filter(comment__network_comment_id=answer.network_answer_id)


def test_vk_double_submit_publishes_once(
    vk_account, vk_emulator, komiac, django_capture_on_commit_callbacks
) -> None:
    posted, thread = vk_question(vk_emulator)
    first = answered(thread, komiac, django_capture_on_commit_callbacks)
    second = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert second.pk == first.pk
    replies = [
        c for c in vk_emulator.state.comments.values() if c.get("reply_to_comment") == posted["id"]
    ]
    assert len(replies) == 1
    assert Operation.objects.filter(kind="reply_comment").count() == 1


def test_vk_answer_to_a_deleted_comment_fails_with_that_reason(
    vk_account, vk_emulator, komiac, django_capture_on_commit_callbacks
) -> None:
    posted, thread = vk_question(vk_emulator)
    vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] = True  # deleted meanwhile
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "failed" and "удалён в соцсети" in answer.error
    thread.refresh_from_db()
    assert thread.status == "in_progress"


def test_ok_question_is_polled_and_answered_as_the_group(
    ok_account, ok_emulator, komiac, django_capture_on_commit_callbacks
) -> None:
    poll_all()
    topic = next(t for t in ok_emulator.state.topics.values() if t["gid"] == OK_GID)
    posted = ok_emulator.add_comment(topic["id"], "575000000100", QUESTION)
    with committed():
        assert poll_all() == 1
    thread = Thread.objects.get(comment__network_comment_id=posted["id"])
    assert thread.needs_answer and thread.due_at is not None
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent"
    reply = ok_emulator.state.comments[answer.network_answer_id]
    with committed():
        poll_all()  # our own reply is read back by the next poll: it is not a resident's
    assert not Thread.objects.filter(comment__network_comment_id=answer.network_answer_id)
    assert reply["author_id"] == OK_GID and reply["reply_to_comment_id"] == posted["id"]
    thread.refresh_from_db()
    assert thread.status == "answered"
    assert Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk)).status == "done"
    answered(thread, komiac, django_capture_on_commit_callbacks)
    assert sum(1 for c in ok_emulator.state.comments.values() if c.get("reply_to_comment_id")) == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 16385, "Смотрите https://facebook.com/page"])
def test_a_bad_answer_is_refused_before_queueing(vk_account, vk_emulator, komiac, text) -> None:
    from gospablik.dialogue.answering import AnswerRefused

    _, thread = vk_question(vk_emulator)
    with pytest.raises(AnswerRefused):
        do_answer(thread, text, actor=komiac)
    assert not Answer.objects.exists() and not Operation.objects.exists()


# --- Telegram: a comment in the channel's discussion group ------------------------------


def test_telegram_comment_is_answered_in_the_discussion_thread(
    telegram, komiac, django_capture_on_commit_callbacks
) -> None:
    post = telegram.state.post_as_admin("Открыта запись на вакцинацию")
    with committed():
        comment = telegram.state.add_comment(post["message_id"], QUESTION)
    thread = Thread.objects.get(comment__network_comment_id=str(comment["message_id"]))
    assert thread.network == "telegram" and thread.needs_answer
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent"
    reply = telegram.state.group().messages[int(answer.network_answer_id)]
    assert not Thread.objects.filter(comment__network_comment_id=answer.network_answer_id)
    assert reply["reply_to_message"]["message_id"] == comment["message_id"]
    assert reply["message_thread_id"] == comment["message_thread_id"]
    assert reply["from"]["id"] == telegram.state.bot["id"]
    thread.refresh_from_db()
    assert thread.status == "answered"
    answered(thread, komiac, django_capture_on_commit_callbacks)
    replies = [
        m
        for m in telegram.state.group().messages.values()
        if m.get("from", {}).get("id") == telegram.state.bot["id"]
    ]
    assert len(replies) == 1


# --- Facebook and Instagram: replies in the comment's thread ----------------------------


def test_facebook_comment_is_answered_as_the_page(
    facebook, komiac, django_capture_on_commit_callbacks
) -> None:
    post = facebook.state.add_post("Открыта запись на вакцинацию")
    with committed():
        comment = facebook.state.add_comment(post["id"], QUESTION)
    thread = Thread.objects.get(comment__network_comment_id=comment["id"])
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent"
    reply = facebook.state.comments[answer.network_answer_id]
    assert reply["parent"]["id"] == comment["id"]
    assert reply["from"]["name"] == facebook.state.page["name"]
    thread.refresh_from_db()
    assert thread.status == "answered"
    assert not Thread.objects.filter(comment__network_comment_id=answer.network_answer_id)


def test_instagram_comment_is_answered_with_a_reply(
    instagram, komiac, django_capture_on_commit_callbacks
) -> None:
    state = instagram.state
    media = state.publish(state.add_container("IMAGE", "https://example.org/a.jpg", "Новость"))
    with committed():
        comment = state.add_comment(media["id"], QUESTION)
    thread = Thread.objects.get(comment__network_comment_id=comment["id"])
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent"
    reply = state.comments[answer.network_answer_id]
    assert reply["parent_id"] == comment["id"] and reply["username"] == state.user["username"]
    assert not Thread.objects.filter(comment__network_comment_id=answer.network_answer_id)


def test_max_comment_is_answered_with_a_reply_link(
    max_bot, komiac, django_capture_on_commit_callbacks
) -> None:
    state = max_bot.state
    post = state.post(state.channel(), {"text": "Новость"})
    with committed():
        comment = state.add_comment(post["body"]["mid"], QUESTION)
    thread = Thread.objects.get(comment__network_comment_id=comment["body"]["mid"])
    answer = answered(thread, komiac, django_capture_on_commit_callbacks)
    assert answer.state == "sent"
    reply = state.comments[post["body"]["mid"]][answer.network_answer_id]
    assert reply["link"] == {"type": "reply", "mid": comment["body"]["mid"]}
    assert reply["sender"]["user_id"] == state.bot["user_id"]
