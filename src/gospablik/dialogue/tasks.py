"""Periodic work of the dialogue: threads for comments and messages that were missed."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from gospablik.dialogue.threads import open_thread
from gospablik.moderation.models import Comment, Message

BATCH = 500
LOOKBACK = timedelta(days=2)


@shared_task(name="gospablik.dialogue.tasks.open_missing")
def open_missing() -> int:
    """Open threads for recent comments and messages that have none (bounded batch)."""
    since = timezone.now() - LOOKBACK
    comments = (
        Comment.objects.filter(received_at__gte=since, thread__isnull=True)
        .exclude(text="")
        .order_by("received_at")[:BATCH]
    )
    messages = Message.objects.filter(received_at__gte=since, thread__isnull=True).order_by(
        "received_at"
    )[:BATCH]
    opened = [open_thread(c) for c in comments if not c.is_tombstone]
    opened += [open_thread(m) for m in messages]
    return sum(1 for thread in opened if thread is not None)
