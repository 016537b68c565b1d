"""The letter and the exports open in the programs people use."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from gospablik.duties.models import Duty
from tests.conftest import PASSWORD
from tests.foundation.factories import register


@pytest.fixture
def client(keeper) -> Client:
    client = Client()
    client.login(username=keeper.username, password=PASSWORD)
    return client


@pytest.fixture
def duties(health, keeper):
    register(health, keeper, title="Первое сообщество")
    register(health, keeper, title="Второе =сообщество", network="ok", url="https://ok.ru/group/2")
    return list(Duty.objects.order_by("pk"))


def test_it_lists_the_accounts_in_the_docx_letter(client, duties):
    ids = ",".join(str(d.pk) for d in duties)
    response = client.get(f"/kuzbass-health-335/duties/letter.docx?ids={ids}")
    doc = Document(io.BytesIO(response.content))
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "Первое сообщество" in cells and "Второе =сообщество" in cells
    assert any("Центру управления регионом" in p.text for p in doc.paragraphs)  # dative


def test_it_renders_the_pdf_letter(client, duties):
    response = client.get(f"/kuzbass-health-335/duties/letter.pdf?ids={duties[0].pk}")
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Первое сообщество" in text


def test_it_exports_the_registry_as_xlsx(client, duties):
    response = client.get("/kuzbass-health-335/registry/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert rows[0][0] == "Соцсеть"
    assert {r[1] for r in rows[1:]} == {"Первое сообщество", "Второе =сообщество"}


def test_it_neutralizes_formulas_in_csv(client, health, keeper):
    register(health, keeper, title='=HYPERLINK("http://evil")')
    body = client.get("/kuzbass-health-335/registry/export.csv").getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_it_records_exports_in_the_audit_log(client, duties):
    from gospablik.audit.models import AuditEntry

    client.get("/kuzbass-health-335/registry/export.csv")
    assert AuditEntry.objects.filter(action="registry.export").exists()
