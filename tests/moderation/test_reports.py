"""The report per account and period, and its XLSX export."""

from __future__ import annotations

import io
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from gospablik.moderation.actions import decide, restore
from gospablik.moderation.models import Comment
from gospablik.moderation.reports import build_report
from gospablik.policy.store import policy_for
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, CLEAN, OBSCENE, POST, client_for


def fill(vk_emulator, moderator):
    for text in (OBSCENE, BORDERLINE, CLEAN, "Спасибо врачам за помощь!"):
        vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=text)
    decide(Comment.objects.get(status="review"), "delete", actor=moderator)
    restore(Comment.objects.get(auto_action="delete"), actor=moderator, reason="Ошибка")


def test_it_counts_what_the_automation_and_people_did(vk_account, vk_emulator, moderator, health):
    fill(vk_emulator, moderator)
    today = timezone.localdate()
    report = build_report(health, today - timedelta(days=1), today, policy_for(health).tz())
    row = report.rows[0]
    assert (row.volume, row.auto_deleted, row.reviewed, row.auto_kept) == (4, 1, 1, 2)
    assert (row.deleted_by_people, row.restored, row.restored_auto) == (1, 1, 1)
    assert row.share(row.auto_kept) == 50.0 and len(row.minutes) == 1
    assert row.categories["obscenity"] == 1


def test_it_exports_xlsx(vk_account, vk_emulator, moderator, health):
    fill(vk_emulator, moderator)
    today = timezone.localdate()
    since = today - timedelta(days=1)
    url = f"/{health.key}/moderation/reports/export.xlsx?since={since}&until={today}"
    response = client_for(moderator).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Сводка"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Аккаунт" and rows[2][2] == 4 and rows[-1][0] == "Итого"


def test_the_report_page_and_api(vk_account, vk_emulator, moderator, health):
    fill(vk_emulator, moderator)
    today = timezone.localdate()
    client = client_for(moderator)
    assert "Скачать XLSX" in client.get(f"/{health.key}/moderation/reports/").content.decode()
    data = client.get(f"/api/m/{health.key}/moderation/report/?since={today}&until={today}").json()
    assert data["total"]["volume"] == 4 and data["rows"][0]["restored_auto"] == 1
