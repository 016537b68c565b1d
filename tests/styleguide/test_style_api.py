"""POST /api/style/check: the CLI contract for one text, plus the ministry's dictionary."""

from __future__ import annotations

from django.test import Client

from gospablik.styleguide.models import StyleEntry
from tests.conftest import PASSWORD

BUREAUCRATIC = "Данное мероприятие осуществляется в целях информирования населения."


def test_it_checks_a_text_without_login(db):
    response = Client().post(
        "/api/style/check", {"id": "t1", "text": BUREAUCRATIC}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 200
    assert body["id"] == "t1" and 0 <= body["score"] < 7
    issue = body["issues"][0]
    assert set(issue) == {"rule", "category", "start", "end", "message", "suggestion"}
    assert BUREAUCRATIC[issue["start"] : issue["end"]]


def test_it_gives_plain_text_a_high_score(db):
    text = "Завтра в 10:00 открываем новую поликлинику на Ленина, 5. Приходите!"
    body = (
        Client().post("/api/style/check/", {"text": text}, content_type="application/json").json()
    )
    assert body["score"] >= 9 and body["id"] is None


def test_it_refuses_a_text_that_is_not_a_string(db):
    response = Client().post("/api/style/check", {"text": None}, content_type="application/json")
    assert response.status_code == 400


def test_it_uses_the_ministrys_own_dictionary(health, komiac):
    StyleEntry.objects.create(
        ministry=health, phrase="медицинская помощь", category="cliche", suggestion="лечение"
    )
    client = Client()
    client.login(username="komiac", password=PASSWORD)
    text = "Медицинскую помощь оказывают круглосуточно."
    plain = client.post("/api/style/check", {"text": text}, content_type="application/json").json()
    mine = client.post(
        "/api/style/check", {"text": text, "ministry": health.key}, content_type="application/json"
    ).json()
    assert len(mine["issues"]) == len(plain["issues"]) + 1


def test_it_hides_another_ministrys_dictionary(health, foreign):
    client = Client()
    client.login(username="foreign", password=PASSWORD)
    response = client.post(
        "/api/style/check", {"text": "x", "ministry": health.key}, content_type="application/json"
    )
    assert response.status_code == 404


def test_it_lets_editors_add_entries_in_the_ui(health, komiac, cur):
    client = Client()
    client.login(username="komiac", password=PASSWORD)
    client.post(
        "/kuzbass-health-335/styleguide/",
        {"phrase": "в разрезе", "category": "cliche", "suggestion": "по", "note": ""},
    )
    assert StyleEntry.objects.filter(ministry=health, phrase="в разрезе").exists()
    other = Client()
    other.login(username="cur", password=PASSWORD)
    response = other.post("/kuzbass-health-335/styleguide/", {"phrase": "x", "category": "cliche"})
    assert response.status_code == 403
