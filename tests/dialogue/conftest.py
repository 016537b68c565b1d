"""Dialogue fixtures: a ministry's VK community and residents' comments and messages.

Comments and messages are moderation's rows; creating one opens its thread (the
dialogue's layer), exactly as intake does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.test import TestCase

from gospablik.moderation.models import Comment, Message
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account
from tests.foundation.factories import register

_ids = itertools.count(1000)
QUESTION = "Подскажите, когда откроется запись к терапевту?"
THANKS = "Спасибо врачам за заботу!"


@pytest.fixture
def account(health: Ministry) -> Account:
    return register(health, url="https://vk.com/club219000001", network_id="219000001")


@pytest.fixture
def social_account(social: Ministry) -> Account:
    return register(social, url="https://vk.com/club219000002", network_id="219000002")


@pytest.fixture
def moderator(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("moderator", health, "komiac", "moderator")


def make_comment(
    account: Account, text: str = QUESTION, at: datetime | None = None, **fields: Any
) -> Comment:
    extra = {"received_at": at} if at is not None else {}
    with committed():
        return Comment.objects.create(
            ministry=account.ministry, account=account, network=account.network,
            network_comment_id=str(next(_ids)), post_id="3", author_id="200",
            author_name="Мария Иванова", text=text, **extra, **fields,
        )  # fmt: skip


def make_message(account: Account, text: str = QUESTION, at: datetime | None = None) -> Message:
    extra = {"received_at": at} if at is not None else {}
    with committed():
        return Message.objects.create(
            ministry=account.ministry, account=account, network=account.network,
            network_message_id=str(next(_ids)), author_id="200", author_name="Мария Иванова",
            text=text, **extra,
        )  # fmt: skip


def committed() -> Any:
    """Run what waits for the commit (the dialogue's threads, queued operations) at once:
    the test's own transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


from tests.moderation.conftest import ok_account, ok_emulator  # noqa: E402, F401  (OK fixtures)
from tests.moderation.test_inbox_send_networks import (  # noqa: E402, F401
    facebook,
    instagram,
    max_bot,
    telegram,
    wire,
)
