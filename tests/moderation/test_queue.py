"""The review queue page: oldest first, highlighted spans (escaped), one-key and bulk
decisions, decisions that act on the network."""

from __future__ import annotations

from gospablik.moderation.legal import do_save_rule
from gospablik.moderation.models import ArchivedItem, Comment, Sanction
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, POST, client_for

XSS = "<img src=x onerror=alert(1)>"


def queue(client, health):
    return client.get(f"/{health.key}/moderation/").content.decode()


def add(vk_emulator, text, author=AUTHOR):
    return vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=author, text=text)


def test_it_lists_the_oldest_first(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, f"{BORDERLINE} первый")
    add(vk_emulator, f"{BORDERLINE} второй")
    page = queue(client_for(moderator), health)
    assert page.index("первый") < page.index("второй")


def test_it_highlights_the_span_that_fired(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, BORDERLINE)
    page = queue(client_for(moderator), health)
    assert "<mark" in page and "queue.js" in page


def test_it_escapes_comment_text(vk_account, vk_emulator, moderator, health, legal):
    rule = {"key": "drugs", "kind": "keyword", "pattern": "закладк*", "norm": "ст. 6.13 КоАП РФ",
            "description": "Наркотики", "active": True}  # fmt: skip
    do_save_rule(health, rule, actor=legal)
    add(vk_emulator, f"закладки {XSS}")
    assert Comment.objects.get().status == "review"
    page = queue(client_for(moderator), health)
    assert XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_decision_from_the_queue_deletes_on_vk(vk_account, vk_emulator, moderator, health):
    posted = add(vk_emulator, BORDERLINE)
    comment = Comment.objects.get()
    url = f"/{health.key}/moderation/comments/{comment.pk}/decide/"
    assert client_for(moderator).post(url, {"decision": "delete"}).status_code == 302
    archive = ArchivedItem.objects.get()
    assert archive.decided_by == moderator and archive.network_done_at is not None
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is True
    assert not Sanction.objects.exists()


def test_ban_deletes_and_sanctions(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, BORDERLINE)
    comment = Comment.objects.get()
    client_for(moderator).post(
        f"/{health.key}/moderation/comments/{comment.pk}/decide/", {"decision": "ban"}
    )
    sanction = Sanction.objects.get()
    assert sanction.decided_by == moderator and sanction.comment == comment


def test_keep_leaves_the_comment(vk_account, vk_emulator, moderator, health):
    posted = add(vk_emulator, BORDERLINE)
    comment = Comment.objects.get()
    client_for(moderator).post(
        f"/{health.key}/moderation/comments/{comment.pk}/decide/", {"decision": "keep"}
    )
    comment.refresh_from_db()
    assert comment.status == "kept" and comment.decided_by == moderator
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is False


def test_bulk_decisions(vk_account, vk_emulator, moderator, health):
    add(vk_emulator, f"{BORDERLINE} 1")
    add(vk_emulator, f"{BORDERLINE} 2")
    ids = list(Comment.objects.values_list("pk", flat=True))
    response = client_for(moderator).post(
        f"/{health.key}/moderation/decide/", {"ids": ids, "decision": "keep"}
    )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {"kept"}


def test_bulk_ignores_another_ministrys_comments(vk_account, vk_emulator, foreign, social):
    add(vk_emulator, BORDERLINE)

    ids = list(Comment.objects.values_list("pk", flat=True))
    client = client_for(foreign)
    assert client.post(
        f"/{social.key}/moderation/decide/", {"ids": ids, "decision": "keep"}
    ).status_code in (302, 403)
    assert Comment.objects.get().status == "review"


def test_the_one_key_script_is_a_local_static_file():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    script = finders.find("moderation/queue.js")
    assert script and "data-key" in Path(str(script)).read_text(encoding="utf-8")
