"""Each field of the policy's ``dialogue`` section changes what happens (on the VK emulator)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from gospablik.dialogue.actions import do_register_appeal
from gospablik.dialogue.answering import do_answer, do_approve_answer
from gospablik.dialogue.models import Answer, Thread
from gospablik.duties.engine import tick
from gospablik.duties.models import Duty, Notification
from gospablik.policy import dump_policy
from gospablik.policy.actions import do_update_policy
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import policy_for
from tests.conftest import VK_GROUP
from tests.dialogue.conftest import QUESTION, committed
from tests.moderation.conftest import AUTHOR, POST

NSK = ZoneInfo("Asia/Novokuznetsk")


def change(ministry: Any, **dialogue: Any) -> None:
    policy = policy_for(ministry)
    assert policy.dialogue is not None
    changed = policy.model_copy(update={"dialogue": policy.dialogue.model_copy(update=dialogue)})
    do_update_policy(ministry, dump_policy(changed), actor=None, comment="тест")


def question(vk_emulator: Any) -> Thread:
    with committed():
        posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=QUESTION)
    return Thread.objects.get(comment__network_comment_id=str(posted["id"]))


def answer(thread: Thread, actor: Any, text: str = "Здравствуйте! Ответ.", **kw: Any) -> Answer:
    with committed():
        result = do_answer(thread, text, actor=actor, **kw)
    result.refresh_from_db()
    return result


@pytest.mark.policy_field("dialogue.answer_within")
def test_business_hours_shorten_the_first_clock(vk_account, vk_emulator, health) -> None:
    change(health, answer_within=PeriodSpec(amount=4, unit="business_hours", clause="000 тест"))
    thread = question(vk_emulator)
    spent = (thread.due_at - thread.received_at).total_seconds() / 3600
    assert spent <= 4 * 24  # four business hours never take more than a few days
    assert Duty.objects.get(kind="dialogue_answer").period_text.startswith("4 рабоч")


@pytest.mark.policy_field("dialogue.final_answer_within")
def test_an_interim_answer_starts_the_final_clock(vk_account, vk_emulator, komiac) -> None:
    thread = question(vk_emulator)
    sent = answer(thread, komiac, "Уточняем, ответим в течение недели.", interim=True)
    assert sent.state == "sent"
    thread.refresh_from_db()
    assert thread.status == "in_progress" and thread.interim_at is not None
    final = Duty.objects.get(kind="dialogue_final_answer", subject_id=str(thread.pk))
    assert final.due_at == thread.due_at and final.period_text.startswith("7 рабоч")
    assert Duty.objects.get(kind="dialogue_answer").status == "done"
    answer(thread, komiac, "Запись открыта, ждём вас.")
    final.refresh_from_db()
    assert final.status == "done"


@pytest.mark.policy_field("dialogue.answer_without_approval")
@pytest.mark.policy_field("dialogue.approval_within")
def test_a_moderators_answer_waits_for_approval(
    vk_account, vk_emulator, make_user, health, komiac
) -> None:
    moderator = make_user("moderator", health, "komiac", "moderator")
    thread = question(vk_emulator)
    waiting = answer(thread, moderator)
    assert waiting.state == "awaiting_approval"
    approval = Duty.objects.get(kind="dialogue_approval", subject_id=str(thread.pk))
    assert approval.period_text.startswith("4 рабоч")
    with pytest.raises(PermissionDenied):
        do_approve_answer(waiting, actor=moderator)
    with committed():
        do_approve_answer(waiting, actor=komiac)
    waiting.refresh_from_db()
    assert waiting.state == "sent" and waiting.approver == komiac
    change(health, answer_without_approval=["head", "editor", "moderator"])
    assert answer(question(vk_emulator), moderator).state == "sent"


@pytest.mark.policy_field("dialogue.formal_appeal_within")
def test_a_registered_appeal_gets_its_thirty_day_clock(vk_account, vk_emulator, komiac) -> None:
    thread = do_register_appeal(question(vk_emulator), "01-12/345", actor=komiac)
    duty = Duty.objects.get(kind="dialogue_formal_appeal", subject_id=str(thread.pk))
    assert duty.due_at == thread.appeal_due_at
    assert (thread.appeal_due_at - thread.appeal_registered_at).days >= 29


@pytest.mark.policy_field("dialogue.escalate_to_role")
def test_an_overdue_answer_escalates_to_the_policy_target(
    vk_account, vk_emulator, health, head, make_user, time_machine
) -> None:
    lawyer = make_user("lawyer", health, "kuzdrav", "legal")  # the escalation target role
    change(health, escalate_to_role="legal")
    thread = question(vk_emulator)
    time_machine.move_to(thread.due_at.astimezone(NSK).replace(tzinfo=None).isoformat() + "+07:00")
    time_machine.shift(60)
    tick()
    escalated = Notification.objects.filter(level="escalation", duty__kind="dialogue_answer")
    assert escalated.filter(user=lawyer).exists() and not escalated.filter(user=head).exists()


@pytest.mark.policy_field("dialogue.answering_orgs")
def test_only_the_answering_orgs_may_answer(vk_account, vk_emulator, cur) -> None:
    with pytest.raises(PermissionDenied):
        do_answer(question(vk_emulator), "Здравствуйте!", actor=cur)


@pytest.mark.policy_field("dialogue.clause")
def test_the_duty_cites_the_clause(vk_account, vk_emulator, health) -> None:
    policy = policy_for(health)
    assert policy.dialogue is not None
    thread = question(vk_emulator)
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert duty.clause == policy.dialogue.answer_within.clause


@pytest.mark.policy_field("dialogue.topics")
def test_a_topic_routes_the_thread_to_its_organization(vk_account, vk_emulator, health) -> None:
    policy = policy_for(health)
    assert policy.dialogue is not None
    topics = [t.model_copy(update={"org": "kuzdrav-legal"}) if t.key == "polyclinic" else t
              for t in policy.dialogue.topics]  # fmt: skip
    change(health, topics=topics)
    thread = question(vk_emulator)  # «запись к терапевту» → polyclinic
    assert thread.topic == "polyclinic" and thread.routed_org.key == "kuzdrav-legal"
    duty = Duty.objects.get(kind="dialogue_answer", subject_id=str(thread.pk))
    assert duty.owner_org.key == "kuzdrav-legal"
