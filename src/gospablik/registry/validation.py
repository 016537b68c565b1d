"""Checks of account data shared by the form, the API and the CLI."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from gospablik.policy.schema import Policy
from gospablik.registry.networks import NETWORK_LABELS, host_matches


def account_errors(policy: Policy, data: dict[str, Any], today: date) -> dict[str, str]:
    """Field -> Russian message for everything wrong with `data` (empty when fine)."""
    errors: dict[str, str] = {}
    network, url = data.get("network", ""), data.get("url", "")
    if network and not policy.allows_network(network):
        allowed = ", ".join(str(NETWORK_LABELS[n.network]) for n in policy.networks)
        errors["network"] = (
            f"Порядок министерства не предусматривает эту соцсеть. Разрешены: {allowed}."
        )
    host = urlsplit(url).hostname or ""
    if url and network and not host_matches(network, host):
        errors["url"] = f"Адрес {host or url} не похож на адрес в выбранной соцсети."
    errors.update(_date_errors(data, today))
    return errors


def _date_errors(data: dict[str, Any], today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    status, created, deleted = data.get("status"), data.get("created_on"), data.get("deleted_on")
    if created and created > today:
        errors["created_on"] = "Дата создания не может быть в будущем."
    if deleted and deleted > today:
        errors["deleted_on"] = "Дата удаления не может быть в будущем."
    if created and deleted and deleted < created:
        errors["deleted_on"] = "Дата удаления раньше даты создания."
    if status == "active" and not created:
        errors["created_on"] = "Для действующего аккаунта укажите дату создания в соцсети."
    if status == "deleted" and not deleted:
        errors["deleted_on"] = "Для удалённого аккаунта укажите дату удаления."
    if status != "deleted" and deleted:
        errors["deleted_on"] = "Дата удаления заполняется только у удалённого аккаунта."
    return errors
