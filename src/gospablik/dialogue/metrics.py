"""Response-time figures: first-response time (median, p90), share answered within the
deadline, unanswered — for a week, overall and by account, network and organization.

Only threads that needed an answer count. Times run from the resident's comment to the
first answer the network accepted, in business hours (the policy's working hours on the
production calendar's working days, in its time zone) and in wall-clock hours.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from gospablik.dialogue.models import Thread
from gospablik.dialogue.worktime import WorkingTime

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Figures:
    threads: int
    answered: int
    unanswered: int
    within_deadline: float | None  # share of answered-or-due threads answered in time
    median_business_hours: float | None
    p90_business_hours: float | None
    median_hours: float | None  # wall-clock
    p90_hours: float | None


def parse_week(value: str) -> date:
    """Monday of an ISO week ``YYYY-Www``; ValueError with a Russian message otherwise."""
    match = WEEK.match(value.strip())
    if not match:
        raise ValueError("Неделя задаётся как ГГГГ-Wнн, например 2025-W11")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError("Такой недели нет в календаре") from None


def week_of(moment: datetime, tz: ZoneInfo) -> str:
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def week_threads(threads: QuerySet[Thread], monday: date, tz: ZoneInfo) -> QuerySet[Thread]:
    start = datetime.combine(monday, time(0), tzinfo=tz)
    return threads.filter(
        needs_answer=True, received_at__gte=start, received_at__lt=start + timedelta(days=7)
    )


def figures(rows: list[dict[str, Any]], clock: WorkingTime, now: datetime | None = None) -> Figures:
    moment = now or timezone.now()
    answered = [r for r in rows if r["first_answer_at"] is not None]
    hours = sorted(
        (r["first_answer_at"] - r["received_at"]).total_seconds() / 3600 for r in answered
    )
    business = sorted(
        clock.business_hours(r["received_at"], r["first_answer_at"]) for r in answered
    )
    judged = [
        r
        for r in rows
        if r["first_answer_at"] or (r["first_due_at"] and r["first_due_at"] < moment)
    ]
    in_time = [
        r
        for r in judged
        if r["first_answer_at"]
        and (r["first_due_at"] is None or r["first_answer_at"] <= r["first_due_at"])
    ]
    open_rows = [r for r in rows if r["first_answer_at"] is None and r["status"] in Thread.OPEN]
    return Figures(
        threads=len(rows),
        answered=len(hours),
        unanswered=len(open_rows),
        within_deadline=round(len(in_time) / len(judged), 3) if judged else None,
        median_business_hours=_median(business),
        p90_business_hours=round(p90(business), 2) if business else None,
        median_hours=_median(hours),
        p90_hours=round(p90(hours), 2) if hours else None,
    )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def p90(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


FIELDS = ("received_at", "first_answer_at", "first_due_at", "status", "account__title",
          "network", "routed_org__short_name")  # fmt: skip


def report(threads: QuerySet[Thread], monday: date, clock: WorkingTime) -> dict[str, Any]:
    """Figures of one week, overall and grouped (the week's rows, read once)."""
    rows = list(week_threads(threads, monday, clock.tz).values(*FIELDS))
    year, week, _ = monday.isocalendar()
    return {
        "week": f"{year}-W{week:02d}",
        "overall": asdict(figures(rows, clock)),
        "by_account": _grouped(rows, "account__title", clock),
        "by_network": _grouped(rows, "network", clock),
        "by_organization": _grouped(rows, "routed_org__short_name", clock),
    }


def _grouped(rows: list[dict[str, Any]], key: str, clock: WorkingTime) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key] or "", []).append(row)
    return [{"name": name, **asdict(figures(part, clock))} for name, part in sorted(groups.items())]
