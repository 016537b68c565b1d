"""Who answers for an account's security: the organization the policy gives `security`."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from gospablik.orgs.models import Organization
from gospablik.policy.schema import Policy
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account


def security_org(account: Account) -> Organization:
    """The first organization with the `security` function, else the responsible one."""
    keys = [o.key for o in policy_for(account.ministry).orgs_for("security")]
    found = {o.key: o for o in Organization.objects.filter(ministry=account.ministry, key__in=keys)}
    return next((found[k] for k in keys if k in found), account.responsible_org)


def local_date(policy: Policy, moment: datetime | None = None) -> date:
    return (moment or timezone.now()).astimezone(policy.tz()).date()


def local_midnight(day: date, policy: Policy) -> datetime:
    return datetime.combine(day, time.min, tzinfo=policy.tz())
