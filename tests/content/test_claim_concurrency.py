"""Concurrent workers never claim one row twice (SELECT … FOR UPDATE SKIP LOCKED).

Runs where the database has row locks (PostgreSQL, the CI's second run); SQLite serializes
writers anyway and is covered by the multi-process fault-injection test."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone

from gospablik.networks.outbound import Operation, QueueConfig
from gospablik.networks.outbound.claim import claim

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not connection.features.has_select_for_update_skip_locked,
        reason="needs SELECT … FOR UPDATE SKIP LOCKED",
    ),
]


def test_four_workers_claim_every_row_exactly_once(health, komiac, vk_account):
    now = timezone.now()
    Operation.objects.bulk_create(
        Operation(kind="content.publish", connection=vk_account.connection, key=f"П{n}",
                  next_try_at=now)
        for n in range(200)
    )  # fmt: skip
    counts: Counter[str] = Counter()

    def work(token: str) -> None:
        try:
            while (claimed := claim(now, token, QueueConfig(batch=7))) > 0:
                counts[token] += claimed
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tokens = Counter(Operation.objects.values_list("claim_token", flat=True))
    assert sum(counts.values()) == 200 and tokens == counts
