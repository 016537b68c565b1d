"""Each value of ``policy.moderation`` changes what happens to a comment or its author."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gospablik.moderation.classifier.core import Thresholds
from gospablik.moderation.decide import policy_thresholds
from gospablik.moderation.models import Comment, Sanction
from gospablik.policy.store import policy_for
from tests.conftest import VK_GROUP
from tests.foundation.factories import change_policy
from tests.moderation.conftest import AUTHOR, BORDERLINE, OBSCENE, POST

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
MONDAY_10 = datetime(2025, 3, 3, 10, 0, tzinfo=KEMEROVO)
SHIPPED = Thresholds({"spam": 0.2}, {"spam": 0.99}, {"spam": 0.4}, {})


@pytest.fixture(autouse=True)
def _fresh_pipelines():
    """The pipeline cache is keyed by policy-version ids, which a rolled-back test database
    hands out again: start each test of changed policies with an empty cache."""
    from gospablik.moderation import judge

    judge._CACHE.clear()


def offend(vk_emulator, text=OBSCENE):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=text)


@pytest.mark.policy_field("moderation.blacklist_allowed")
def test_no_blacklist_when_the_policy_forbids_it(health, vk_account, vk_emulator):
    change_policy(health, {"moderation.blacklist_allowed": False})
    offend(vk_emulator)
    assert Comment.objects.get().status == "deleted"
    assert not Sanction.objects.exists()


@pytest.mark.policy_field("moderation.sanctions_ladder.action")
@pytest.mark.policy_field("moderation.sanctions_ladder.days")
@pytest.mark.policy_field("moderation.clause")
def test_the_ladder_and_its_clause_follow_the_policy(health, vk_account, vk_emulator):
    change_policy(
        health,
        {
            "moderation.sanctions_ladder": [{"action": "ban", "days": 2}],
            "moderation.clause": "000 Порядок п.2.5 (ред.)",
        },
    )
    offend(vk_emulator)
    sanction = Sanction.objects.get()
    assert (sanction.action, sanction.days) == ("ban", 2)
    assert sanction.reason.endswith("000 Порядок п.2.5 (ред.)")
    assert vk_emulator.state.community(VK_GROUP).bans[AUTHOR]["end_date"] > 0


@pytest.mark.policy_field("moderation.review_sla")
def test_the_review_deadline_follows_the_policy(health, vk_account, vk_emulator):
    change_policy(health, {"moderation.review_sla": {"amount": 1, "unit": "business_hours"}})
    with time_machine.travel(MONDAY_10, tick=False):
        offend(vk_emulator, BORDERLINE)
    assert Comment.objects.get().review_due_at == MONDAY_10 + timedelta(hours=1)


@pytest.mark.policy_field("moderation.delete_categories")
@pytest.mark.policy_field("moderation.auto_delete_threshold")
@pytest.mark.policy_field("moderation.review_threshold")
def test_the_thresholds_follow_the_policy(health):
    spec = policy_for(health).moderation
    assert policy_thresholds(spec, SHIPPED).delete["spam"] == 0.97
    change_policy(
        health,
        {
            "moderation.auto_delete_threshold": {"spam": 0.8},
            "moderation.review_threshold": {"spam": 0.3, "threat": 0.5, "unlawful": 0.5},
        },
    )
    thresholds = policy_thresholds(policy_for(health).moderation, SHIPPED)
    assert thresholds.delete["spam"] == 0.8 and thresholds.review["spam"] == 0.3
    change_policy(health, {"moderation.delete_categories": ["obscenity"]})
    assert "spam" not in policy_thresholds(policy_for(health).moderation, SHIPPED).delete
