"""One account's series and the gaps in them, with the networks' reasons."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gospablik.analytics import queries
from gospablik.analytics.charts import Chart, day_labels
from gospablik.analytics.metrics import METRIC_LABELS, METRICS
from gospablik.analytics.models import AccountDay
from gospablik.analytics.period import Period
from gospablik.registry.models import Account

GROUPS = (
    ("audience", _("Аудитория"), ("followers",)),
    ("activity", _("Публикации и реакции"), ("posts", "likes", "reposts", "comments")),
    ("reach", _("Охват и просмотры"), ("reach", "views")),
)


def account_days(account: Account, period: Period) -> QuerySet[AccountDay]:
    return AccountDay.objects.filter(account=account, day__range=(period.since, period.until))


def account_charts(account: Account, period: Period) -> list[Chart]:
    rows = account_days(account, period)
    charts = []
    for key, title, metrics in GROUPS:
        series = {m: queries.series(rows, m, period) for m in metrics}
        days = [d for d, _v in series[metrics[0]]]
        labels = day_labels(days, weekly=period.interval == "week")
        values: dict[str, list[float | None]] = {
            str(METRIC_LABELS[m]): [v for _d, v in series[m]] for m in metrics
        }
        charts.append(Chart(key, str(title), labels, values))
    return charts


def account_gaps(account: Account, period: Period) -> list[tuple[str, str, int]]:
    """(figure, reason, days) for every figure the network did not give in the period."""
    found: Counter[tuple[str, str]] = Counter()
    for gaps in account_days(account, period).exclude(gaps={}).values_list("gaps", flat=True):
        for metric, reason in gaps.items():
            found[(metric, reason)] += 1
    order = {m: i for i, m in enumerate(METRICS)}
    return [
        (str(METRIC_LABELS.get(m, m)), reason, days)
        for (m, reason), days in sorted(found.items(), key=lambda i: order.get(i[0][0], 99))
    ]
