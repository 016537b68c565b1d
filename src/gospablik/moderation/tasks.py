"""Celery tasks of the moderation module (beat entries in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from gospablik.moderation import authors, bans, polling, recovery, sla

log = logging.getLogger(__name__)


@shared_task(name="gospablik.moderation.tasks.recover")
def recover() -> dict[str, Any]:
    """Finish archived deletions and sanctions whose network step did not complete."""
    result = recovery.recover()
    return {"deletions": result.deletions, "sanctions": result.sanctions}


@shared_task(name="gospablik.moderation.tasks.poll")
def poll() -> int:
    """Poll the networks without push (OK discussions) for new comments."""
    return polling.poll_all()


@shared_task(name="gospablik.moderation.tasks.review_sla")
def review_sla() -> int:
    """Open (and close) the review-SLA duties of the moderation queues."""
    return sla.refresh_review_duties()


@shared_task(name="gospablik.moderation.tasks.name_authors")
def name_authors() -> int:
    """Give recent comments and messages that came with ids only their authors' names."""
    return authors.name_missing_authors()


@shared_task(name="gospablik.moderation.tasks.lift_expired")
def lift_expired() -> int:
    """Unban, when the term ends, bans the network could not give an end date."""
    return bans.lift_expired()


@worker_ready.connect
def _recover_on_start(**_: Any) -> None:
    """A restarted worker first finishes what a crash left half done."""
    recover.delay()
