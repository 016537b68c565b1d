from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError

from .conftest import GROUP, MODERATOR_TOKEN, connect


@pytest.mark.parametrize(
    ("reason", "code"), [("other", 0), ("spam", 1), ("insult", 2), ("obscenity", 3), ("flood", 4)]
)
def test_it_maps_ban_reasons_to_vk_codes(vk, emulator, reason, code):
    vk.ban("200", reason=reason, until=None)
    assert emulator.state.communities[GROUP].bans[200]["reason"] == code


def test_it_bans_until_a_date_with_a_visible_comment(vk, emulator):
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    vk.ban("200", reason="spam", until=until, comment="Реклама в комментариях")
    info = emulator.state.communities[GROUP].bans[200]
    assert (info["end_date"], info["comment"], info["comment_visible"]) == (
        int(until.timestamp()),
        "Реклама в комментариях",
        True,
    )


def test_it_unbans(vk, emulator):
    vk.ban("200", reason="flood", until=None)
    vk.unban("200")
    assert 200 not in emulator.state.communities[GROUP].bans


def test_a_moderator_may_ban(http, emulator):
    connect(http, user_token=MODERATOR_TOKEN).ban("201", reason="spam", until=None)
    assert 201 in emulator.state.communities[GROUP].bans


def test_it_cannot_ban_a_manager(vk):
    with pytest.raises(ConnectorError) as error:
        vk.ban("101", reason="spam", until=None)
    assert (error.value.code, error.value.permanent) == (15, True)
