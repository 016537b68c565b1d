"""The credential vault's records: one :class:`Credential` per secret key of a connection.

The value stays encrypted in ``Connection.secrets``. Saving a connection syncs the records
(a signal): a new key is recorded, a changed value counts as a rotation (and closes the
rotation duty), a removed key is dropped. People see only masked values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from gospablik.audit.log import record, snapshot
from gospablik.duties.actions import Subject, do_cancel_duty, do_complete_duty, open_duties_for
from gospablik.networks.connections import config_schema_of
from gospablik.networks.models import Connection
from gospablik.security.crypto import mask
from gospablik.security.models import Credential

KIND = "credential_rotation"
AUDIT_EXCLUDE = ("fingerprint",)


def fingerprint(value: str) -> str:
    """A keyed hash that tells a changed value from the same one, and nothing else."""
    return salted_hmac("gospablik.security.credential", value, algorithm="sha256").hexdigest()[:32]


def key_label(network: str, key: str) -> str:
    try:
        fields = {f.key: f.label for f in config_schema_of(network)}
    except Exception:  # noqa: BLE001 — an unknown network still shows the raw key name
        fields = {}
    return str(fields.get(key, key))


@dataclass(frozen=True)
class MaskedKey:
    credential: Credential
    label: str
    masked: str


def masked_keys(connection: Connection) -> list[MaskedKey]:
    """What a person may see of a connection's keys."""
    secrets = connection.secrets or {}
    return [
        MaskedKey(
            c, key_label(connection.account.network, c.key), mask(str(secrets.get(c.key, "")))
        )
        for c in connection.credentials.select_related("holder_org")
    ]


def _audit(action: str, credential: Credential, actor: Any, **extra: Any) -> None:
    account = credential.connection.account
    record(
        action,
        actor=actor,
        obj=credential,
        ministry=account.ministry,
        object_repr=f"{key_label(account.network, credential.key)} — {account.title}",
        **extra,
    )


@transaction.atomic
def sync_credentials(connection: Connection, *, actor: Any = None) -> None:
    """Bring the records in line with the keys the connection holds now."""
    now = timezone.now()
    existing = {
        c.key: c for c in Credential.objects.select_for_update().filter(connection=connection)
    }
    for key, value in (connection.secrets or {}).items():
        if not value:
            continue
        digest = fingerprint(str(value))
        credential = existing.pop(key, None)
        if credential is None:
            _add(connection, key, digest, actor, now)
        elif credential.fingerprint != digest:
            _rotated(credential, digest, actor, now)
    for credential in existing.values():
        _remove(credential, actor)


def _add(connection: Connection, key: str, digest: str, actor: Any, now: datetime) -> None:
    credential = Credential.objects.create(
        connection=connection,
        key=key,
        holder_org=connection.account.responsible_org,
        rotated_at=now,
        fingerprint=digest,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _audit("credential.add", credential, actor, after=snapshot(credential, AUDIT_EXCLUDE))


def _rotated(credential: Credential, digest: str, actor: Any, now: datetime) -> None:
    before = snapshot(credential, AUDIT_EXCLUDE)
    credential.fingerprint, credential.rotated_at = digest, now
    credential.save(update_fields=["fingerprint", "rotated_at", "updated_at"])
    _audit(
        "credential.rotate",
        credential,
        actor,
        before=before,
        after=snapshot(credential, AUDIT_EXCLUDE),
    )
    for duty in open_duties_for(Subject.of(credential), KIND):
        do_complete_duty(duty, actor=actor, resolution={"rotated_at": now.isoformat()})


def _remove(credential: Credential, actor: Any) -> None:
    for duty in open_duties_for(Subject.of(credential), KIND):
        do_cancel_duty(duty, actor=actor, reason="Ключ удалён из подключения")
    _audit("credential.remove", credential, actor, before=snapshot(credential, AUDIT_EXCLUDE))
    credential.delete()


EDITABLE = ("holder_org", "scope", "expires_on")


@transaction.atomic
def do_update_credential(
    credential: Credential, changes: dict[str, Any], *, actor: Any
) -> Credential:
    """Record who holds a key, its rights and its expiry (never its value)."""
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    before = snapshot(credential, AUDIT_EXCLUDE)
    for name in EDITABLE:
        if name in changes:
            setattr(credential, name, changes[name])
    credential.save()
    _audit(
        "credential.change",
        credential,
        actor,
        before=before,
        after=snapshot(credential, AUDIT_EXCLUDE),
    )
    if before.get("expires_on") != snapshot(credential).get("expires_on"):
        for duty in open_duties_for(Subject.of(credential), KIND):
            do_cancel_duty(duty, actor=actor, reason="Изменён срок действия ключа")
    return credential


def record_view(connection: Connection, *, actor: Any) -> None:
    """Opening a connection's keys (masked) is itself a security event."""
    record(
        "credential.view",
        actor=actor,
        obj=connection,
        ministry=connection.account.ministry,
        object_repr=f"Ключи доступа — {connection.account.title}",
        after={"keys": sorted(connection.secrets or {})},
    )


def next_deadline(
    credential: Credential, today: date, rotated_on: date, rotation_days: int, reminder_days: int
) -> tuple[date, str] | None:
    """The deadline a reminder is due for today (expiry or planned rotation), if any."""
    found = []
    if credential.expires_on is not None:
        found.append((credential.expires_on, f"истекает {credential.expires_on:%d.%m.%Y}"))
    rotation_due = rotated_on + timedelta(days=rotation_days)
    found.append((rotation_due, f"плановая смена раз в {rotation_days} дн."))
    deadline, why = min(found)
    return (deadline, why) if today >= deadline - timedelta(days=reminder_days) else None
