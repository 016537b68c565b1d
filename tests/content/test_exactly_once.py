"""Exactly-once under faults, in-process: lost answers, timeouts, 5xx, rate limits, crashes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gospablik.content.actions import do_retry_publication
from gospablik.content.models import Publication
from gospablik.duties.models import Duty
from gospablik.networks import connector_for
from gospablik.networks.base import PostDraft
from gospablik.networks.models import Connection
from gospablik.networks.outbound import Operation, QueueConfig, run_once
from gospablik.networks.outbound.claim import claim

from .conftest import ok_topics, vk_posts

NOW = QueueConfig(max_delay=0.0)  # retries are due at once


def run(config=NOW, times=1):
    return [run_once(config=config).outcomes for _ in range(times)]


@pytest.mark.parametrize("fault", ["accept_then_drop", "timeout", "http_500"])
def test_vk_publishes_once_after_a_fault(scheduled, vk_account, emulators, fault):
    emulators["vk"].faults.push(fault, method="wall.post")
    scheduled([vk_account], timezone.now(), text=f"ВК {fault}")
    assert run(times=2) == [{"retry": 1}, {"done": 1}]
    assert len(vk_posts(emulators["vk"], f"ВК {fault}")) == 1


@pytest.mark.parametrize("fault", ["accept_then_drop", "timeout", "http_500"])
def test_ok_publishes_once_after_a_fault(scheduled, ok_account, emulators, fault):
    emulators["ok"].faults.push(fault, method="mediatopic.post")
    scheduled([ok_account], timezone.now(), text=f"ОК {fault}")
    assert run(times=2) == [{"retry": 1}, {"done": 1}]
    assert len(ok_topics(emulators["ok"], f"ОК {fault}")) == 1


def test_a_lost_answer_is_found_by_the_check_before_retry(scheduled, ok_account, emulators):
    emulators["ok"].faults.push("accept_then_drop", method="mediatopic.post")
    post = scheduled([ok_account], timezone.now(), text="Ответ потерян")
    run(times=2)
    pub = post.publications.get()
    assert pub.network_post_id == str(ok_topics(emulators["ok"], "Ответ потерян")[0]["id"])
    assert pub.attempts == 2 and not pub.needs_check


def test_a_rate_limit_reschedules_after_retry_after(scheduled, vk_account, emulators):
    emulators["vk"].faults.push(6, method="wall.post")
    post = scheduled([vk_account], timezone.now(), text="Лимит")
    assert run(config=QueueConfig()) == [{"retry": 1}]
    pub = post.publications.get()
    assert pub.status == "pending" and "слишком много запросов" in pub.last_error
    assert timedelta(0) < pub.due_at - timezone.now() <= timedelta(seconds=1)
    assert run_once(pub.due_at + timedelta(seconds=1)).outcomes == {"done": 1}


def test_a_permanent_error_fails_visibly_and_retry_publishes(
    scheduled, vk_account, emulators, komiac
):
    emulators["vk"].faults.push(15, method="wall.post")
    post = scheduled([vk_account], timezone.now(), text="Нет доступа")
    assert run() == [{"failed": 1}]
    pub = post.publications.get()
    assert pub.last_error.startswith("ВКонтакте: доступ запрещён") and pub.last_error_code == "15"
    do_retry_publication(pub, actor=komiac)
    assert run() == [{"done": 1}]
    assert len(vk_posts(emulators["vk"], "Нет доступа")) == 1


def test_an_expired_token_holds_the_account_and_opens_a_repair_duty(
    scheduled, vk_account, emulators
):
    emulators["vk"].faults.push(5, method="wall.post")
    post = scheduled([vk_account], timezone.now(), text="Токен")
    assert run() == [{"held": 1}]
    assert Connection.objects.get(account=vk_account).status == "needs_person"
    assert Duty.objects.filter(kind="connection_repair", status="open").count() == 1
    assert run() == [{}]  # nothing is claimed while the account is held
    assert post.publications.get().status == "pending"
    Connection.objects.filter(account=vk_account).update(status="ok")
    assert run() == [{"done": 1}]


def test_retries_end_in_a_visible_failure(scheduled, vk_account, emulators):
    emulators["vk"].faults.push("http_500", count=3, method="wall.post")
    post = scheduled([vk_account], timezone.now(), text="Сбои")
    assert run(config=QueueConfig(max_delay=0.0, max_attempts=3), times=3) == [
        {"retry": 1},
        {"retry": 1},
        {"needs_person": 1},
    ]
    pub = post.publications.get()
    assert pub.status == "failed"
    assert pub.last_error.startswith("Не удалось опубликовать за 3 попыток")
    assert Duty.objects.filter(kind="outbound_operation", status="open").count() == 1


def test_a_crashed_worker_row_is_recovered_after_the_lease(scheduled, ok_account, emulators):
    post = scheduled([ok_account], timezone.now(), text="Упал после публикации")
    assert claim(timezone.now(), "dead-worker", QueueConfig(lease_seconds=60)) == 1
    pub = post.publications.get()
    Operation.objects.update(first_attempt_at=timezone.now(), attempts=1)
    Publication.objects.filter(pk=pub.pk).update(status="attempting")
    connector = connector_for(ok_account.connection)  # the dead worker reached the network
    connector.publish(PostDraft(pub.text, str(pub.idempotency_key)))
    assert run_once().handled == 0  # the lease still holds
    later = timezone.now() + timedelta(seconds=61)
    assert run_once(later).outcomes == {"done": 1}
    assert len(ok_topics(emulators["ok"], "Упал после публикации")) == 1
    assert post.publications.get().needs_check is False


def test_a_worker_that_lost_its_lease_cannot_overwrite(scheduled, vk_account, emulators):
    from gospablik.networks.outbound.step import on_done

    post = scheduled([vk_account], timezone.now(), text="Чужая аренда")
    claim(timezone.now(), "slow", QueueConfig(lease_seconds=1))
    claim(timezone.now() + timedelta(seconds=2), "fast", QueueConfig())
    op = Operation.objects.get()
    fake = {"post_id": "999", "url": "https://vk.com/wall-1_999", "published_at": None}
    assert on_done(op, "slow", fake) == "lost"
    assert Operation.objects.get().state == "running"
    assert post.publications.get().status == "pending"
