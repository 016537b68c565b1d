"""The PDF report: built from the same data, readable (not blank), sent every Monday."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from PIL import Image

from gospablik.analytics import report
from gospablik.analytics.collect import do_collect_account
from gospablik.analytics.models import Report
from gospablik.analytics.reports import send_weekly
from gospablik.duties.models import Notification
from tests.analytics.conftest import today

pytestmark = pytest.mark.django_db
CHART_BLUE = (0x1F, 0x5F, 0xA8)


@pytest.fixture
def collected(accounts: dict[str, Any]) -> dict[str, Any]:
    for account in accounts.values():
        do_collect_account(account, since=today() - timedelta(days=20))
    return accounts


def pages_as_png(pdf: bytes, tmp_path: Path) -> list[Image.Image]:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(source), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("page*.png"))]


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))


def test_the_pdf_shows_its_charts(collected: Any, health: Any, tmp_path: Path) -> None:
    since = today() - timedelta(days=6)
    built = report.build(Report.objects.create(ministry=health, since=since, until=today()))
    assert built.status == Report.Status.READY and built.progress == 100
    pages = pages_as_png(bytes(built.pdf), tmp_path)
    first = pages[0]
    inked = sum(1 for p in first.get_flattened_data() if sum(p) < 600)
    assert inked > first.width * first.height // 100  # not blank
    blue = sum(1 for page in pages for p in page.get_flattened_data() if near(p, CHART_BLUE))
    assert blue > 50  # the chart lines are drawn


@pytest.fixture
def eager() -> Iterator[None]:
    """The worker, in process (Celery's own switch)."""
    from gospablik.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.mark.usefixtures("eager")
def test_a_report_on_demand_shows_progress_then_the_pdf(
    client: Client, head: Any, collected: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(head)
    data = {"since": str(today() - timedelta(days=6)), "until": str(today())}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kuzbass-health-335/analytics/reports/", data)
    page = client.get(response["Location"]).content.decode()
    assert "Скачать PDF" in page
    built = Report.objects.get()
    pdf = client.get(f"/kuzbass-health-335/analytics/reports/{built.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_report_still_building_shows_its_progress(client: Client, head: Any, health: Any) -> None:
    queued = Report.objects.create(ministry=health, since=today(), until=today(), progress=40,
                                   status=Report.Status.BUILDING)  # fmt: skip
    client.force_login(head)
    page = client.get(f"/kuzbass-health-335/analytics/reports/{queued.pk}/").content.decode()
    assert 'value="40"' in page and 'http-equiv="refresh"' in page


def test_the_monday_report_goes_to_the_head_and_cur_once(
    collected: Any, health: Any, head: Any, cur: Any
) -> None:
    head.email, cur.email = "head@example.org", "cur@example.org"
    head.save()
    cur.save()
    monday = datetime.combine(today(), datetime.min.time(), tzinfo=UTC)
    monday += timedelta(days=(7 - monday.weekday()) % 7, hours=3)  # 10:00 in Novokuznetsk
    with time_machine.travel(monday, tick=False):
        built = send_weekly(health)
        assert built is not None and built.weekly and built.status == Report.Status.READY
        assert send_weekly(health) is None
    assert (built.until - built.since).days == 6 and built.since.weekday() == 0
    assert {n.user for n in Notification.objects.filter(text__contains="Отчёт")} == {head, cur}
    assert sorted(m.to[0] for m in mail.outbox) == ["cur@example.org", "head@example.org"]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_no_report_on_other_days(health: Any) -> None:
    tuesday = datetime(2026, 12, 8, 5, tzinfo=UTC)
    with time_machine.travel(tuesday, tick=False):
        assert send_weekly(health) is None
