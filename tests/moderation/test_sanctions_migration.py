"""The data migration that puts sanctions waiting at upgrade time onto the outbound queue
(``moderation.0004``), run with Django's migration executor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gospablik.moderation.models import Offender, Sanction
from gospablik.networks.outbound import Operation, run_once
from tests.conftest import VK_GROUP

BEFORE = [("moderation", "0003_merge_outbound_scale")]
AFTER = [("moderation", "0004_sanctions_on_outbound_queue")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture(autouse=True)
def _latest_schema_after() -> Iterator[None]:
    """Going back to 0003 also unapplies the other branches merged after it (the report
    tables); later tests in this database need the whole schema again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def sanction(offender: Offender, action: str = "ban", **fields: Any) -> Sanction:
    return Sanction.objects.create(
        offender=offender, step=1, action=action, days=1, category="obscenity",
        until=timezone.now() + timedelta(days=1), reason="тест", decided_by_repr="тест",
        **fields,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_waiting_sanctions_move_onto_the_queue(vk_account, vk_emulator, health):
    offender = Offender.objects.create(ministry=health, network="vk", author_id="200")
    due = timezone.now() - timedelta(minutes=5)
    tried = sanction(offender, network_attempts=2, network_next_try_at=due)
    fresh = sanction(offender)
    warning = sanction(offender, action="warning")
    finished = sanction(offender, network_done_at=timezone.now(), network_note="заблокирован")
    migrate(BEFORE)
    migrate(AFTER)

    ops = {op.payload["sanction"]: op for op in Operation.objects.filter(kind="moderation.ban")}
    assert set(ops) == {tried.pk, fresh.pk}
    old = ops[tried.pk]
    assert old.connection == vk_account.connection and old.key == f"sanction:{tried.pk}"
    assert old.next_try_at == due and old.attempts == 2 and old.needs_check  # read back first
    assert not ops[fresh.pk].needs_check and ops[fresh.pk].attempts == 0
    warning.refresh_from_db()
    assert warning.network_done_at is not None and "Предупреждение" in warning.network_note
    finished.refresh_from_db()
    assert finished.network_note == "заблокирован"

    run_once()  # the queue now does what the old per-row retry would have
    for row in (tried, fresh):
        row.refresh_from_db()
        assert row.network_done_at is not None and row.applied[str(vk_account.pk)]["ok"]
    assert 200 in vk_emulator.state.community(VK_GROUP).bans


@pytest.mark.django_db(transaction=True)
def test_migrating_twice_queues_nothing_twice(vk_account, health):
    offender = Offender.objects.create(ministry=health, network="vk", author_id="201")
    sanction(offender)
    migrate(BEFORE)
    migrate(AFTER)
    migrate(BEFORE)
    migrate(AFTER)
    assert Operation.objects.filter(kind="moderation.ban").count() == 1
