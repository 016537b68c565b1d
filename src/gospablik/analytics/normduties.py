"""Duties for pages below their norm, when the policy asks for them (weekly, on Monday)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gospablik.analytics.norms import NormCheck, below_norm, check_week
from gospablik.duties.actions import Subject, do_open_duty, open_duties_for
from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import NoPolicy, policy_for

KIND = "page_below_norm"


def open_below_norm_duties(ministry: Ministry, week: date) -> list[Duty]:
    """One open duty per page below its norm (none while one is still open)."""
    try:
        spec = policy_for(ministry).analytics
    except NoPolicy:
        return []
    if spec is None or spec.below_norm_duty is None:
        return []
    opened = []
    for check in below_norm(check_week(ministry, spec, week)):
        subject = Subject.of(check.account)
        if not open_duties_for(subject, KIND).exists():
            opened.append(_open(ministry, check, subject, spec.below_norm_duty, spec.clause))
    return opened


def _open(
    ministry: Ministry, check: NormCheck, subject: Subject, period: PeriodSpec, clause: str
) -> Duty:
    account = check.account
    return do_open_duty(
        ministry,
        kind=KIND,
        owner_org=account.responsible_org,
        title=f"Страница «{account.title}» ниже нормы: " + "; ".join(check.problems),
        start=timezone.now(),
        period=period,
        subject=subject,
        clause=clause,
        description="Нормы типа страницы заданы в разделе analytics Порядка.",
    )
