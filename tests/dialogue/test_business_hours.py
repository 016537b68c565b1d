"""Time to answer in business hours: the policy's working window on the production
calendar's working days, in its time zone — a question asked on the eve of the May
holidays and answered after them took two working hours, not 113 wall-clock ones."""

from __future__ import annotations

import io
from datetime import datetime, time
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from gospablik.calendar import BusinessHours, ProductionCalendar
from gospablik.dialogue.models import Thread
from gospablik.dialogue.worktime import WorkingTime
from tests.dialogue.conftest import QUESTION, make_comment
from tests.dialogue.test_api import api
from tests.dialogue.test_pages import client_for

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
ASKED = datetime(2025, 4, 30, 17, 0, tzinfo=KEMEROVO)  # Wednesday, eve of 1 May
ANSWERED = datetime(2025, 5, 5, 10, 0, tzinfo=KEMEROVO)  # Monday after 1–4 May off
WEEK = "2025-W18"


def clock(tz: ZoneInfo = KEMEROVO, hours: BusinessHours | None = None) -> WorkingTime:
    return WorkingTime(tz, ProductionCalendar(), hours or BusinessHours())


def test_holidays_and_the_weekend_do_not_count() -> None:
    assert not ProductionCalendar().is_working_day(ANSWERED.date().replace(day=2))  # 2 May
    assert clock().business_hours(ASKED, ANSWERED) == 2.0
    assert (ANSWERED - ASKED).total_seconds() / 3600 == 113.0


def test_the_policys_working_hours_and_time_zone_count() -> None:
    short_day = BusinessHours(time(9, 0), time(17, 0))
    assert clock(hours=short_day).business_hours(ASKED, ANSWERED) == 1.0
    moscow = ZoneInfo("Europe/Moscow")  # 17:00 in Kemerovo is 13:00 in Moscow
    assert clock(tz=moscow).business_hours(ASKED, ANSWERED) == 5.0


def test_an_answer_outside_working_hours_took_no_working_time() -> None:
    evening = datetime(2025, 4, 30, 19, 0, tzinfo=KEMEROVO)
    night = datetime(2025, 4, 30, 23, 0, tzinfo=KEMEROVO)
    assert clock().business_hours(evening, night) == 0.0


def answered_across_the_holidays(account) -> None:
    comment = make_comment(account, QUESTION, at=ASKED)
    Thread.objects.filter(comment=comment).update(first_answer_at=ANSWERED)


def test_api_metrics_in_business_and_wall_clock_hours(account, komiac) -> None:
    answered_across_the_holidays(account)
    body = api(komiac).get(f"/api/m/kuzbass-health-335/dialogue/metrics/?week={WEEK}").json()
    overall = body["overall"]
    assert overall["median_business_hours"] == 2.0 and overall["p90_business_hours"] == 2.0
    assert overall["median_hours"] == 113.0
    assert body["by_account"][0]["median_business_hours"] == 2.0


def test_page_and_xlsx_show_business_hours(account, komiac) -> None:
    answered_across_the_holidays(account)
    base = "/kuzbass-health-335/dialogue/metrics"
    page = client_for(komiac).get(f"{base}/?week={WEEK}").content.decode()
    assert "рабочих ч" in page and "<td>2,0</td>" in page and "<td>113,0</td>" in page
    book = load_workbook(
        io.BytesIO(client_for(komiac).get(f"{base}/export.xlsx?week={WEEK}").content)
    )
    header = [c.value for c in book["Сводка"][2]]
    total = [c.value for c in book["Сводка"][3]]
    assert total[header.index("Медиана, рабочих ч")] == 2.0
    assert total[header.index("Медиана, ч")] == 113.0
