from __future__ import annotations

from django.utils import timezone

from gospablik.content.models import Publication
from gospablik.networks.models import Connection
from gospablik.networks.outbound import run_once

from .conftest import ok_topics, vk_posts


def test_it_publishes_a_text_post_to_vk_and_ok(scheduled, vk_account, ok_account, emulators):
    post = scheduled([vk_account, ok_account], timezone.now(), text="Поликлиника открыта")
    assert run_once().outcomes == {"done": 2}
    assert len(vk_posts(emulators["vk"], "Поликлиника открыта")) == 1
    assert len(ok_topics(emulators["ok"], "Поликлиника открыта")) == 1
    post.refresh_from_db()
    assert post.status == "published"
    assert all(p.network_url and p.published_at for p in Publication.objects.all())


def test_it_does_not_publish_before_the_time(scheduled, vk_account, emulators):
    scheduled([vk_account], timezone.now() + timezone.timedelta(hours=1), text="Позже")
    assert run_once().handled == 0
    assert vk_posts(emulators["vk"], "Позже") == []


def test_it_publishes_at_the_time(scheduled, vk_account, emulators):
    at = timezone.now() + timezone.timedelta(hours=1)
    scheduled([vk_account], at, text="Вовремя")
    assert run_once(at).outcomes == {"done": 1}


def test_it_publishes_a_second_time_never(scheduled, vk_account, emulators):
    scheduled([vk_account], timezone.now(), text="Один раз")
    run_once()
    assert run_once().handled == 0
    assert len(vk_posts(emulators["vk"], "Один раз")) == 1


def test_an_unconnected_account_fails_with_a_clear_message(scheduled, vk_account):
    Connection.objects.filter(account=vk_account).delete()
    post = scheduled([vk_account], timezone.now())  # fails at once: nothing to queue
    assert run_once().handled == 0
    pub = post.publications.get()
    assert pub.status == "failed" and "не подключён" in pub.last_error
    post.refresh_from_db()
    assert post.status == "failed"


def test_the_beat_task_and_the_command_dispatch(scheduled, vk_account, ok_account, settings):
    from io import StringIO

    from django.core.management import call_command

    from gospablik.content import tasks
    from gospablik.networks.outbound import tasks as outbound

    names = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {outbound.run_due.name, tasks.import_walls.name, tasks.open_followups.name} <= names
    scheduled([vk_account], timezone.now(), text="Через задачу")
    assert outbound.run_due() == 1
    scheduled([ok_account], timezone.now(), text="Через команду")
    out = StringIO()
    call_command("outbound", "run", stdout=out)
    assert out.getvalue().strip() == "handled 1"
