"""One transaction per Callback: the event row, the moderation of its comment and the
"processed" mark commit together, and the network step runs only after that commit. A
worker dying midway leaves nothing, so VK's retry processes the event once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from gospablik.audit.log import verify
from gospablik.moderation.models import ArchivedItem, Classification, Comment
from gospablik.networks.models import InboundEvent
from gospablik.networks.vk.connector import VKConnector
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, OBSCENE, POST, callback_body


class Killed(BaseException):
    """The worker process dies (not an error a handler could catch and report)."""


def die(*args: Any, **kwargs: Any) -> None:
    raise Killed


def deliver(account: Any, body: bytes, retry: int = 0) -> str:
    headers = {"HTTP_X_RETRY_COUNTER": str(retry)} if retry else {}
    url = f"/hooks/vk/{account.connection.pk}/"
    response = Client().post(url, body, content_type="application/json", **headers)
    return response.content.decode()


def test_a_worker_dying_midway_leaves_nothing(vk_account, monkeypatch):
    monkeypatch.setattr("gospablik.moderation.actions.record", die)  # after the inserts
    with pytest.raises(Killed):
        deliver(vk_account, callback_body(501, BORDERLINE, "e-501"))
    assert not InboundEvent.objects.exists()
    assert not Comment.objects.exists() and not Classification.objects.exists()


def test_the_retry_after_a_death_is_processed_once(vk_account, monkeypatch):
    body = callback_body(502, BORDERLINE, "e-502")
    monkeypatch.setattr("gospablik.moderation.actions.record", die)
    with pytest.raises(Killed):
        deliver(vk_account, body)
    monkeypatch.undo()
    assert deliver(vk_account, body, retry=1) == "ok"
    assert deliver(vk_account, body, retry=2) == "ok"
    assert Comment.objects.get().status == "review"
    assert InboundEvent.objects.get().processed_at is not None
    assert verify().ok


def test_a_reviewed_comment_costs_at_most_eleven_statements(vk_account, django_assert_num_queries):
    """The connection; the event, already marked processed; the comment's existence, the
    classifier's fingerprint, the context; the comment, its classification, its state
    (the review deadline comes from the judgement's policy); the audit append (head,
    entry, head; one statement on PostgreSQL). Plus a savepoint around the whole (a
    transaction outside tests) and one around the intake, each opened and released; and
    the moderation report's day: one upsert for the counts, one for its category."""
    deliver(vk_account, callback_body(503, BORDERLINE, "e-503"))  # the caches are warm
    audit = 1 if connection.vendor == "postgresql" else 3
    with django_assert_num_queries(8 + audit + 4 + 2):
        deliver(vk_account, callback_body(504, BORDERLINE + "?", "e-504"))
    assert InboundEvent.objects.filter(processed_at=None).count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_deletion_call_comes_after_the_commit(vk_account, vk_emulator, monkeypatch):
    seen: list[tuple[bool, int]] = []
    original = VKConnector.delete_comment

    def observed(self: Any, comment: Any, **kwargs: Any) -> None:
        seen.append((connection.in_atomic_block, ArchivedItem.objects.count()))
        original(self, comment, **kwargs)

    monkeypatch.setattr(VKConnector, "delete_comment", observed)
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    assert seen == [(False, 1)]  # no transaction open, the archive copy committed
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True
