"""Writing to and verifying the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from gospablik.audit.anchor import check_checkpoints
from gospablik.audit.append import append, append_many
from gospablik.audit.chain import GENESIS, entry_hash
from gospablik.audit.keys import AuditKeyError, ring
from gospablik.audit.models import AuditEntry, AuditHead

SYSTEM = "система"


def snapshot(obj: models.Model, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A JSON-friendly dict of a model's fields for before/after records."""
    data = model_to_dict(obj, exclude=list(exclude))
    return {key: _jsonable(value) for key, value in data.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str | dict):
        return value
    return str(value)


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "created_at": entry.created_at.isoformat(),
        "ministry": entry.ministry_id,
        "actor": entry.actor_id,
        "actor_repr": entry.actor_repr,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
    }


class EntryFields(TypedDict, total=False):
    """What an entry says besides its action (the keyword arguments of :func:`record`)."""

    actor: Any
    obj: models.Model | None
    object_type: str
    object_id: str
    object_repr: str
    ministry: Any
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


def record(action: str, **fields: Unpack[EntryFields]) -> AuditEntry:
    """Append one entry; call inside the transaction of the change it records.

    ``ministry`` is a Ministry or its pk (callers that hold only the id save a query).
    The head row stays locked until the caller's transaction commits, so call this as
    late in that transaction as possible: concurrent writers queue on it.
    """
    # No savepoint: a failure here must roll back the caller's change anyway.
    with transaction.atomic(savepoint=False):
        entry = _entry(action, fields)
        hashed = _hashed_fields(entry)
        del hashed["seq"]  # the append assigns it
        append(entry, hashed)
    return entry


def record_many(entries: list[tuple[str, EntryFields]]) -> list[AuditEntry]:
    """Append several entries at once, in order, in the caller's transaction (each an
    action and :func:`record`'s keyword arguments): a batch's outcomes in three statements
    instead of one per entry."""
    with transaction.atomic(savepoint=False):
        made = [_entry(action, fields) for action, fields in entries]
        append_many([(entry, _hashed_fields(entry)) for entry in made])
    return made


def _entry(action: str, fields: EntryFields) -> AuditEntry:
    obj, actor, ministry = fields.get("obj"), fields.get("actor"), fields.get("ministry")
    object_repr = fields.get("object_repr") or (str(obj) if obj is not None else "")
    return AuditEntry(
        created_at=timezone.now(),
        ministry_id=getattr(ministry, "pk", ministry),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_repr=_actor_repr(actor),
        action=action,
        object_type=fields.get("object_type") or (obj._meta.label_lower if obj is not None else ""),
        object_id=fields.get("object_id") or (str(obj.pk) if obj is not None else ""),
        object_repr=object_repr[:300],
        before=fields.get("before"),
        after=fields.get("after"),
        reason=fields.get("reason", ""),
    )


def _actor_repr(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return str(actor) if isinstance(actor, str) else SYSTEM
    return actor.get_full_name() or actor.get_username()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""


def verify() -> VerifyResult:
    """Walk the whole chain, then compare it with the head and with every checkpoint;
    report the first thing that does not match."""
    prev, expected_seq, checked, keyed = GENESIS, 1, 0, False
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return VerifyResult(False, checked, f"entry #{expected_seq} is missing")
        keyed = keyed or bool(entry.key_id)
        problem = _entry_problem(entry, prev, keyed)
        if problem:
            return VerifyResult(False, checked, problem)
        prev, expected_seq, checked = entry.hash, expected_seq + 1, checked + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev):
        return VerifyResult(
            False,
            checked,
            f"the head does not point at entry #{checked}: entries were deleted or the head moved",
        )
    problem = check_checkpoints(checked)
    return VerifyResult(not problem, checked, problem)


def _entry_problem(entry: AuditEntry, prev: str, keyed: bool) -> str:
    """Entries before the chain was keyed are plain SHA-256; after the first keyed one,
    every entry must carry an HMAC with a configured key."""
    if keyed and not entry.key_id:
        return f"entry #{entry.seq} has no key although earlier entries do: rewritten"
    try:
        key = ring().get(entry.key_id) if entry.key_id else None
    except AuditKeyError as error:
        return f"entry #{entry.seq}: {error}"
    if entry.prev_hash != prev or entry.hash != entry_hash(prev, _hashed_fields(entry), key):
        return f"entry #{entry.seq} was altered"
    return ""
