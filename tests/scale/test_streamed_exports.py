"""Registry exports: CSV streamed row by row, XLSX from a write-only workbook."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.foundation.factories import register
from tests.moderation.conftest import client_for


def test_the_csv_export_streams_row_by_row(health, keeper):
    for i in range(3):
        register(health, keeper, url=f"https://vk.com/s{i}", title=f"Сообщество {i}")
    response = client_for(keeper).get(f"/{health.key}/registry/export.csv")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    chunks = list(response.streaming_content)
    assert chunks[0] == "\ufeff".encode() and chunks[1].decode().startswith("Соцсеть;")
    assert len(chunks) == 2 + 3  # the BOM, the header, one chunk per account
    assert "Сообщество 2" in b"".join(chunks).decode("utf-8-sig")


def test_the_xlsx_export_is_written_in_write_only_mode(health, keeper):
    register(health, keeper, title="=1+1")
    response = client_for(keeper).get(f"/{health.key}/registry/export.xlsx")
    assert "registry-" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert rows[0][0] == "Соцсеть" and rows[1][1] == "'=1+1"
