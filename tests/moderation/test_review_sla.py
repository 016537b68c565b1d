"""The review SLA of the policy becomes a duty when breached: one open duty per account,
overdue at once, completed when the account's overdue comments are decided."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from gospablik.duties.models import Duty
from gospablik.moderation.actions import decide
from gospablik.moderation.models import Comment
from gospablik.moderation.sla import current_policy, enter_review, refresh_review_duties
from gospablik.policy.store import policy_for
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, POST

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
MONDAY_10 = datetime(2025, 3, 3, 10, 0, tzinfo=KEMEROVO)


def add(vk_emulator, text=BORDERLINE):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=text)


def test_it_gives_each_comment_the_policy_deadline(vk_account, vk_emulator):
    with time_machine.travel(MONDAY_10, tick=False):
        add(vk_emulator)
    comment = Comment.objects.get()
    assert comment.review_due_at == MONDAY_10 + timedelta(hours=4)  # 4 business hours


def test_no_duty_before_the_deadline(vk_account, vk_emulator):
    with time_machine.travel(MONDAY_10, tick=False):
        add(vk_emulator)
    assert refresh_review_duties(MONDAY_10 + timedelta(hours=3)) == 0


def test_one_duty_per_account_when_breached(vk_account, vk_emulator):
    with time_machine.travel(MONDAY_10, tick=False):
        add(vk_emulator)
        add(vk_emulator, BORDERLINE + "!")
    later = MONDAY_10 + timedelta(hours=5)
    assert refresh_review_duties(later) == 1
    assert refresh_review_duties(later) == 0
    duty = Duty.objects.get(kind="moderation_review")
    assert duty.owner_org.key == "komiac" and duty.due_at == MONDAY_10 + timedelta(hours=4)
    assert "2 ждут" in duty.title


def test_the_duty_completes_when_the_queue_is_decided(vk_account, vk_emulator, moderator):
    with time_machine.travel(MONDAY_10, tick=False):
        add(vk_emulator)
    refresh_review_duties(MONDAY_10 + timedelta(hours=5))
    with time_machine.travel(MONDAY_10 + timedelta(hours=6), tick=False):
        decide(Comment.objects.get(), "keep", actor=moderator)
    duty = Duty.objects.get(kind="moderation_review")
    assert duty.status == "done" and duty.done_by == moderator


def test_a_caller_holding_the_policy_spends_no_query_on_the_deadline(
    vk_account, django_assert_num_queries
):
    comment = Comment(ministry=vk_account.ministry, account=vk_account)
    policy = current_policy(vk_account.ministry_id)
    assert policy == policy_for(vk_account.ministry)
    with django_assert_num_queries(0):
        enter_review(comment, MONDAY_10, policy=policy)
    assert comment.status == "review" and comment.review_due_at == MONDAY_10 + timedelta(hours=4)
