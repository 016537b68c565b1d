"""Appending an entry to the hash chain in as few statements as the database allows.

The head row is the chain's lock: it stays locked from the append until the caller's
transaction commits, so concurrent writers queue on it, and every round trip made while
holding it (each one a wait for the CPU under load) lowers what all of them can do.
On PostgreSQL one statement locks and moves the head and inserts the entry, the database
finishing its hash (HMAC-SHA256 of the previous hash and the entry's canonical JSON, whose
last value is the seq the statement assigns; written out as two SHA-256 over the padded
keys, which are parameters of the statement and never stored). Elsewhere (SQLite, whose
transactions hold the whole database's write lock anyway) the entry is hashed here between
a read and two writes. Plain SQL: the ORM's query building would cost more than the statements; only
table and column names from the models are formatted in.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from gospablik.audit.chain import entry_hash, hash_prefix
from gospablik.audit.keys import pads, ring
from gospablik.audit.models import AuditEntry, AuditHead

_HEAD = AuditHead._meta.db_table
_CHAINED = ("seq", "prev_hash", "hash")


def append(entry: AuditEntry, fields: dict[str, Any]) -> None:
    """Give ``entry`` (unsaved) its seq, prev_hash and hash, and insert it. ``fields``:
    its hashed fields but "seq"."""
    entry.key_id = ring().current_id
    if connection.vendor == "postgresql":
        if not _append_in_one_statement(entry, fields):  # no head row yet
            AuditHead.objects.get_or_create(pk=1)
            _append_in_one_statement(entry, fields)
    else:
        _append(entry, fields)


def append_many(entries: list[tuple[AuditEntry, dict[str, Any]]]) -> None:
    """:func:`append` for several entries in three statements (lock the head, insert them
    all, move the head): a batch of outcomes writes its entries with one round trip each
    way instead of one per entry. The chain is the same as entry-by-entry appends."""
    if not entries:
        return
    key_id, key = ring().current_id, ring().current()
    seq, prev = _locked_head()
    for entry, fields in entries:
        entry.key_id, entry.seq, entry.prev_hash = key_id, seq + 1, prev
        entry.hash = entry_hash(prev, fields | {"seq": entry.seq}, key)
        seq, prev = entry.seq, entry.hash
    AuditEntry.objects.bulk_create([entry for entry, _ in entries])
    _move_head(seq, prev)


def _append_in_one_statement(entry: AuditEntry, fields: dict[str, Any]) -> bool:
    columns = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    columns = [f for f in columns if f.name not in _CHAINED]
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in columns]
    casts = ", ".join(f"CAST(%s AS {f.cast_db_type(connection)})" for f in columns)
    names = ", ".join(connection.ops.quote_name(str(f.column)) for f in columns)
    sql = (
        f"WITH old AS (SELECT last_seq, last_hash FROM {_HEAD} WHERE id = 1 FOR UPDATE), "  # noqa: S608
        f"new AS (UPDATE {_HEAD} SET last_seq = old.last_seq + 1, last_hash = encode(sha256("
        "%s::bytea || sha256(%s::bytea || "
        "convert_to(old.last_hash || %s || (old.last_seq + 1)::text || '}', 'UTF8'))), 'hex') "
        f"FROM old WHERE {_HEAD}.id = 1 RETURNING {_HEAD}.last_seq, {_HEAD}.last_hash) "
        f"INSERT INTO {AuditEntry._meta.db_table} ({names}, seq, prev_hash, hash) "
        f"SELECT {casts}, new.last_seq, old.last_hash, new.last_hash FROM new, old "
        "RETURNING id, seq, prev_hash, hash"
    )
    with connection.cursor() as cursor:
        inner, outer = pads(ring().current())
        cursor.execute(sql, [outer, inner, hash_prefix(fields), *values])
        row = cursor.fetchone()
    if row is None:
        return False
    entry.pk, entry.seq, entry.prev_hash, entry.hash = row
    entry._state.adding = False
    return True


def _append(entry: AuditEntry, fields: dict[str, Any]) -> None:
    entry.seq, entry.prev_hash = _locked_head()
    entry.seq += 1
    entry.hash = entry_hash(entry.prev_hash, fields | {"seq": entry.seq}, ring().current())
    AuditEntry.objects.bulk_create([entry])  # an insert without save()'s overhead
    _move_head(entry.seq, entry.hash)


def _move_head(seq: int, last_hash: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_HEAD} SET last_seq = %s, last_hash = %s WHERE id = 1",  # noqa: S608
            [seq, last_hash],
        )


def _locked_head() -> tuple[int, str]:
    """The head's (last seq, last hash), locked until the caller's transaction ends."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_seq, last_hash FROM {_HEAD} WHERE id = 1{lock}")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # the first entry ever
        AuditHead.objects.get_or_create(pk=1)
        return _locked_head()
    return int(row[0]), str(row[1])
