"""How a round or a request stands against its deadline, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SOON = timedelta(hours=1)


@dataclass(frozen=True)
class Sla:
    badge: str  # "", "green", "amber", "red"
    text: str


def duration_ru(delta: timedelta) -> str:
    """A rough human duration.

    >>> duration_ru(timedelta(hours=3, minutes=20))
    '3 часа 20 минут'
    >>> duration_ru(timedelta(days=2, hours=1))
    '2 дня 1 час'
    >>> duration_ru(timedelta(seconds=30))
    'меньше минуты'
    """
    minutes = int(delta.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    parts = [
        text % {"n": n}
        for n, text in (
            (days, ngettext("%(n)s день", "%(n)s дней", days)),
            (hours, ngettext("%(n)s час", "%(n)s часов", hours)),
            (mins, ngettext("%(n)s минута", "%(n)s минут", mins)),
        )
        if n
    ]
    return " ".join(parts[:2]) or _("меньше минуты")


def sla_of(due_at: datetime | None, done_at: datetime | None, now: datetime) -> Sla:
    """Done: in time or late; open: time left, or how long overdue.

    >>> from datetime import UTC
    >>> t = datetime(2025, 5, 1, 12, tzinfo=UTC)
    >>> sla_of(t, t - timedelta(minutes=1), t)
    Sla(badge='green', text='в срок')
    >>> sla_of(t, None, t + timedelta(hours=2))
    Sla(badge='red', text='просрочено на 2 часа')
    >>> sla_of(t, None, t - timedelta(minutes=30))
    Sla(badge='amber', text='осталось 30 минут')
    """
    if due_at is None:
        return Sla("", _("без срока"))
    if done_at is not None:
        return Sla("green", _("в срок")) if done_at <= due_at else Sla("red", _("с опозданием"))
    if now > due_at:
        return Sla("red", _("просрочено на %(time)s") % {"time": duration_ru(now - due_at)})
    left = due_at - now
    badge = "amber" if left <= SOON else ""
    return Sla(badge, _("осталось %(time)s") % {"time": duration_ru(left)})
