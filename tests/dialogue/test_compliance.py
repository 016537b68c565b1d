"""The dialogue's figures in the compliance report and its XLSX: per account, the threads
that needed an answer, the share answered, the median and 90th percentile of the time to
the first answer in business hours, and those whose deadline passed (May holidays between).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from gospablik.dialogue.models import Thread
from gospablik.dialogue.report import HEADER, SHEET, account_figures
from tests.dialogue.conftest import QUESTION, THANKS, make_comment
from tests.dialogue.test_pages import client_for

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
BASE = "/kuzbass-health-335/content"
PERIOD = "from=2025-04-28&to=2025-05-04"


def at(day: int, hour: int, month: int = 4) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=KEMEROVO)


def thread(account, received, answered, due) -> None:
    comment = make_comment(account, QUESTION, at=received)
    Thread.objects.filter(comment=comment).update(first_answer_at=answered, first_due_at=due)


def three_questions(account) -> None:
    # before the holidays, answered after them: 2 working hours, but after its deadline
    thread(account, at(30, 17), at(5, 10, month=5), at(30, 18))
    # answered within the hour, in time
    thread(account, at(29, 10), at(29, 11), at(30, 10))
    # never answered, deadline passed
    thread(account, at(29, 12), None, at(30, 12))
    make_comment(account, THANKS, at=at(29, 13))  # needs no answer: not counted


def test_figures_per_account_for_the_period(account) -> None:
    three_questions(account)
    [figures] = account_figures(account.ministry, date(2025, 4, 28), date(2025, 5, 4))
    assert figures.account == account and figures.needing == 3 and figures.answered == 2
    assert figures.answered_share == 0.667
    assert figures.median_business_hours == 1.5  # of 1 and 2 working hours
    assert figures.p90_business_hours == 1.9 and figures.overdue == 2
    assert account_figures(account.ministry, date(2025, 5, 5), date(2025, 5, 11)) == []


def test_a_thread_still_within_its_deadline_is_not_overdue(account) -> None:
    received = datetime.now(KEMEROVO) - timedelta(hours=1)
    thread(account, received, None, received + timedelta(days=1))
    today = received.date()
    [figures] = account_figures(account.ministry, today, today)
    assert figures.needing == 1 and figures.answered == 0 and figures.overdue == 0
    assert figures.answered_share == 0.0 and figures.median_business_hours is None


def test_the_compliance_page_and_xlsx_have_the_section(account, komiac) -> None:
    three_questions(account)
    client = client_for(komiac)
    page = client.get(f"{BASE}/compliance/?{PERIOD}").content.decode()
    assert 'id="dialogue-compliance"' in page and "Ответы жителям" in page
    assert "<td>67 %</td>" in page and "<td>1,5</td>" in page
    book = load_workbook(io.BytesIO(client.get(f"{BASE}/compliance.xlsx?{PERIOD}").content))
    assert book.sheetnames[0] == "Соблюдение Порядка" and SHEET in book.sheetnames
    header, row = [c.value for c in book[SHEET][1]], [c.value for c in book[SHEET][2]]
    assert header == HEADER
    assert row[header.index("Нужен ответ")] == 3 and row[header.index("С нарушением срока")] == 2
    assert row[header.index("Медиана первого ответа, рабочих ч")] == 1.5


def test_the_section_and_the_metrics_page_speak_english(account, komiac) -> None:
    from django.conf import settings

    three_questions(account)
    client = client_for(komiac)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"{BASE}/compliance/?{PERIOD}").content.decode()
    assert "Answers to residents" in page and "Deadline missed" in page
    assert "Ответы жителям" not in page
    metrics = client.get("/kuzbass-health-335/dialogue/metrics/?week=2025-W18").content.decode()
    assert "Median first answer, working hours" in metrics and "рабочих ч" not in metrics
