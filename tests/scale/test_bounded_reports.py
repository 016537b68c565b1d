"""The moderation report costs the same number of queries for 2 accounts as for 40; the
security overview shows one page of accounts with a link to the next."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gospablik.moderation import daily
from gospablik.moderation.models import Classification, Comment
from gospablik.moderation.reports import build_report
from gospablik.policy.store import policy_for
from tests.foundation.factories import register
from tests.moderation.conftest import client_for


def accounts_with_comments(health, n, offset=0):
    for i in range(offset, offset + n):
        account = register(health, url=f"https://vk.com/acc{i}", title=f"Аккаунт {i:03}")
        for k in range(2):
            comment = Comment.objects.create(
                ministry=health, account=account, network="vk", network_comment_id=str(k),
                auto_action="delete" if k else "keep",
            )  # fmt: skip
            verdict = Classification.objects.create(
                comment=comment, version=1, labels=["obscene"] if k else [], action="keep",
                final_action="keep",
            )  # fmt: skip
            Comment.objects.filter(pk=comment.pk).update(verdict=verdict)
    daily.rebuild(health)  # written around the actions: the report's tables recomputed


def report_queries(health):
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        report = build_report(health, today - timedelta(days=1), today, policy_for(health).tz())
    return len(captured.captured_queries), report


def test_the_moderation_report_does_not_query_per_account(health):
    accounts_with_comments(health, 2)
    few, small = report_queries(health)
    accounts_with_comments(health, 40, offset=2)
    many, large = report_queries(health)
    assert few == many
    assert len(large.rows) == 42 and large.total.volume == 84
    assert large.total.auto_deleted == 42 and large.total.categories["obscene"] == 42
    assert [r.account for r in large.rows[:2]] == ["Аккаунт 000", "Аккаунт 001"]


def test_the_security_overview_shows_a_page_of_accounts(health, make_user):
    for i in range(55):
        register(
            health,
            url=f"https://vk.com/sec{i}",
            title=f"Аккаунт {i:03}",
            created_on=date(2024, 1, 1),
        )
    client = client_for(make_user("sec", health, "komiac", "security_officer"))
    first = client.get(f"/{health.key}/security/")
    assert len(first.context["postures"]) == 50
    cursor = first.context["page"].next_cursor
    rest = client.get(f"/{health.key}/security/?cursor={cursor}").context["postures"]
    assert [p.account.title for p in rest] == [f"Аккаунт {i:03}" for i in range(50, 55)]


def test_the_report_page_shows_a_bounded_number_of_rows(health, make_user, monkeypatch):
    from gospablik.moderation.views import reports as report_views

    monkeypatch.setattr(report_views, "SHOWN_ROWS", 1)
    accounts_with_comments(health, 3)
    client = client_for(make_user("moderator", health, "komiac", "moderator"))
    page = client.get(f"/{health.key}/moderation/reports/")
    assert len(page.context["rows"]) == 1 and page.context["more_rows"] == 2
    assert page.context["report"].total.volume == 6
    assert "И ещё 2" in page.content.decode()
