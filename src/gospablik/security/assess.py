"""Gather an account's security facts from the database and judge them (see posture.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from gospablik.networks.models import Connection
from gospablik.policy.schema import Policy
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.security.credentials import key_label
from gospablik.security.models import AccountSecurity, AllowedAdmin, Credential, Snapshot
from gospablik.security.owners import local_date
from gospablik.security.posture import (
    NEEDED_SCOPES,
    Facts,
    Finding,
    KeyState,
    findings,
    fresh_until,
    grade,
)
from gospablik.security.snapshots import look_of


@dataclass(frozen=True)
class Posture:
    account: Account
    grade: str
    findings: list[Finding]
    snapshot: Snapshot | None
    record: AccountSecurity | None
    fresh_until: date = date.max  # see posture.fresh_until


def _key_state(credential: Credential, network: str, policy: Policy) -> KeyState:
    return KeyState(
        label=key_label(network, credential.key),
        scope=credential.scope,
        expires_on=credential.expires_on,
        rotated_on=local_date(policy, credential.rotated_at),
        needed=NEEDED_SCOPES.get((network, credential.key)),
        is_token=credential.key.endswith("token"),
    )


@dataclass
class Records:
    """What the assessment reads of each account, fetched for many accounts at once."""

    connections: dict[int, Connection]
    security: dict[int, AccountSecurity]
    snapshots: dict[int, Snapshot]
    allowed: dict[int, dict[str, str]]
    credentials: dict[int, list[Credential]]

    @classmethod
    def of(cls, accounts: list[Account]) -> Records:
        ids = [a.pk for a in accounts]
        connections = {c.account_id: c for c in Connection.objects.filter(account__in=ids)}
        allowed: dict[int, dict[str, str]] = defaultdict(dict)
        rows = AllowedAdmin.objects.filter(account__in=ids).order_by("pk")
        for account_id, user_id, role in rows.values_list("account_id", "network_user_id", "role"):
            allowed[account_id][user_id] = role
        credentials: dict[int, list[Credential]] = defaultdict(list)
        for credential in Credential.objects.filter(connection__in=connections.values()):
            credentials[credential.connection_id].append(credential)
        snapshots = {}
        for account_id in connections:  # only a connected account is ever looked at
            snap = Snapshot.objects.filter(account_id=account_id).first()
            if snap is not None:
                snapshots[account_id] = snap
        security = {r.account_id: r for r in AccountSecurity.objects.filter(account__in=ids)}
        return cls(connections, security, snapshots, allowed, credentials)


def posture_of(account: Account) -> Posture:
    return postures_of([account])[0]


def postures_of(accounts: list[Account]) -> list[Posture]:
    """Assessed together: five queries whatever the number of accounts (and one per
    connected account for its latest snapshot)."""
    records = Records.of(accounts)
    return [_assess(account, records, policy_for(account.ministry)) for account in accounts]


def _assess(account: Account, records: Records, policy: Policy) -> Posture:
    connection = records.connections.get(account.pk)
    record = records.security.get(account.pk)
    snap = records.snapshots.get(account.pk)
    secrets = connection.secrets if connection is not None else {}
    credentials = records.credentials.get(connection.pk, []) if connection is not None else []
    facts = Facts(
        connected=connection is not None and connection.is_usable,
        owner_2fa=record.owner_2fa if record else None,
        owner_login_holder=record.owner_login_holder if record else "",
        admins=look_of(snap).admins if snap else None,
        allowed=records.allowed.get(account.pk, {}),
        keys=tuple(_key_state(c, account.network, policy) for c in credentials),
        today=local_date(policy),
        rotation_days=policy.security.credential_rotation_days,
        reminder_days=policy.security.expiry_reminder_days,
        unsigned_push=account.network == "vk"
        and bool(secrets)
        and not secrets.get("callback_secret"),
        read_error=record.last_snapshot_error if record else "",
    )
    found = findings(facts)
    return Posture(account, grade(found), found, snap, record, fresh_until(facts))
