"""The moderation report's per-account-per-day tables: kept by the actions in their own
transaction, equal to a rebuild from the comments, and what the report reads."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from gospablik.moderation import daily
from gospablik.moderation.actions import decide, restore
from gospablik.moderation.models import (
    Comment,
    ModerationCategoryDay,
    ModerationDay,
    ModerationReviewDay,
)
from gospablik.moderation.reports import build_report
from gospablik.policy.store import policy_for
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, CLEAN, OBSCENE, POST


def tables():
    days = ModerationDay.objects.values_list(
        "account_id", "day", "volume", "auto_deleted", "auto_hidden", "reviewed", "auto_kept",
        "deleted_by_people", "restored", "restored_auto",
    )  # fmt: skip
    categories = ModerationCategoryDay.objects.values_list("account_id", "day", "category", "n")
    reviews = ModerationReviewDay.objects.values_list("account_id", "day", "tenths", "n")
    return [sorted(qs) for qs in (days, categories, reviews)]


def act(vk_emulator, moderator):
    for text in (OBSCENE, BORDERLINE, CLEAN, BORDERLINE + "!", "Спасибо врачам за помощь!"):
        vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=text)
    reviewed = list(Comment.objects.filter(status="review").order_by("pk"))
    decide(reviewed[0], "delete", actor=moderator)
    decide(reviewed[1], "keep", actor=moderator)
    restore(Comment.objects.get(auto_action="delete"), actor=moderator, reason="Ошибка")


def test_the_actions_keep_the_tables_equal_to_a_rebuild(vk_account, vk_emulator, moderator, health):
    act(vk_emulator, moderator)
    kept = tables()
    assert kept[0] and kept[1] and kept[2], "every table has rows after the actions"
    ModerationDay.objects.all().delete()
    ModerationCategoryDay.objects.all().delete()
    ModerationReviewDay.objects.all().delete()
    call_command("reports", "rebuild")
    assert tables() == kept


def test_the_report_reads_the_tables(vk_account, vk_emulator, moderator, health):
    act(vk_emulator, moderator)
    today = timezone.localdate()
    report = build_report(health, today - timedelta(days=1), today, policy_for(health).tz())
    row = report.rows[0]
    assert (row.volume, row.auto_deleted, row.reviewed, row.auto_kept) == (5, 1, 2, 2)
    assert (row.deleted_by_people, row.restored, row.restored_auto) == (1, 1, 1)
    assert len(row.minutes) == 2 and row.categories["obscenity"] == 1
    ModerationDay.objects.update(volume=0)  # the report believes the tables, not the comments
    assert build_report(health, today, today, policy_for(health).tz()).total.volume == 0


def test_a_period_outside_the_days_is_empty(vk_account, vk_emulator, moderator, health):
    act(vk_emulator, moderator)
    long_ago = timezone.localdate() - timedelta(days=400)
    assert build_report(health, long_ago, long_ago, policy_for(health).tz()).rows == []
    assert daily.rebuild(health) == 1
