"""The REST API: queue, decisions, comments, sanctions, rules CRUD."""

from __future__ import annotations

from gospablik.moderation.models import Comment, Sanction, UnlawfulRule
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, OBSCENE, POST, client_for


def add(vk_emulator, text):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=text)


def test_the_queue_lists_review_comments_with_spans(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, BORDERLINE)
    add(vk_emulator, OBSCENE)
    data = client_for(moderator).get(f"/api/m/{health.key}/moderation/queue/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["text"] == BORDERLINE and item["findings"] and "insult" in item["labels"]


def test_decide_through_the_api(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, BORDERLINE)
    comment = Comment.objects.get()
    url = f"/api/m/{health.key}/moderation/comments/{comment.pk}/decide/"
    response = client_for(moderator).post(url, {"decision": "ban"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "deleted"
    assert Sanction.objects.get().comment == comment


def test_a_second_decision_on_a_deleted_comment_is_refused(
    vk_account, vk_emulator, moderator, health
):
    add(vk_emulator, OBSCENE)
    comment = Comment.objects.get()
    url = f"/api/m/{health.key}/moderation/comments/{comment.pk}/decide/"
    response = client_for(moderator).post(
        url, {"decision": "delete"}, content_type="application/json"
    )
    assert response.status_code == 400 and "уже удалён" in response.json()["decision"]


def test_bulk_decisions_through_the_api(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, BORDERLINE)
    add(vk_emulator, BORDERLINE + "!!")
    ids = list(Comment.objects.values_list("pk", flat=True))
    url = f"/api/m/{health.key}/moderation/comments/decide-bulk/"
    data = (
        client_for(moderator)
        .post(url, {"ids": ids, "decision": "keep"}, content_type="application/json")
        .json()
    )
    assert sorted(data["done"]) == sorted(ids)


def test_sanction_lift_through_the_api(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, OBSCENE)
    add(vk_emulator, "сука " + OBSCENE)
    ban = Sanction.objects.get(step=1)
    url = f"/api/m/{health.key}/moderation/sanctions/{ban.pk}/lift/"
    response = client_for(moderator).post(
        url, {"reason": "Извинился"}, content_type="application/json"
    )
    assert response.json()["status"] == "lifted"
    assert AUTHOR not in vk_emulator.state.community(VK_GROUP).bans


def test_rules_crud(health, legal):
    client, base = client_for(legal), f"/api/m/{health.key}/moderation/rules/"
    rule = {
        "key": "casino",
        "kind": "domain",
        "pattern": "casino.example",
        "norm": "ст. 14.1.1 КоАП РФ",
        "description": "Незаконные азартные игры",
        "active": True,
    }
    created = client.post(base, rule, content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.post(base, rule, content_type="application/json").status_code == 400  # same key
    assert (
        client.patch(f"{base}{pk}/", {"active": False}, content_type="application/json").json()[
            "active"
        ]
        is False
    )
    assert client.delete(f"{base}{pk}/").status_code == 204
    assert not UnlawfulRule.objects.exists()


def test_the_schema_has_no_moderation_warnings(capsys):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("spectacular", "--validate", stdout=out)
    assert "/moderation/queue/" in out.getvalue()
    assert "moderation" not in capsys.readouterr().err
