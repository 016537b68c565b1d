"""Contest results duties; reading walls back; the audit trail of every state change."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gospablik.audit.log import verify
from gospablik.audit.models import AuditEntry
from gospablik.content.actions import (
    do_cancel_post,
    do_delete_post,
    do_reschedule,
    do_retry_publication,
    do_update_post,
)
from gospablik.content.followups import open_followups
from gospablik.content.importer import import_walls
from gospablik.content.models import RemotePost
from gospablik.duties.models import Duty
from gospablik.networks.outbound import QueueConfig, run_once

from .conftest import VK_GROUP, make_post


def test_a_contest_opens_its_results_duty_on_the_results_date(scheduled, vk_account):
    now = timezone.now()
    results = now + timedelta(days=10)
    post = scheduled(
        [vk_account],
        now,
        format="contest",
        text="Конкурс рисунков",
        rules="Присылайте рисунки",
        starts_at=now,
        ends_at=now + timedelta(days=7),
        results_at=results,
    )
    run_once()
    assert open_followups(now) == 0
    assert open_followups(results) == 1
    duty = Duty.objects.get(kind="content_results")
    assert duty.subject_id == str(post.pk) and "Подвести итоги конкурса" in duty.title
    assert duty.due_at > results
    assert open_followups(results + timedelta(days=1)) == 0  # once


def test_import_stores_wall_posts_and_recognises_ours(scheduled, vk_account, emulators):
    scheduled([vk_account], timezone.now(), text="Наш пост")
    run_once()
    emulators["vk"].add_external_post(VK_GROUP, "Пост из интерфейса ВК")
    assert import_walls()[vk_account.pk] >= 2
    ours = RemotePost.objects.get(account=vk_account, text="Наш пост")
    assert ours.publication is not None
    external = RemotePost.objects.get(account=vk_account, text="Пост из интерфейса ВК")
    assert external.publication is None and not external.is_repost


def test_every_state_change_is_audited(health, komiac, scheduled, vk_account, emulators):
    post = make_post(health, komiac, [vk_account], text="Аудит")
    do_update_post(post, {"text": "Аудит 2"}, [vk_account], actor=komiac)
    later = scheduled([vk_account], timezone.now() + timedelta(days=1), text="Позже")
    do_reschedule(later, timezone.now() + timedelta(days=2), actor=komiac)
    do_cancel_post(later, actor=komiac)
    do_delete_post(post, actor=komiac)
    emulators["vk"].faults.push(6, method="wall.post")  # rate limit: retry at once (below)
    emulators["vk"].faults.push(15, method="wall.post")  # then a permanent refusal
    failing = scheduled([vk_account], timezone.now(), text="С повтором")
    run_once(config=QueueConfig(max_delay=0))
    run_once(config=QueueConfig(max_delay=0))
    do_retry_publication(failing.publications.get(), actor=komiac)
    run_once()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "content.post.create",
        "content.post.update",
        "content.post.schedule",
        "content.post.reschedule",
        "content.post.cancel",
        "content.post.delete",
        "content.publication.retry",
        "content.publication.failed",
        "content.publication.retry_requested",
        "content.publication.published",
    } <= actions
    assert verify().ok
