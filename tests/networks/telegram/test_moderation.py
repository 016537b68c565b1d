from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gospablik.networks.base import ConnectorError


def test_it_bans_until_a_date(connector, emulator):
    until = datetime.now(UTC) + timedelta(days=7)
    connector.ban("500000009", reason="spam", until=until)
    assert emulator.state.group().banned[500000009] == int(until.timestamp())


def test_it_bans_forever_without_a_date(connector, emulator):
    connector.ban("500000009", reason="insult", until=None)
    assert emulator.state.group().banned[500000009] == 0


def test_it_unbans(connector, emulator):
    connector.ban("500000009", reason="spam", until=None)
    connector.unban("500000009")
    assert emulator.state.group().banned == {}


def test_it_reports_missing_rights_as_permanent(connector, emulator):
    emulator.state.set_bot_rights(can_restrict_members=False)
    with pytest.raises(ConnectorError) as caught:
        connector.ban("500000009", reason="spam", until=None)
    assert caught.value.permanent and not caught.value.needs_person
