"""Checkpoints: the chain's head (seq and hash), signed with the audit key, appended to a
file outside the database.

Someone who can rewrite the database (a stolen backup restored, an administrator with
SQL access) can delete the last entries and move ``AuditHead`` back: the remaining chain
is still consistent. A checkpoint written earlier says "entry #N had hash H": verify
finds #N missing or different. The file is only ever appended to (open it with
``chattr +a``, or ship it to another machine: docs/security.md).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from gospablik.audit.keys import AuditKeyError, mac, ring
from gospablik.audit.models import AuditEntry


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    key_id: str
    sig: str

    def message(self) -> str:
        return f"gospablik-audit-checkpoint|{self.seq}|{self.hash}|{self.at}"


def path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def write_checkpoint() -> Checkpoint:
    """Append the current head of the chain (the last entry) to the checkpoint file."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, hash_ = last if last is not None else (0, "")
    keys = ring()
    unsigned = Checkpoint(seq, hash_, timezone.now().isoformat(), keys.current_id, "")
    point = Checkpoint(**{**unsigned.__dict__, "sig": mac(keys.current(), unsigned.message())})
    _append_line(json.dumps(point.__dict__, sort_keys=True))
    return point


def _append_line(line: str) -> None:
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_checkpoints() -> list[Checkpoint | str]:
    """Every line of the file: a checkpoint whose signature is right, else the problem."""
    if not path().exists():
        return []
    out: list[Checkpoint | str] = []
    with path().open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            out.append(_parse(number, line))
    return out


def _parse(number: int, line: str) -> Checkpoint | str:
    try:
        data: dict[str, Any] = json.loads(line)
        point = Checkpoint(
            int(data["seq"]), str(data["hash"]), str(data["at"]), str(data["key_id"]), data["sig"]
        )
        good = mac(ring().get(point.key_id), point.message()) == point.sig
    except (ValueError, KeyError, TypeError, AuditKeyError) as error:
        return f"checkpoint line {number} is unreadable ({error})"
    return point if good else f"checkpoint line {number} has a wrong signature"


def check_checkpoints(last_seq: int) -> str:
    """ "" when every checkpoint matches the chain, else the first problem. ``last_seq``:
    the last entry of the chain as verified."""
    for point in read_checkpoints():
        if isinstance(point, str):
            return point
        if point.seq == 0:
            continue
        if point.seq > last_seq:
            return (
                f"the chain ends at #{last_seq}, but a checkpoint of {point.at} saw "
                f"#{point.seq}: entries were deleted"
            )
        stored = AuditEntry.objects.filter(seq=point.seq).values_list("hash", flat=True).first()
        if stored != point.hash:
            return f"entry #{point.seq} differs from the checkpoint of {point.at}: rewritten"
    return ""
