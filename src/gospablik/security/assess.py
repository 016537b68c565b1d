"""Gather an account's security facts from the database and judge them (see posture.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gospablik.networks.models import Connection
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account
from gospablik.security.actions import allowed_map
from gospablik.security.credentials import key_label
from gospablik.security.models import AccountSecurity, Credential, Snapshot
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


def _keys(connection: Connection | None, network: str) -> tuple[KeyState, ...]:
    if connection is None:
        return ()
    return tuple(_key_state(c, network) for c in Credential.objects.filter(connection=connection))


def _key_state(credential: Credential, network: str) -> KeyState:
    policy = policy_for(credential.connection.account.ministry)
    return KeyState(
        label=key_label(network, credential.key),
        scope=credential.scope,
        expires_on=credential.expires_on,
        rotated_on=local_date(policy, credential.rotated_at),
        needed=NEEDED_SCOPES.get((network, credential.key)),
        is_token=credential.key.endswith("token"),
    )


def posture_of(account: Account) -> Posture:
    policy = policy_for(account.ministry)
    connection = Connection.objects.filter(account=account).first()
    record = AccountSecurity.objects.filter(account=account).first()
    snap = account.snapshots.first()
    secrets = connection.secrets if connection is not None else {}
    facts = Facts(
        connected=connection is not None and connection.is_usable,
        owner_2fa=record.owner_2fa if record else None,
        owner_login_holder=record.owner_login_holder if record else "",
        admins=look_of(snap).admins if snap else None,
        allowed=allowed_map(account),
        keys=_keys(connection, account.network),
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
