"""The notification letter (DOCX, PDF) and registry exports (XLSX, CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.template.loader import render_to_string

from gospablik.duties.models import Duty
from gospablik.orgs.models import Ministry
from gospablik.policy.citation import cite
from gospablik.policy.inflect import inflect
from gospablik.policy.store import policy_for
from gospablik.registry.models import Account

EVENT_RU = {"account_created_notice": "создан", "account_deleted_notice": "удалён"}


@dataclass(frozen=True)
class LetterLine:
    network: str
    title: str
    url: str
    event: str
    on: date | None


@dataclass(frozen=True)
class Letter:
    sender: str
    recipient: str
    ministry: str
    clause: str
    dated: date
    lines: Sequence[LetterLine]

    @property
    def subject(self) -> str:
        return "О созданных и удалённых аккаунтах в социальных сетях"

    @property
    def body(self) -> str:
        return (
            f"В соответствии с {self.clause} сообщаем об изменениях в реестре аккаунтов "
            f"{self.ministry} в социальных сетях:"
        )


def letter_for(ministry: Ministry, duties: Iterable[Duty], dated: date) -> Letter:
    duties = list(duties)
    ids = {int(d.subject_id) for d in duties}
    accounts = {a.pk: a for a in Account.objects.filter(pk__in=ids, ministry=ministry)}
    lines = [_line(d, accounts[int(d.subject_id)]) for d in duties if int(d.subject_id) in accounts]
    first = duties[0]
    policy = policy_for(ministry)
    return Letter(
        sender=first.owner_org.name,
        recipient=inflect(first.recipient, "datv"),
        ministry=inflect(ministry.name, "gent"),
        clause=cite(first.clause, policy),
        dated=dated,
        lines=lines,
    )


def _line(duty: Duty, account: Account) -> LetterLine:
    deleted = duty.kind == "account_deleted_notice"
    return LetterLine(
        network=str(account.get_network_display()),
        title=account.title,
        url=account.url,
        event=EVENT_RU.get(duty.kind, ""),
        on=account.deleted_on if deleted else account.created_on,
    )


def letter_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    doc.add_paragraph(letter.sender)
    doc.add_paragraph(f"{letter.dated:%d.%m.%Y}    № ________")
    doc.add_paragraph(letter.recipient).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading(letter.subject, level=2)
    doc.add_paragraph(letter.body)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["№", "Соцсеть", "Название", "Адрес", "Событие", "Дата"], strict=True
    ):
        cell.text = text
    for number, line in enumerate(letter.lines, start=1):
        cells = table.add_row().cells
        values = [str(number), line.network, line.title, line.url, line.event, _d(line.on)]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    doc.add_paragraph("")
    doc.add_paragraph("Руководитель ____________________ / ____________________ /")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def letter_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    html = render_to_string("registry/letter.html", {"letter": letter})
    return bytes(HTML(string=html).write_pdf())


def _d(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


EXPORT_COLUMNS = [
    ("Соцсеть", lambda a: str(a.get_network_display())),
    ("Название", lambda a: a.title),
    ("Адрес", lambda a: a.url),
    ("Идентификатор", lambda a: a.network_id),
    ("Статус", lambda a: str(a.get_status_display())),
    ("Создан", lambda a: a.created_on),  # a date: XLSX gets a real date, CSV dd.mm.yyyy
    ("Удалён", lambda a: a.deleted_on),
    ("Ответственная организация", lambda a: a.responsible_org.short_name),
    ("Ответственное лицо", lambda a: a.responsible_person),
    ("Госметка", lambda a: "да" if a.verified else "нет"),
    ("Тип страницы", lambda a: str(a.get_tier_display()) if a.tier else ""),
    ("Оформление (из 4)", lambda a: a.design_done()),
    ("Описание", lambda a: a.description),
]


def _rows(accounts: Iterable[Account]) -> Iterable[list[object]]:
    yield [title for title, _ in EXPORT_COLUMNS]
    for account in accounts:
        yield [_safe(getter(account)) for _, getter in EXPORT_COLUMNS]


def _safe(value: object) -> object:
    """Neutralize spreadsheet formulas in user text (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def registry_csv(accounts: Iterable[Account]) -> bytes:
    return b"".join(registry_csv_stream(accounts))


def registry_csv_stream(accounts: Iterable[Account]) -> Iterator[bytes]:
    """The CSV row by row (memory stays flat however long the registry is)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    yield "\ufeff".encode()  # BOM: Excel opens UTF-8 correctly
    for row in _rows(_streamed(accounts)):
        writer.writerow([_d(v) if isinstance(v, date) else ("" if v is None else v) for v in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def _streamed(accounts: Iterable[Account]) -> Iterable[Account]:
    if isinstance(accounts, QuerySet):
        return accounts.select_related("responsible_org").iterator(chunk_size=500)
    return accounts


def _xlsx_value(sheet: object, value: object) -> object:
    """Dates as real dates shown as ДД.ММ.ГГГГ (write-only sheets style cells one by one)."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "DD.MM.YYYY"
    return cell


def registry_xlsx(accounts: Iterable[Account]) -> bytes:
    """The XLSX in openpyxl's write-only mode: rows go to a temporary file as they are
    written (no cell objects in memory); only the compressed result is returned."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Реестр аккаунтов")
    sheet.freeze_panes = "A2"
    for row in _rows(_streamed(accounts)):
        sheet.append([_xlsx_value(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
