from __future__ import annotations

from datetime import date
from typing import Any

from gospablik.orgs.models import Ministry, Organization
from gospablik.registry.actions import do_register_account
from gospablik.registry.models import Account


def account_data(ministry: Ministry, **overrides: Any) -> dict[str, Any]:
    org_key = "komiac" if ministry.key.endswith("335") else "orgwork"
    data: dict[str, Any] = {
        "network": "vk",
        "url": "https://vk.com/kuzdrav_test",
        "title": "Тестовое сообщество",
        "status": "active",
        "created_on": date(2024, 4, 26),
        "responsible_org": Organization.objects.get(ministry=ministry, key=org_key),
    }
    data.update(overrides)
    return data


def register(ministry: Ministry, actor: Any = None, **overrides: Any) -> Account:
    return do_register_account(ministry, account_data(ministry, **overrides), actor=actor)


def change_policy(ministry: Ministry, changes: dict[str, Any], actor: Any = None) -> None:
    """Store a new policy version with ``changes`` ({"style.min_score": 5}) applied."""
    import yaml

    from gospablik.policy.actions import do_update_policy
    from gospablik.policy.store import current_version

    data = yaml.safe_load(current_version(ministry).text)
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[leaf] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    do_update_policy(ministry, text, actor=actor, comment=f"тест: {', '.join(changes)}")
