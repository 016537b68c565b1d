"""Reports: requested on demand (built in the background) and sent every Monday."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from gospablik.analytics import report
from gospablik.analytics.aggregate import monday
from gospablik.analytics.models import Report
from gospablik.analytics.normduties import open_below_norm_duties
from gospablik.analytics.period import Period
from gospablik.audit.log import record
from gospablik.duties.models import Notification
from gospablik.orgs.models import Membership, Ministry
from gospablik.policy.store import NoPolicy, policy_for


@transaction.atomic
def do_request_report(ministry: Ministry, period: Period, *, actor: Any) -> Report:
    """Queue a report for any period; the worker builds it (see ``tasks.build_report``)."""
    created = Report.objects.create(
        ministry=ministry, since=period.since, until=period.until, requested_by=actor
    )
    record("analytics.report_request", actor=actor, obj=created, ministry=ministry,
           after={"since": str(period.since), "until": str(period.until)})  # fmt: skip
    transaction.on_commit(lambda: _enqueue(created.pk))
    return created


def _enqueue(report_id: int) -> None:
    from kombu.exceptions import OperationalError

    from gospablik.analytics.tasks import build_report

    try:
        build_report.delay(report_id)
    except OperationalError:  # the broker is down: say so instead of "queued" forever
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, error="Очередь фоновых задач недоступна"
        )


def local_today(ministry: Ministry) -> date:
    try:
        return timezone.now().astimezone(policy_for(ministry).tz()).date()
    except NoPolicy:
        return timezone.localdate()


def send_weekly(ministry: Ministry) -> Report | None:
    """On Monday (the ministry's time): last week's report, once, to the head and ЦУР;
    and the duties of pages below their norm, where the policy asks for them."""
    today = local_today(ministry)
    if today.weekday() != 0:
        return None
    week = monday(today) - timedelta(days=7)
    try:
        with transaction.atomic():
            weekly = Report.objects.create(
                ministry=ministry, since=week, until=week + timedelta(days=6), weekly=True
            )
    except IntegrityError:
        return None  # already sent this week
    open_below_norm_duties(ministry, week)
    built = report.build(weekly)
    deliver(built)
    return built


def recipients(ministry: Ministry) -> list[Any]:
    """The head of the ministry and the members of its ЦУР organization."""
    heads = Membership.objects.filter(organization__ministry=ministry, is_active=True,
                                      organization__kind="ministry", role="head")  # fmt: skip
    cur = Membership.objects.filter(organization__ministry=ministry, is_active=True,
                                    organization__kind="cur")  # fmt: skip
    members = (heads | cur).filter(user__is_active=True).select_related("user")
    return sorted({m.user for m in members}, key=lambda u: u.pk)


def deliver(built: Report) -> int:
    ministry = built.ministry
    span = f"{date_format(built.since, 'd.m.Y')} — {date_format(built.until, 'd.m.Y')}"
    text = f"Отчёт о страницах «{ministry.short_name}» за {span} готов"
    path = reverse("analytics:report", kwargs={"ministry": ministry.key, "pk": built.pk})
    link = f"{settings.SITE_URL.rstrip('/')}{path}"
    users = recipients(ministry)
    for user in users:
        Notification.objects.create(
            user=user, level=Notification.Level.INFO, text=f"{text}: {link}"
        )
        if user.email:
            _mail(user.email, text, link, built)
    return len(users)


def _mail(address: str, text: str, link: str, built: Report) -> None:
    message = EmailMessage(f"gospablik: {text}", f"{text}.\n\n{link}",
                           settings.DEFAULT_FROM_EMAIL, [address])  # fmt: skip
    message.attach(f"report-{built.since}-{built.until}.pdf", bytes(built.pdf), "application/pdf")
    message.send(fail_silently=True)


def send_all_weekly() -> int:
    return sum(1 for m in Ministry.objects.all() if send_weekly(m) is not None)
