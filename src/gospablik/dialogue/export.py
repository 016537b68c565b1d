"""The response-time figures of a week as an XLSX workbook (one sheet per grouping)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from gospablik.networks.base import NETWORK_LABELS_RU

HEADER = [
    "", "Нужен ответ", "Отвечено", "Без ответа", "Доля в срок",
    "Медиана, рабочих ч", "90-й процентиль, рабочих ч", "Медиана, ч", "90-й процентиль, ч",
]  # fmt: skip
SHEETS = (
    ("by_account", "По аккаунтам"),
    ("by_network", "По соцсетям"),
    ("by_organization", "По организациям"),
)


def metrics_xlsx(report: dict[str, Any]) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Сводка"
    summary.append([f"Время ответа жителям, неделя {report['week']}"])
    summary.append(HEADER)
    summary.append(_cells("Всего", report["overall"]))
    for key, title in SHEETS:
        sheet = book.create_sheet(title)
        sheet.append(HEADER)
        for group in report[key]:
            name = NETWORK_LABELS_RU.get(group["name"], group["name"]) or "—"
            sheet.append(_cells(name, group))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(name: str, figures: dict[str, Any]) -> list[object]:
    return [
        name, figures["threads"], figures["answered"], figures["unanswered"],
        figures["within_deadline"], figures["median_business_hours"],
        figures["p90_business_hours"], figures["median_hours"], figures["p90_hours"],
    ]  # fmt: skip
