"""First-response time on the dashboard and answers to residents in the weekly PDF,
from the dialogue's threads."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gospablik.analytics import report
from gospablik.analytics.dashboard import ministry_dashboard
from gospablik.analytics.period import Period
from gospablik.dialogue.models import Thread
from gospablik.moderation.models import Comment
from tests.analytics.policy_helpers import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(health: Any, keeper: Any) -> list[Thread]:
    account = page(health, keeper, "answers")
    start = timezone.now() - timedelta(days=2)

    def thread(answer_after: float | None, due_after: float, **fields: Any) -> Thread:
        comment = Comment.objects.create(
            ministry=health, account=account, network="vk", network_comment_id=str(due_after)
            + str(answer_after) + str(fields), post_id="3", author_id="200",
            author_name="Мария Иванова", text="Когда откроют поликлинику?",
        )  # fmt: skip
        answered = None if answer_after is None else start + timedelta(hours=answer_after)
        return Thread.objects.create(
            ministry=health, account=account, network="vk", kind=Thread.Kind.COMMENT,
            comment=comment, category=Thread.Category.QUESTION,
            machine_category=Thread.Category.QUESTION, received_at=start,
            first_answer_at=answered, first_due_at=start + timedelta(hours=due_after),
            **{"needs_answer": True, "status": Thread.Status.NEW, **fields},
        )  # fmt: skip

    return [
        thread(2, 4, status=Thread.Status.ANSWERED),  # in time
        thread(6, 4, status=Thread.Status.ANSWERED),  # late
        thread(None, 4),  # still waiting
        thread(1, 4, status=Thread.Status.ANSWERED, needs_answer=False),  # not counted
    ]


def period() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=6), today)


def test_the_dashboard_shows_the_time_to_the_first_answer(health: Any, threads: Any) -> None:
    board = ministry_dashboard(health, period())
    card = next(c for c in board.cards if c.label == "Время до первого ответа жителям")
    assert card.value == "4 ч"  # (2 h + 6 h) / 2
    assert card.previous == "—" and card.note == "ответов: 2 из 3; в срок: 1"


def test_without_answers_the_card_says_there_is_no_data(health: Any) -> None:
    board = ministry_dashboard(health, period())
    card = next(c for c in board.cards if c.label == "Время до первого ответа жителям")
    assert card.value == "нет данных"


def test_the_pdf_has_a_section_on_answers_to_residents(
    health: Any, threads: Any, tmp_path: Path
) -> None:
    pdf = report.render_pdf(health, period(), lambda _percent: None)
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(source), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert "Ответы жителям" in text
    lines = {line.split("  ")[0].strip(): line for line in text.splitlines() if line.strip()}
    assert " 3 " in lines["Комментарии и сообщения, ждавшие ответа"] + " "
    assert "1 (50 %)" in lines["Ответ дан в срок"]
    assert re.search(r"\b4\s*ч", lines["Время до первого ответа, в среднем"])
