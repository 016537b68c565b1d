"""Celery beat task of analytics."""

from __future__ import annotations

from celery import shared_task

from gospablik.analytics.collect import collect_due


@shared_task(name="gospablik.analytics.tasks.collect")
def collect() -> dict[str, int]:
    return collect_due()
