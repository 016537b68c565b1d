"""The ministry dashboard: cards with the previous period, charts and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from gospablik.analytics import queries
from gospablik.analytics.charts import Chart, day_labels
from gospablik.analytics.daytable import DayTable
from gospablik.analytics.formatting import number
from gospablik.analytics.metrics import METRIC_LABELS
from gospablik.analytics.period import Period
from gospablik.analytics.queries import Figures
from gospablik.analytics.rates import share_percent
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry
from gospablik.policy.store import NoPolicy, policy_for


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    previous: str
    change: str  # "+12,5 %" or ""
    note: str = ""


@dataclass
class Dashboard:
    period: Period
    cards: list[Card]
    charts: list[Chart]
    extra: dict[str, Any] = field(default_factory=dict)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def change(now: float | None, before: float | None) -> str:
    """
    >>> from django.utils import translation
    >>> with translation.override("ru"):
    ...     change(110, 100), change(5, 0), change(None, 1)
    ('+10 %', '', '')
    """
    if now is None or not before:
        return ""
    delta = round((now - before) / before * 100, 1)
    return ("+" if delta > 0 else "") + number(delta) + " %"


def _card(label: str, now: float | None, before: float | None, suffix: str = "") -> Card:
    value = number(now) + suffix if now is not None else _("нет данных")
    previous = number(before) + suffix if before is not None else "—"
    return Card(label, value, previous, change(now, before))


def figure_cards(now: Figures, before: Figures) -> list[Card]:
    return [
        _card(_("Аудитория (подписчики)"), now.followers, before.followers),
        _card(_("Публикации"), now.values.get("posts"), before.values.get("posts")),
        _card(_("Охват"), now.values.get("reach"), before.values.get("reach")),
        _card(_("Просмотры"), now.values.get("views"), before.values.get("views")),
        _card(_("ER по подписчикам"), now.er_followers, before.er_followers, " %"),
        _card(_("ER по просмотрам"), now.er_views, before.er_views, " %"),
        _card(_("Комментарии"), now.values.get("comments"), before.values.get("comments")),
    ]


def ministry_dashboard(ministry: Ministry, period: Period) -> Dashboard:
    table = DayTable.load(ministry.pk, period.previous().since, period.until)
    now, before = table.figures(period), table.figures(period.previous())
    cards = figure_cards(now, before)
    cards += _content_cards(ministry, period)
    return Dashboard(period, cards, ministry_charts(table, period))


def _content_cards(ministry: Ministry, period: Period) -> list[Card]:
    (reposts, total), (old_reposts, old_total) = queries.repost_shares(ministry, period)
    cap = _repost_cap(ministry)
    share = _card(_("Доля репостов"), share_percent(reposts, total),
                  share_percent(old_reposts, old_total), " %")  # fmt: skip
    if cap is not None:
        share = Card(share.label, share.value, share.previous, share.change,
                     _("предел по Порядку: %(cap)s %%") % {"cap": number(cap * 100)})  # fmt: skip
    style = _card(_("Оценка стиля (средняя)"), *queries.style_scores(ministry, period))
    moderation, before = queries.moderation_pair(ministry, period)
    return [
        share,
        style,
        _response_card(ministry, period),
        _card(_("Комментарии на модерации"), moderation["received"], before["received"]),
        _card(_("Удалено или скрыто модерацией"), moderation["deleted"], before["deleted"]),
    ]


def _response_card(ministry: Ministry, period: Period) -> Card:
    """Time to the first answer to residents (lower is better), from the dialogue."""
    now, before = queries.answers_pair(ministry, period)
    card = _card(_("Время до первого ответа жителям"), now.average_hours,
                 before.average_hours, " " + _("ч"))  # fmt: skip
    note = _("ответов: %(answered)s из %(threads)s; в срок: %(in_time)s") % {
        "answered": number(now.answered), "threads": number(now.threads),
        "in_time": number(now.in_time),
    }  # fmt: skip
    return Card(card.label, card.value, card.previous, card.change, note)


def _repost_cap(ministry: Ministry) -> float | None:
    try:
        cap = policy_for(ministry).repost_cap
    except NoPolicy:
        return None
    return cap.max_share if cap else None


def ministry_charts(table: DayTable, period: Period) -> list[Chart]:
    days = [d for d, _v in table.series("posts", period)]
    labels = day_labels(days, weekly=period.interval == "week")
    audience = {NETWORK_LABELS_RU.get(n, n): _values(table.series("followers", period, n))
                for n in table.networks()}  # fmt: skip
    return [
        Chart("audience", _("Аудитория по соцсетям"), labels, audience),
        Chart("activity", _("Публикации и реакции"), labels, {
            str(METRIC_LABELS[m]): _values(table.series(m, period))
            for m in ("posts", "likes", "reposts", "comments")
        }),
        Chart("reach", _("Охват и просмотры"), labels, {
            str(METRIC_LABELS[m]): _values(table.series(m, period)) for m in ("reach", "views")
        }),
    ]  # fmt: skip


def _values(points: list[tuple[date, int | None]]) -> list[float | None]:
    return [v for _d, v in points]
