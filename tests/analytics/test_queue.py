"""Statistics reads go through the outbound queue; each run leaves one audit entry per
ministry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from gospablik.analytics.collect import KIND, collect_due, do_collect_account
from gospablik.analytics.models import AccountDay
from gospablik.audit.models import AuditEntry
from gospablik.networks.outbound import Operation, run_once
from tests.analytics.conftest import today

pytestmark = pytest.mark.django_db


def test_a_read_is_an_operation_of_the_outbound_queue(accounts: dict[str, Any]) -> None:
    outcome = do_collect_account(accounts["vk"], since=today() - timedelta(days=2))
    op = Operation.objects.get(kind=KIND, connection__account=accounts["vk"])
    assert outcome == "done" and op.state == Operation.State.DONE
    assert op.result["days"] == 3 and op.attempts == 1


def test_a_rate_limited_read_is_a_gap_until_the_queue_retries_it(
    accounts: dict[str, Any], emulators: Any
) -> None:
    emulators["vk"].faults.push("error", method="stats.get", code=6)  # too many requests
    assert do_collect_account(accounts["vk"], since=today() - timedelta(days=2)) == "retry"
    row = AccountDay.objects.get(account=accounts["vk"], day=today() - timedelta(days=1))
    assert row.views is None and row.gaps["views"]
    run_once(timezone.now() + timedelta(hours=1), kinds=[KIND])
    row.refresh_from_db()
    assert row.views is not None and "views" not in row.gaps
    op = Operation.objects.get(kind=KIND)
    assert op.state == Operation.State.DONE and op.attempts == 2


def test_a_run_writes_one_audit_entry_per_ministry(accounts: dict[str, Any]) -> None:
    result = collect_due()
    assert result["collected"] == 4
    entries = AuditEntry.objects.filter(action="analytics.collect")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.ministry_id == accounts["vk"].ministry_id and entry.after == {"done": 4}
