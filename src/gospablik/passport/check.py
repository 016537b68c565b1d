"""Reading the page passport from the network and turning missing items into a duty.

One duty per account (kind ``page_passport``) for the organization holding the
maintenance function; it lists what is missing with the source of each requirement and
is completed by the check that finds everything in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.actions import Subject, do_complete_duty, do_open_duty, open_duties_for
from gospablik.networks.base import ConnectorError, Profile
from gospablik.networks.connections import connector_for
from gospablik.orgs.models import Organization
from gospablik.passport.items import LABELS, check_item
from gospablik.passport.models import PagePassport
from gospablik.policy.citation import cite
from gospablik.policy.schema import Policy
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

KIND = "page_passport"


def passport_items(account: Account, page: Profile, policy: Policy) -> list[dict[str, Any]]:
    """Each required item of the policy, as the page shows it."""
    if policy.profile is None:
        return []
    ministry = account.ministry
    items = []
    for item, clause in policy.profile.required().items():
        ok, note = check_item(item, page, ministry.name, ministry.short_name)
        items.append({"item": item, "ok": ok, "clause": clause, "note": note})
    return items


def check_account(account: Account, now: datetime | None = None) -> PagePassport:
    """Read the page from the network and store its passport (network call outside any
    transaction); a reading error is stored and changes no duty."""
    moment = now or timezone.now()
    try:
        page = connector_for(account.connection).read_profile()
    except ConnectorError as error:
        return _store(account, moment, None, error.message[:500])
    return _store(account, moment, passport_items(account, page, policy_for(account.ministry)), "")


@transaction.atomic
def _store(
    account: Account, moment: datetime, items: list[dict[str, Any]] | None, error: str
) -> PagePassport:
    passport, _ = PagePassport.objects.select_for_update().get_or_create(
        account=account, defaults={"checked_at": moment}
    )
    passport.checked_at, passport.error = moment, error
    if items is not None:
        passport.items = items
    passport.save()
    if items is not None:
        _settle_duty(account, passport)
    return passport


def _settle_duty(account: Account, passport: PagePassport) -> None:
    missing = passport.missing
    open_duty = open_duties_for(Subject.of(account), KIND).first()
    text = _describe(missing, policy_for(account.ministry))
    if open_duty is not None and not missing:
        do_complete_duty(open_duty, actor=None, resolution={"passport": "всё на месте"})
    elif open_duty is not None and open_duty.description != text:
        open_duty.description = text
        open_duty.save(update_fields=["description"])
        record("duty.update", obj=open_duty, ministry=account.ministry, after={"missing": text})
    elif open_duty is None and missing:
        _open(account, missing, text)


def _describe(missing: list[dict[str, Any]], policy: Policy) -> str:
    lines = []
    for entry in missing:
        note = f" ({entry['note']})" if entry.get("note") else ""
        lines.append(f"{LABELS[str(entry['item'])]}{note} — {cite(str(entry['clause']), policy)}")
    return "\n".join(lines)


def maintenance_org(account: Account, policy: Policy) -> Organization:
    keys = [o.key for o in policy.orgs_for("maintenance")] or [account.responsible_org.key]
    return Organization.objects.get(ministry=account.ministry, key=keys[0])


def _open(account: Account, missing: list[dict[str, Any]], text: str) -> None:
    policy = policy_for(account.ministry)
    clauses = "; ".join(dict.fromkeys(str(m["clause"]) for m in missing))
    do_open_duty(
        account.ministry,
        kind=KIND,
        owner_org=maintenance_org(account, policy),
        title=f"Оформить страницу «{account.title}»"[:500],
        start=timezone.now(),
        period=None,
        subject=Subject.of(account),
        clause=clauses[:200],
        description=text,
    )


def check_all(now: datetime | None = None) -> int:
    """Check every connected account that is not deleted; return how many were read."""
    accounts = Account.objects.filter(connection__isnull=False).exclude(
        status=Account.Status.DELETED
    )
    count = 0
    for account in accounts.select_related("ministry", "connection", "responsible_org"):
        check_account(account, now)
        count += 1
    return count
