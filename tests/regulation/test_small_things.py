"""Small things found on the way: the account form's networks, real dates in XLSX."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from gospablik.orgs.models import Ministry
from gospablik.web.forms import AccountForm
from tests.foundation.factories import register


def offered(ministry: Ministry) -> set[str]:
    return {str(v) for v, _ in AccountForm(ministry=ministry).fields["network"].choices if v}


def test_the_account_form_offers_only_networks_of_the_policy(health):
    assert offered(health) == {"vk", "ok", "blog"}


def test_the_xlsx_registry_has_real_dates(client, health, keeper):
    register(health, keeper, created_on=date(2024, 4, 26))
    client.force_login(keeper)
    sheet = load_workbook(
        io.BytesIO(client.get(f"/{health.key}/registry/export.xlsx").content)
    ).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Создан") + 1)
    assert isinstance(cell.value, datetime) and cell.value.date() == date(2024, 4, 26)
    assert cell.number_format == "DD.MM.YYYY"


def test_the_csv_registry_keeps_russian_dates(client, health, keeper):
    register(health, keeper, created_on=date(2024, 4, 26))
    client.force_login(keeper)
    response = client.get(f"/{health.key}/registry/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "26.04.2024" in text
