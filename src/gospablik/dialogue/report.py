"""The dialogue's figures per account for a period, for the compliance report and its XLSX.

For each account: the resident threads that needed an answer, the share answered, the
median and 90th percentile of the time to the first answer in business hours (the
policy's working hours on the production calendar) and the threads whose first-answer
deadline passed without an answer in time (answered late or still waiting).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from gospablik.dialogue.metrics import p90
from gospablik.dialogue.models import Thread
from gospablik.dialogue.worktime import WorkingTime
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

SHEET = "Ответы жителям"
HEADER = [
    "Аккаунт", "Соцсеть", "Нужен ответ", "Отвечено", "Доля отвеченных",
    "Медиана первого ответа, рабочих ч", "90-й процентиль, рабочих ч", "С нарушением срока",
]  # fmt: skip


@dataclass(frozen=True)
class AccountDialogue:
    account: Account
    needing: int
    answered: int
    median_business_hours: float | None
    p90_business_hours: float | None
    overdue: int

    @property
    def answered_share(self) -> float | None:
        return round(self.answered / self.needing, 3) if self.needing else None


def account_figures(
    ministry: Ministry, first: date, last: date, now: datetime | None = None
) -> list[AccountDialogue]:
    """Threads received from ``first`` to ``last`` (local days, inclusive), per account
    that had any; empty when the ministry's policy has no dialogue section."""
    policy = policy_for(ministry)
    if policy.dialogue is None:
        return []
    clock, moment = WorkingTime.of(policy), now or timezone.now()
    start = datetime.combine(first, time(0), tzinfo=clock.tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=clock.tz)
    rows = Thread.objects.filter(
        ministry=ministry, needs_answer=True, received_at__gte=start, received_at__lt=end
    ).values_list("account_id", "received_at", "first_answer_at", "first_due_at")
    per_account: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows.iterator(chunk_size=2000):
        per_account[row[0]].append(row[1:])
    accounts = Account.objects.in_bulk(list(per_account))
    figures = [_figures(accounts[pk], part, clock, moment) for pk, part in per_account.items()]
    return sorted(figures, key=lambda f: (f.account.network, f.account.title))


def _figures(
    account: Account, rows: list[tuple[Any, ...]], clock: WorkingTime, now: datetime
) -> AccountDialogue:
    hours = sorted(clock.business_hours(got, answer) for got, answer, _ in rows if answer)
    late = sum(1 for _, answer, due in rows if due is not None and (answer or now) > due)
    return AccountDialogue(
        account=account, needing=len(rows), answered=len(hours),
        median_business_hours=round(statistics.median(hours), 2) if hours else None,
        p90_business_hours=round(p90(hours), 2) if hours else None, overdue=late,
    )  # fmt: skip


def add_sheet(workbook: Any, figures: list[AccountDialogue]) -> None:
    """The figures as their own sheet of the compliance workbook (empty: no sheet)."""
    if not figures:
        return
    sheet = workbook.create_sheet(SHEET)
    sheet.append(HEADER)
    for f in figures:
        sheet.append([
            f.account.title, NETWORK_LABELS_RU.get(f.account.network, f.account.network),
            f.needing, f.answered, f.answered_share, f.median_business_hours,
            f.p90_business_hours, f.overdue,
        ])  # fmt: skip
    sheet.freeze_panes = "A2"
