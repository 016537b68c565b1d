"""Re-encrypting and checking every secret at rest (``gospablik vault rotate|check``).

Every model field that is an :class:`~gospablik.security.crypto.EncryptedJSONField` is
found through the app registry, read raw (the ciphertext) and re-encrypted under the
newest key of ``GOSPABLIK_ENCRYPTION_KEYS`` with ``MultiFernet.rotate``. Plaintext never
leaves this process: not in output, not in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from gospablik.audit.log import record
from gospablik.security.crypto import DecryptionError, EncryptedJSONField, decrypt, rotate
from gospablik.security.totpseal import seal, unseal


@dataclass
class VaultReport:
    checked: int = 0
    rotated: int = 0
    broken: list[str] = field(default_factory=list)  # "model.field#pk", never values

    @property
    def ok(self) -> bool:
        return not self.broken


Field = models.Field


def encrypted_fields() -> Iterator[tuple[type[models.Model], Field]]:
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, EncryptedJSONField):
                yield model, f


def _names(model: type[models.Model], f: Field) -> tuple[str, str, str]:
    """Quoted table, column and primary key column (names from the model registry)."""
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assert pk is not None and pk.column is not None and f.column is not None
    return quote(model._meta.db_table), quote(f.column), quote(pk.column)


def _raw_rows(model: type[models.Model], f: Field) -> list[tuple[Any, str]]:
    table, column, pk = _names(model, f)
    sql = f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [(row[0], str(row[1])) for row in cursor.fetchall()]


def _write_raw(model: type[models.Model], f: Field, pk: Any, value: str) -> None:
    table, column, pk_column = _names(model, f)
    sql = f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, pk])


def check_all() -> VaultReport:
    """Decrypt every stored secret with the configured keys; list what fails."""
    report = VaultReport()
    for model, f in encrypted_fields():
        for pk, token in _raw_rows(model, f):
            report.checked += 1
            try:
                decrypt(token)
            except DecryptionError:
                report.broken.append(f"{model._meta.label_lower}.{f.name}#{pk}")
    for pk, seed in _seeds():
        report.checked += 1
        try:
            unseal(seed)
        except DecryptionError:
            report.broken.append(f"otp_totp.totpdevice.key#{pk}")
    return report


def _seeds() -> list[tuple[Any, str]]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return list(TOTPDevice.objects.values_list("pk", "key"))


def _reseal_seeds() -> int:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    seeds = _seeds()
    for pk, seed in seeds:  # an update, not save(): no signal, no timestamps touched
        TOTPDevice.objects.filter(pk=pk).update(key=seal(unseal(seed)))
    return len(seeds)


@transaction.atomic
def rotate_all(*, actor: object = None) -> VaultReport:
    """Re-encrypt everything under the newest key; nothing is written if any value fails."""
    report = check_all()
    if not report.ok:
        return report
    for model, f in encrypted_fields():
        for pk, token in _raw_rows(model, f):
            _write_raw(model, f, pk, rotate(token))
            report.rotated += 1
    report.rotated += _reseal_seeds()
    record(
        "vault.rotate",
        actor=actor,
        object_type="security.vault",
        object_repr="Перешифрование ключей доступа новым ключом",
        after={
            "rotated": report.rotated,
            "fields": sorted(_field_names() | {"otp_totp.totpdevice.key"}),
        },
    )
    return report


def _field_names() -> set[str]:
    return {f"{m._meta.label_lower}.{f.name}" for m, f in encrypted_fields()}
