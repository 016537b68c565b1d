"""Changing the analytics section of a ministry's policy, and weekly figures as data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import yaml

from gospablik.analytics.aggregate import monday
from gospablik.analytics.models import AccountWeek
from gospablik.orgs.models import Ministry
from gospablik.policy.actions import do_update_policy
from gospablik.policy.store import current_version
from gospablik.registry.models import Account
from tests.foundation.factories import register


def set_analytics(ministry: Ministry, actor: Any, change: dict[str, Any]) -> None:
    data = yaml.safe_load(current_version(ministry).text)
    _deep_update(data["analytics"], change)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    do_update_policy(ministry, text, actor=actor, comment="тест: аналитика")


def _deep_update(target: dict[str, Any], change: dict[str, Any]) -> None:
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


def last_week() -> date:
    return monday(datetime.now(UTC).date()) - timedelta(days=7)


def page(ministry: Ministry, actor: Any, name: str, **fields: Any) -> Account:
    return register(ministry, actor, url=f"https://vk.com/{name}", title=name, **fields)


def week_of(account: Account, **figures: Any) -> AccountWeek:
    values = {"followers": 1000, "followers_start": 1000, "posts": 0} | figures
    return AccountWeek.objects.create(
        account=account, ministry=account.ministry, week=last_week(), **values
    )
