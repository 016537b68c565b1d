"""No comment text is ever lost: a crash between the archive and the network deletion is
finished by the recovery task; network errors are retried or reported."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gospablik.moderation import recovery
from gospablik.moderation.models import ArchivedItem, Comment, Sanction
from gospablik.moderation.network import deletion_of
from gospablik.networks.models import InboundEvent
from gospablik.networks.outbound import QueueConfig
from gospablik.networks.outbound.claim import claim
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, OBSCENE, POST


def crash(*args, **kwargs):
    raise RuntimeError("процесс упал")


def deletion() -> int:
    op = deletion_of(ArchivedItem.objects.get())
    assert op is not None
    return op.pk


@pytest.fixture
def crashed(vk_account, vk_emulator, monkeypatch):
    """An obscene comment whose worker died right after the archive committed."""
    monkeypatch.setattr("gospablik.moderation.actions.run_soon_all", crash)
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    monkeypatch.undo()
    return posted


def test_the_archive_survives_a_crash_before_the_network_call(crashed, vk_emulator):
    archive = ArchivedItem.objects.get()
    assert archive.text == OBSCENE and archive.network_done_at is None
    assert vk_emulator.state.comment(-VK_GROUP, crashed["id"])["deleted"] is False
    assert InboundEvent.objects.get(kind="comment_new").error  # the failure is on record


def test_recover_finishes_the_deletion_and_the_sanction(crashed, vk_emulator):
    result = recovery.recover()
    assert result.deletions == {"done": 1}
    assert result.sanctions == {}  # a first offence: a warning, finished with the decision
    assert vk_emulator.state.comment(-VK_GROUP, crashed["id"])["deleted"] is True
    assert ArchivedItem.objects.get().network_done_at is not None
    assert Sanction.objects.get().network_done_at is not None


def test_recover_twice_deletes_once(crashed, vk_emulator):
    recovery.recover()
    assert recovery.recover().deletions == {}
    assert ArchivedItem.objects.get().network_attempts == 1


def test_a_crash_inside_the_network_step_waits_for_the_lease(crashed, vk_emulator):
    posted = crashed
    assert claim(timezone.now(), "dead-worker", QueueConfig(lease_seconds=60), pk=deletion()) == 1
    assert recovery.recover().deletions == {}  # another worker may still be on it
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert recovery.recover().deletions == {"done": 1}
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True


def test_a_rate_limited_deletion_is_retried_later(vk_account, vk_emulator):
    vk_emulator.faults.push("error", code=6, method="wall.deleteComment")
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    archive = ArchivedItem.objects.get()
    assert archive.network_done_at is None and "слишком много" in archive.network_error
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert recovery.recover().deletions == {"done": 1}
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True


def test_a_refused_deletion_goes_back_to_review(vk_account, vk_emulator):
    vk_emulator.faults.push("error", code=15, method="wall.deleteComment")
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    archive = ArchivedItem.objects.get()
    comment = Comment.objects.get()
    assert archive.network_failed_at is not None and comment.status == "review"
    assert "Не удалось удалить" in comment.network_note and comment.text == OBSCENE


def test_a_deletion_that_applied_but_lost_its_answer_is_done(vk_account, vk_emulator):
    vk_emulator.faults.push("accept_then_drop", method="wall.deleteComment")
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        recovery.recover()
    archive = ArchivedItem.objects.get()
    assert archive.network_done_at is not None and archive.network_failed_at is None
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True


def test_an_event_whose_moderation_failed_is_processed_again(vk_account, vk_emulator, monkeypatch):
    monkeypatch.setattr("gospablik.moderation.intake.judge", crash)
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    monkeypatch.undo()
    assert not Comment.objects.exists()
    assert recovery.recover().events == 0  # too fresh: maybe still being processed
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert recovery.recover().events == 1
    assert Comment.objects.get().status == "deleted"
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True
    assert InboundEvent.objects.get(kind="comment_new").processed_at is not None
