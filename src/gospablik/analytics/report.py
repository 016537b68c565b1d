"""The PDF report of a ministry for a period, from the same data as the pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from gospablik.analytics import queries
from gospablik.analytics.dashboard import ministry_dashboard
from gospablik.analytics.models import Report
from gospablik.analytics.period import Period
from gospablik.duties.kinds import DUTY_KINDS
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry

Progress = Callable[[int], None]


def duties_in(ministry: Ministry, period: Period) -> dict[str, Any]:
    start, end = queries.aware(period.since), queries.aware(period.until + timedelta(days=1))
    duties = Duty.objects.filter(ministry=ministry)
    done = duties.filter(status=Duty.Status.DONE, done_at__gte=start, done_at__lt=end)
    overdue = duties.filter(status=Duty.Status.OPEN, due_at__lt=min(end, timezone.now()))
    return {
        "done": done.count(),
        "done_late": sum(1 for d in done.only("due_at", "done_at", "status") if d.due_at
                         and d.done_at and d.done_at > d.due_at),
        "overdue": [(str(DUTY_KINDS.get(d.kind, d.kind)), d.title, d.due_at)
                    for d in overdue.order_by("due_at")[:20]],
        "overdue_total": overdue.count(),
    }  # fmt: skip


def report_context(ministry: Ministry, period: Period, progress: Progress) -> dict[str, Any]:
    board = ministry_dashboard(ministry, period)
    progress(40)
    best, worst = queries.top_posts(ministry, period)
    answers, answers_before = queries.answers_pair(ministry, period)
    context = {
        "ministry": ministry, "period": period, "previous": period.previous(), "board": board,
        "best": best[:5], "worst": worst[:5], "formats": queries.by_format(ministry, period),
        "duties": duties_in(ministry, period), "now": timezone.now(),
        "answers": answers, "answers_before": answers_before,
    }  # fmt: skip
    progress(60)
    return context


def render_pdf(ministry: Ministry, period: Period, progress: Progress) -> bytes:
    from weasyprint import HTML

    with translation.override("ru"):
        html = render_to_string(
            "analytics/report_pdf.html", report_context(ministry, period, progress)
        )
    progress(80)
    return bytes(HTML(string=html).write_pdf())


def build(report: Report) -> Report:
    """Build ``report`` (progress stored as it goes); a failure is kept with its reason."""

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.BUILDING, progress=percent)

    progress(10)
    try:
        pdf = render_pdf(report.ministry, Period(report.since, report.until), progress)
    except Exception as error:  # the report must end in a state a person can see
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED, error=str(error)[:500]
        )
        raise
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.READY, progress=100, pdf=pdf, built_at=timezone.now()
    )
    report.refresh_from_db()
    return report
