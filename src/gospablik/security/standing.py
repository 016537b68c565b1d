"""The stored posture of every account (issue 18): assessed again in the transaction of
whatever changes its facts (a key, the connection, the owner's records, the allowed
administrators, a snapshot), read by the overview and the API one page at a time.
A row whose ``fresh_until`` day has passed is assessed again when it is read, so the
passing of time (a key nearing expiry) needs no job."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from gospablik.networks.models import Connection
from gospablik.orgs.models import Ministry
from gospablik.policy.models import PolicyVersion
from gospablik.policy.store import NoPolicy, policies_cached, policy_for
from gospablik.registry.models import Account
from gospablik.security.assess import Posture, postures_of
from gospablik.security.models import (
    AccountPosture,
    AccountSecurity,
    AllowedAdmin,
    Credential,
    Snapshot,
)
from gospablik.security.owners import local_date
from gospablik.security.posture import Finding


def store(account: Account) -> Posture | None:
    """Assess ``account`` now and keep the result; None when its ministry has no policy
    (nothing to judge against; the overview assesses it when one is set)."""
    found = store_many([account])
    return found[0] if found else None


def store_many(accounts: list[Account]) -> list[Posture]:
    """Assess ``accounts`` together (a constant number of queries) and keep the results."""
    try:
        by_language = _assessed_in_every_language(accounts)
    except NoPolicy:
        return []
    found = by_language[_language()]
    now = timezone.now()
    AccountPosture.objects.bulk_create(
        [
            AccountPosture(
                account=p.account, ministry_id=p.account.ministry_id, grade=p.grade,
                findings=_findings(i, by_language), fresh_until=p.fresh_until, computed_at=now,
            )
            for i, p in enumerate(found)
        ],
        update_conflicts=True,
        unique_fields=["account"],
        update_fields=["ministry", "grade", "findings", "fresh_until", "computed_at"],
    )  # fmt: skip
    return found


def _language() -> str:
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _assessed_in_every_language(accounts: list[Account]) -> dict[str, list[Posture]]:
    """Findings are stored as the words people read, so in each of the UI's languages."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found[code] = postures_of(accounts)
    return found


def _findings(index: int, by_language: dict[str, list[Posture]]) -> list[dict[str, Any]]:
    stored = []
    for n, finding in enumerate(by_language[settings.LANGUAGE_CODE][index].findings):
        texts = {code: found[index].findings[n].text for code, found in by_language.items()}
        stored.append({"severity": finding.severity, "text": finding.text, "texts": texts})
    return stored


def _text(finding: dict[str, Any]) -> str:
    return str(finding.get("texts", {}).get(_language(), finding["text"]))


def store_for(account_id: Any) -> None:
    account = Account.objects.filter(pk=account_id).select_related("ministry").first()
    if account is not None:
        store(account)


def postures(ministry: Ministry, accounts: Iterable[Account]) -> list[Posture]:
    """The stored postures of ``accounts`` (one query); missing or outdated ones are
    assessed together and stored now."""
    accounts = list(accounts)
    today = local_date(policy_for(ministry))
    stored = AccountPosture.objects.filter(account__in=[a.pk for a in accounts])
    rows = {row.account_id: row for row in stored}
    stale = [a for a in accounts if a.pk not in rows or rows[a.pk].fresh_until < today]
    fresh = {p.account.pk: p for p in store_many(stale)} if stale else {}
    found = []
    for account in accounts:
        if account.pk in fresh:
            found.append(fresh[account.pk])
        elif account.pk in rows:
            row = rows[account.pk]
            findings = [Finding(f["severity"], _text(f)) for f in row.findings]
            found.append(Posture(account, row.grade, findings, None, None, row.fresh_until))
    return found


def grade_counts(ministry: Ministry) -> dict[str, int]:
    """How many of the ministry's accounts have each grade (one query)."""
    rows = AccountPosture.objects.filter(ministry=ministry).exclude(
        account__status=Account.Status.DELETED
    )
    counted = rows.values_list("grade").annotate(n=Count("pk")).order_by("grade")
    return {grade: n for grade, n in counted}


@transaction.atomic
def rebuild(ministry: Ministry) -> int:
    """Every account of the ministry assessed again; returns how many were stored."""
    AccountPosture.objects.filter(ministry=ministry).delete()
    accounts = list(Account.objects.filter(ministry=ministry).select_related("ministry"))
    with policies_cached():
        return sum(len(store_many(accounts[i : i + 1000])) for i in range(0, len(accounts), 1000))


def outdate(**scope: Any) -> None:
    """Assess again when next read (a deletion, a policy change)."""
    AccountPosture.objects.filter(**scope).update(fresh_until=date.min)


def _account_of(instance: Any) -> Any:
    if isinstance(instance, Credential):
        accounts = Connection.objects.filter(pk=instance.connection_id)
        return accounts.values_list("account_id", flat=True).first()
    return instance.account_id


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        store_for(_account_of(instance))


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    outdate(account_id=_account_of(instance))


def _policy_saved(sender: Any, instance: PolicyVersion, raw: bool = False, **kwargs: Any) -> None:
    outdate(ministry_id=instance.ministry_id)


def connect() -> None:
    for model in (Connection, Credential, AccountSecurity, AllowedAdmin, Snapshot):
        post_save.connect(_saved, sender=model, dispatch_uid=f"standing-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"standing-del-{model.__name__}")
    post_save.connect(_policy_saved, sender=PolicyVersion, dispatch_uid="standing-policy")
