"""The audit log of one ministry for an inspection (CSV, XLSX), with the chain's hashes so
that the inspector can check it, and the result of ``audit verify`` at export time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, tzinfo
from typing import Any

from django.db.models import Q, QuerySet

from gospablik.audit.log import verify
from gospablik.audit.models import AuditEntry
from gospablik.orgs.models import Membership, Ministry

HEADER = [
    "№",
    "Когда (UTC)",
    "Кто",
    "Действие",
    "Тип объекта",
    "ID объекта",
    "Объект",
    "До",
    "После",
    "Причина",
    "Хеш предыдущей",
    "Хеш",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """Text for a spreadsheet cell that a spreadsheet will never run as a formula.

    >>> cell("=HYPERLINK(\\"http://evil\\")"), cell("Минздрав"), cell(None)
    ('\\'=HYPERLINK("http://evil")', 'Минздрав', '')
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_START) else text


def entries_for(
    ministry: Ministry, since: date | None, until: date | None, tz: tzinfo
) -> QuerySet[AuditEntry]:
    """The ministry's entries, and logins/2FA events of its people."""
    people = Membership.objects.filter(organization__ministry=ministry).values_list(
        "user_id", flat=True
    )
    ids = [str(pk) for pk in people]
    entries = AuditEntry.objects.filter(
        Q(ministry=ministry) | Q(ministry__isnull=True, object_type="auth.user", object_id__in=ids)
    )
    if since is not None:
        entries = entries.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until is not None:
        entries = entries.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return entries.order_by("seq")


def rows(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    yield HEADER
    for e in entries:
        yield [
            cell(v)
            for v in (
                str(e.seq),
                e.created_at.isoformat(),
                e.actor_repr,
                e.action,
                e.object_type,
                e.object_id,
                e.object_repr,
                e.before,
                e.after,
                e.reason,
                e.prev_hash,
                e.hash,
            )
        ]


def chain_line() -> list[str]:
    result = verify()
    state = "цепочка цела" if result.ok else f"ЦЕПОЧКА НАРУШЕНА: {result.problem}"
    return [f"Проверка журнала при выгрузке: {state}, записей: {result.checked}"]


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(chain_line())
    writer.writerows(rows(entries))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Журнал аудита"
    for row in rows(entries):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    check = workbook.create_sheet("Проверка")
    check.append(chain_line())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
