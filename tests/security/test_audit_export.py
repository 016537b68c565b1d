"""The audit log exported for an inspection: the ministry's entries with their hashes,
logins of its people, spreadsheet formulas neutralized, the export itself audited."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from gospablik.audit.log import record
from gospablik.audit.models import AuditEntry
from tests.security.conftest import client_for

URL = "/kuzbass-health-335/security/audit/"


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_it_exports_the_chain_with_hashes(account, head):
    data = rows(client_for(head).get(URL, {"fmt": "csv"}))
    assert data[0][0].startswith("Проверка журнала при выгрузке: цепочка цела")
    assert data[1][-2:] == ["Хеш предыдущей", "Хеш"]
    actions = [r[3] for r in data[2:]]
    assert "account.register" in actions and "auth.login" in actions


def test_it_leaves_out_other_ministries(account, head, foreign):
    client_for(foreign)  # a login in the other ministry
    data = rows(client_for(head).get(URL, {"fmt": "csv"}))
    assert "foreign" not in str(data)


def test_a_title_cannot_become_a_formula(health, head):
    record("test.hostile", ministry=health, object_type="x", object_repr='=HYPERLINK("http://e")')
    book = load_workbook(io.BytesIO(client_for(head).get(URL, {"fmt": "xlsx"}).content))
    values = [c.value for row in book["Журнал аудита"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://e")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_the_export_is_audited(account, head):
    client_for(head).get(URL, {"fmt": "xlsx", "date_from": "2020-01-01"})
    entry = AuditEntry.objects.get(action="audit.export")
    assert entry.actor == head and entry.after["from"] == "2020-01-01"
