"""A resident's comment or message opens a thread; questions get an answer clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gospablik.audit.models import AuditEntry
from gospablik.dialogue.models import Thread
from gospablik.duties.models import Duty
from gospablik.moderation.models import Comment
from tests.dialogue.conftest import QUESTION, THANKS, committed, make_comment, make_message

NSK = ZoneInfo("Asia/Novokuznetsk")
FRIDAY_EVENING = datetime(2025, 3, 14, 20, 0, tzinfo=NSK)  # the next working day is Monday
END_OF_MONDAY = datetime(2025, 3, 17, 23, 59, 59, tzinfo=NSK)  # end of the next working day


@pytest.mark.policy_field("dialogue.answer_within")
def test_it_opens_a_one_working_day_clock_under_the_health_preset(account) -> None:
    comment = make_comment(account, QUESTION, at=FRIDAY_EVENING)
    thread = Thread.objects.get(comment=comment)
    assert thread.needs_answer and thread.category == "question"
    assert thread.due_at.astimezone(NSK) == END_OF_MONDAY
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert duty.due_at == thread.due_at and duty.owner_org.key == "komiac"


@pytest.mark.policy_field("dialogue.answering_orgs")
def test_it_opens_the_clock_under_the_social_preset_for_its_answering_org(social_account) -> None:
    thread = Thread.objects.get(comment=make_comment(social_account, at=FRIDAY_EVENING))
    assert thread.due_at.astimezone(NSK) == END_OF_MONDAY
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert duty.owner_org.key == "orgwork"


def test_thanks_need_no_answer_and_open_no_clock(account) -> None:
    thread = Thread.objects.get(comment=make_comment(account, THANKS))
    assert thread.category == "thanks" and not thread.needs_answer and thread.due_at is None
    assert not Duty.objects.filter(kind="dialogue_answer").exists()


def test_a_private_message_opens_a_message_thread(account) -> None:
    thread = Thread.objects.get(message=make_message(account))
    assert thread.kind == "message" and thread.needs_answer


def test_the_text_stays_in_the_comment_only(account) -> None:
    thread = Thread.objects.get(comment=make_comment(account))
    assert thread.text == QUESTION
    assert "text" not in {f.name for f in Thread._meta.fields}


def test_moderation_hiding_the_comment_hides_the_thread_and_stops_the_clock(account) -> None:
    comment = make_comment(account)
    comment.status = Comment.Status.DELETED
    with committed():
        comment.save()
    thread = Thread.objects.get(comment=comment)
    assert thread.status == "hidden"
    assert Duty.objects.get(kind="dialogue_answer").status == "cancelled"


def test_an_auto_deleted_comment_lands_hidden_without_a_clock(account) -> None:
    comment = make_comment(account, status=Comment.Status.HIDDEN)
    assert Thread.objects.get(comment=comment).status == "hidden"
    assert not Duty.objects.filter(kind="dialogue_answer").exists()


@pytest.mark.policy_field("dialogue.topics")
def test_it_picks_the_topic_from_the_policy_list(account) -> None:
    thread = Thread.objects.get(
        comment=make_comment(account, "Где купить льготный инсулин? В аптеке нет")
    )
    assert thread.topic == "medicines"


def test_it_flags_an_identifiable_demand_as_a_possible_formal_appeal(account) -> None:
    text = "Прошу принять меры к регистратуре. Петров Сергей Иванович, ул. Весенняя, 12"
    assert Thread.objects.get(comment=make_comment(account, text)).appeal_suspected


def test_opening_is_audited(account) -> None:
    thread = Thread.objects.get(comment=make_comment(account))
    entry = AuditEntry.objects.get(action="dialogue.thread_open", object_id=str(thread.pk))
    assert entry.after["category"] == "question"


def test_an_answer_in_the_moderation_inbox_settles_the_message_thread(account, komiac) -> None:
    from gospablik.moderation.inbox import do_answer

    message = make_message(account)
    with committed():
        do_answer(message, "Здравствуйте! Ответили.", actor=komiac)
    thread = Thread.objects.get(message=message)
    assert thread.status == "answered" and thread.first_answer_at is not None
    assert Duty.objects.get(kind="dialogue_answer").status == "done"
