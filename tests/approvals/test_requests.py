"""Information requests: a duty per answer owed, due by the date ЦУР needs it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gospablik.approvals.actions.requests import (
    do_accept_answer,
    do_answer_request,
    do_ask_again,
    do_assign_request,
    do_file_request,
    do_withdraw_request,
)
from gospablik.duties.models import Duty, Notification
from gospablik.policy.actions import do_update_policy
from gospablik.policy.loader import dump_policy
from gospablik.policy.schema import PeriodSpec
from gospablik.policy.store import policy_for

KUZBASS = ZoneInfo("Asia/Novokuznetsk")
FRIDAY = datetime(2025, 5, 16, 15, tzinfo=KUZBASS)


@pytest.fixture
def filed(health, cur, cur_org):
    with time_machine.travel(FRIDAY, tick=False):
        return do_file_request(
            health,
            actor=cur,
            cur_org=cur_org,
            topic="Часы работы прививочных",
            questions="Где и когда прививают?",
            needed_by=date(2025, 5, 20),
        )


def test_it_opens_a_duty_due_at_the_end_of_the_requested_day(filed):
    assert filed.duty.kind == "information_request"
    assert filed.duty.owner_org.key == "komiac"
    assert filed.due_at == datetime(2025, 5, 20, 23, 59, 59, tzinfo=KUZBASS)


@pytest.mark.policy_field("approvals.information_request_max")
def test_it_bounds_the_date_by_the_policy_maximum(health, cur, cur_org, head):
    policy = policy_for(health)
    limit = PeriodSpec(amount=2, unit="working_days", clause="тест")
    approvals = policy.approvals.model_copy(update={"information_request_max": limit})
    do_update_policy(
        health,
        dump_policy(policy.model_copy(update={"approvals": approvals})),
        actor=head,
        comment="срок ответа",
    )
    with time_machine.travel(FRIDAY, tick=False):
        request = do_file_request(
            health,
            actor=cur,
            cur_org=cur_org,
            topic="Т",
            questions="В",
            needed_by=date(2025, 6, 30),
        )
    assert request.due_at == datetime(2025, 5, 20, 23, 59, 59, tzinfo=KUZBASS)


def test_it_refuses_a_date_in_the_past(health, cur, cur_org):
    with time_machine.travel(FRIDAY, tick=False), pytest.raises(ValidationError):
        do_file_request(
            health,
            actor=cur,
            cur_org=cur_org,
            topic="Т",
            questions="В",
            needed_by=date(2025, 5, 16),
        )


def test_it_answers_in_time_and_closes_the_duty(filed, komiac, cur):
    with time_machine.travel(FRIDAY + timedelta(days=1), tick=False):
        message = do_answer_request(filed, actor=komiac, text="С 8 до 20 в каждой поликлинике")
    filed.refresh_from_db()
    assert filed.status == "answered" and message.on_time is True
    assert filed.duty.status == Duty.Status.DONE
    assert Notification.objects.filter(user=cur, text__contains="Ответ на запрос").exists()


def test_it_asks_again_with_a_new_duty(filed, komiac, cur):
    do_answer_request(filed, actor=komiac, text="Кратко")
    first = filed.duty
    with time_machine.travel(FRIDAY + timedelta(days=2), tick=False):
        do_ask_again(filed, actor=cur, text="Нужны адреса", needed_by=date(2025, 5, 22))
    filed.refresh_from_db()
    assert filed.status == "open" and filed.duty != first and filed.duty.is_open
    assert filed.due_at == datetime(2025, 5, 22, 23, 59, 59, tzinfo=KUZBASS)


def test_it_accepts_the_answer(filed, komiac, cur):
    do_answer_request(filed, actor=komiac, text="Ответ")
    assert do_accept_answer(filed, actor=cur).status == "accepted"


def test_it_assigns_within_the_answering_organization(filed, komiac, reviewer, cur):
    assert do_assign_request(filed, actor=komiac, assignee=reviewer).assigned_to == reviewer
    with pytest.raises(ValidationError):
        do_assign_request(filed, actor=komiac, assignee=cur)


def test_cur_cannot_answer_and_the_ministry_cannot_accept(filed, komiac, cur):
    with pytest.raises(PermissionDenied):
        do_answer_request(filed, actor=cur, text="Сам себе отвечу")
    do_answer_request(filed, actor=komiac, text="Ответ")
    with pytest.raises(PermissionDenied):
        do_accept_answer(filed, actor=komiac)


def test_another_cur_cannot_withdraw(filed, cur_other):
    with pytest.raises(PermissionDenied):
        do_withdraw_request(filed, actor=cur_other)


def test_withdrawing_cancels_the_duty(filed, cur):
    do_withdraw_request(filed, actor=cur, reason="уже не нужно")
    filed.duty.refresh_from_db()
    assert filed.duty.status == Duty.Status.CANCELLED


def test_the_requests_list_shows_a_request_without_an_assignee(filed, cur):
    """The list once gave 500 to everyone when a request had no assignee (issue 16)."""
    from tests.approvals.conftest import client_for

    assert filed.assigned_to is None
    response = client_for(cur).get("/kuzbass-health-335/approvals/requests/")
    assert response.status_code == 200
    assert filed.topic in response.content.decode()
