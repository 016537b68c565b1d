"""Which period a review round or an information request runs for (plain Python).

A round runs for the policy's period of its kind (order 000 п.2 абз.8: operational
content 4 hours, a special project 3 working days). An information request is due
on the date ЦУР asked for, but never later than ``information_request_max`` after
it was filed when the policy sets one.
"""

from __future__ import annotations

from datetime import date, datetime

from gospablik.policy.schema import ApprovalSpec, PeriodSpec, Policy

REQUEST_CLAUSE = "срок из запроса ЦУР"


def round_period(spec: ApprovalSpec, kind: str) -> PeriodSpec:
    """The review period of a submission kind ("operational" or "special_project")."""
    if kind == "operational":
        return spec.operational
    if kind == "special_project":
        return spec.special_project
    raise ValueError(f"неизвестный вид материала «{kind}»")


def requested_period(policy: Policy, start: datetime, needed_by: date) -> PeriodSpec:
    """The period ending at the end of ``needed_by`` (local date), counted from ``start``."""
    days = (needed_by - start.astimezone(policy.tz()).date()).days
    if days < 1:
        raise ValueError("Срок ответа — не раньше следующего дня")
    return PeriodSpec(amount=days, unit="calendar_days", clause=REQUEST_CLAUSE)


def request_period(
    policy: Policy, spec: ApprovalSpec, start: datetime, needed_by: date
) -> PeriodSpec:
    """The earlier of what ЦУР asked for and the policy's maximum, as a period."""
    asked = requested_period(policy, start, needed_by)
    limit = spec.information_request_max
    if limit is None or policy.due_at(start, asked) <= policy.due_at(start, limit):
        return asked
    return limit
