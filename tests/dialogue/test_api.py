"""The stable API: threads, reply, the answer's delivery state, metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from gospablik.dialogue.models import Thread
from tests.dialogue.conftest import QUESTION, THANKS, committed, make_comment, make_message


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


BASE = "/api/m/kuzbass-health-335/dialogue"


def test_it_lists_threads_with_the_stable_fields(account, komiac) -> None:
    make_comment(account, QUESTION)
    make_message(account, THANKS)
    body = api(komiac).get(f"{BASE}/threads/").json()
    kinds = {row["kind"]: row for row in body["results"]}
    assert set(kinds) == {"comment", "message"}
    assert kinds["comment"]["needs_answer"] is True and kinds["comment"]["due_at"]
    assert kinds["message"]["needs_answer"] is False and kinds["message"]["status"] == "new"
    assert "next" in body


def test_it_filters_by_status_account_and_overdue(account, komiac) -> None:
    late = make_comment(account, QUESTION, at=timezone.now() - timedelta(days=10))
    make_comment(account, QUESTION)
    rows = api(komiac).get(f"{BASE}/threads/?overdue=true").json()["results"]
    assert [r["id"] for r in rows] == [late.thread.pk]
    assert api(komiac).get(f"{BASE}/threads/?status=answered").json()["results"] == []
    assert len(api(komiac).get(f"{BASE}/threads/?account={account.pk}").json()["results"]) == 2


@pytest.mark.parametrize("query", ["status=bogus", "overdue=maybe", "account=x"])
def test_bad_filters_get_a_russian_400(account, komiac, query) -> None:
    response = api(komiac).get(f"{BASE}/threads/?{query}")
    assert response.status_code == 400


def test_another_ministry_sees_nothing(account, foreign, outsider) -> None:
    make_comment(account)
    assert api(foreign).get(f"{BASE}/threads/").status_code == 404
    assert api(outsider).get(f"{BASE}/threads/").status_code == 404


def test_reply_refuses_an_empty_text_in_russian(account, komiac) -> None:
    thread = make_comment(account).thread
    response = api(komiac).post(f"{BASE}/threads/{thread.pk}/reply/", {"text": " "}, format="json")
    assert response.status_code == 400 and response.json()["text"] == ["Ответ пуст."]


def test_reply_on_an_unconnected_account_fails_with_the_reason(account, komiac) -> None:
    thread = make_comment(account).thread
    with committed():
        response = api(komiac).post(
            f"{BASE}/threads/{thread.pk}/reply/", {"text": "Здравствуйте!"}, format="json"
        )
    assert response.status_code == 201
    answer = response.json()
    assert answer["state"] == "failed" and "не подключён" in answer["error"]
    detail = api(komiac).get(answer["url"]).json()
    assert detail["id"] == answer["id"] and detail["state"] == "failed"


def test_a_thread_of_another_ministry_is_not_found(account, social_account, komiac) -> None:
    other = make_comment(social_account).thread
    response = api(komiac).post(f"{BASE}/threads/{other.pk}/reply/", {"text": "Да"}, format="json")
    assert response.status_code == 404


def test_a_viewer_outside_the_answering_orgs_may_not_answer(account, cur) -> None:
    thread = make_comment(account).thread
    response = api(cur).post(f"{BASE}/threads/{thread.pk}/reply/", {"text": "Да"}, format="json")
    assert response.status_code == 403


def test_metrics_of_a_week(account, komiac) -> None:
    thread = make_comment(account, QUESTION)
    Thread.objects.filter(comment=thread).update(first_answer_at=timezone.now())
    week = "{}-W{:02d}".format(*timezone.now().isocalendar()[:2])
    body = api(komiac).get(f"{BASE}/metrics/?week={week}").json()
    assert body["overall"]["threads"] == 1 and body["overall"]["answered"] == 1
    assert body["by_network"][0]["name"] == "vk"


def test_metrics_refuse_a_bad_week(account, komiac) -> None:
    response = api(komiac).get(f"{BASE}/metrics/?week=2025-53x")
    assert response.status_code == 400 and "ГГГГ-Wнн" in response.json()["week"]


def test_the_schema_tags_the_dialogue_paths(komiac) -> None:
    schema = api(komiac).get("/api/schema/?format=json").json()
    path = schema["paths"]["/api/m/{ministry}/dialogue/threads/"]["get"]
    assert path["tags"] == ["dialogue"]
