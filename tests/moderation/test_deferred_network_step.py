"""When the network's rate limiter is saturated, the Callback answers at once: the archive
and its deletion operation commit, and the operation goes to the Celery task
``run_operation``, which waits for its slot. If the task is lost, ``recover`` (or the
queue's beat) finishes it; nothing is stored or deleted twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from gospablik.moderation import recovery
from gospablik.moderation.models import ArchivedItem, Comment, Sanction
from gospablik.moderation.network import deletion_of
from gospablik.networks.connections import shared_limiter
from gospablik.networks.models import InboundEvent
from gospablik.networks.outbound import QueueConfig
from gospablik.networks.ratelimit import token_key
from gospablik.networks.vk.api import USER_RPS
from tests.conftest import VK_GROUP, VK_USER_TOKEN
from tests.moderation.conftest import AUTHOR, OBSCENE, POST, callback_body, post_callback

TASK = "gospablik.networks.outbound.run_operation"
INLINE_WAIT = QueueConfig().inline_wait


@pytest.fixture
def limiter() -> Iterator[Any]:
    """A fresh shared limiter for this test (and none of its reservations after it)."""
    shared_limiter.cache_clear()
    yield shared_limiter()
    shared_limiter.cache_clear()


@pytest.fixture
def saturated(limiter: Any) -> None:
    """Other deletions hold the admin token's next slots for longer than a request waits."""
    while limiter.reserve(token_key("vk", VK_USER_TOKEN), USER_RPS) <= INLINE_WAIT:
        pass


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Celery's queue on an in-memory broker (never the configured one)."""
    from gospablik.celery import app

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery prefers it to its conf
    saved = app.conf.broker_url
    app.conf.broker_url = "memory://"
    app._after_fork()  # drop the producer pools bound to the configured broker
    with app.connection_for_read() as connection:
        messages = connection.SimpleQueue("celery")
        yield messages
        messages.clear()
        messages.close()
    app.conf.broker_url = saved
    app._after_fork()


def queued(messages: Any) -> list[tuple[str, list[Any]]]:
    found = []
    while messages.qsize():
        message = messages.get(timeout=1)
        message.ack()
        found.append((message.headers["task"], list(message.payload[0])))
    return found


def run_task(args: list[Any]) -> Any:
    """What a worker does with the message."""
    from gospablik.celery import app

    return app.tasks[TASK].apply(args=args).get()


def deleted_on_vk(vk_emulator: Any, comment_id: int) -> bool:
    return bool(vk_emulator.state.comment(-VK_GROUP, comment_id)["deleted"])


def test_it_answers_without_waiting_and_queues_the_network_step(
    vk_account, vk_emulator, saturated, queue
):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    archive, sanction = ArchivedItem.objects.get(), Sanction.objects.get()
    assert archive.text == OBSCENE and archive.network_done_at is None
    assert archive.network_attempts == 0 and archive.network_next_try_at <= timezone.now()
    assert Comment.objects.get().status == "deleted" and not deleted_on_vk(
        vk_emulator, posted["id"]
    )
    assert sanction.action == "warning" and sanction.network_done_at is not None  # no call
    assert queued(queue) == [(TASK, [deletion_of(archive).pk])]


def test_the_task_deletes_and_sanctions_once(vk_account, vk_emulator, saturated, queue):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    [(_, args)] = queued(queue)
    assert run_task(args) == "done"
    assert deleted_on_vk(vk_emulator, posted["id"])
    assert ArchivedItem.objects.get().network_done_at is not None
    assert Sanction.objects.get().network_done_at is not None
    assert run_task(args) == "skipped"  # redelivered
    assert ArchivedItem.objects.get().network_attempts == 1


def test_recover_finishes_a_deferred_step_whose_task_was_lost(
    vk_account, vk_emulator, saturated, queue
):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    queued(queue)  # the worker died with the message
    result = recovery.recover()
    assert result.deletions == {"done": 1}
    assert deleted_on_vk(vk_emulator, posted["id"])
    assert recovery.recover().deletions == {}


def test_a_broker_that_is_down_leaves_the_step_to_recover(
    vk_account, vk_emulator, saturated, monkeypatch
):
    from kombu.exceptions import OperationalError

    from gospablik.networks.outbound import tasks

    def down(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.run_operation, "delay", down)  # Celery's, not our code
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    assert InboundEvent.objects.get(kind="comment_new").error == ""  # the Callback succeeded
    assert recovery.recover().deletions == {"done": 1}
    assert deleted_on_vk(vk_emulator, posted["id"])


def test_a_retried_callback_while_deferred_creates_nothing_twice(vk_account, saturated, queue):
    body = callback_body(77, OBSCENE, "e1")
    assert post_callback(vk_account, body) == "ok"
    assert post_callback(vk_account, body) == "ok"
    assert post_callback(vk_account, callback_body(77, OBSCENE, "e2")) == "ok"
    assert Comment.objects.count() == ArchivedItem.objects.count() == Sanction.objects.count() == 1
    assert len(queued(queue)) == 1


def test_a_free_limiter_deletes_within_the_round_trip(vk_account, vk_emulator, limiter, queue):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    assert deleted_on_vk(vk_emulator, posted["id"])
    assert ArchivedItem.objects.get().network_done_at is not None
    assert queued(queue) == []
