"""Celery tasks of analytics: collection, the Monday reports, reports on demand."""

from __future__ import annotations

from celery import shared_task

from gospablik.analytics.collect import collect_due


@shared_task(name="gospablik.analytics.tasks.collect")
def collect() -> dict[str, int]:
    return collect_due()


@shared_task(name="gospablik.analytics.tasks.weekly")
def weekly() -> int:
    """Hourly; acts once per ministry on its Monday."""
    from gospablik.analytics.reports import send_all_weekly

    return send_all_weekly()


@shared_task(name="gospablik.analytics.tasks.build_report")
def build_report(report_id: int) -> str:
    from gospablik.analytics import report
    from gospablik.analytics.models import Report

    built = report.build(Report.objects.select_related("ministry").get(pk=report_id))
    return built.status
