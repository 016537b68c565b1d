"""Every moderation page and endpoint: a foreign ministry's user and a user without
membership get 404 and no data; a member without the role gets 403; moderators pass."""

from __future__ import annotations

import pytest
from django.test import Client

from gospablik.moderation.legal import do_save_rule
from gospablik.moderation.models import Comment, Message, Sanction
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, OBSCENE, POST, client_for

H = "kuzbass-health-335"
SECRET = BORDERLINE  # the comment in review; also the message and a rule
READ = [
    "/{m}/moderation/",
    "/{m}/moderation/comments/",
    "/{m}/moderation/comments/{c}/",
    "/{m}/moderation/blacklist/",
    "/{m}/moderation/blacklist/{s}/",
    "/{m}/moderation/rules/",
    "/{m}/moderation/reports/",
    "/{m}/moderation/reports/export.xlsx",
    "/api/m/{m}/moderation/queue/",
    "/api/m/{m}/moderation/comments/",
    "/api/m/{m}/moderation/comments/{c}/",
    "/api/m/{m}/moderation/sanctions/",
    "/api/m/{m}/moderation/sanctions/{s}/",
    "/api/m/{m}/moderation/rules/",
    "/api/m/{m}/moderation/report/?since=2020-01-01&until=2030-01-01",
]
MODERATOR_ONLY = ["/{m}/moderation/inbox/", "/{m}/moderation/inbox/{g}/"]
WRITES = [
    "/{m}/moderation/decide/",
    "/{m}/moderation/comments/{c}/decide/",
    "/{m}/moderation/comments/{c}/restore/",
    "/{m}/moderation/blacklist/{s}/lift/",
    "/{m}/moderation/blacklist/{s}/appeal/",
    "/{m}/moderation/blacklist/{s}/appeal/decision/",
    "/{m}/moderation/inbox/{g}/assign/",
    "/{m}/moderation/inbox/{g}/answer/",
    "/{m}/moderation/inbox/{g}/close/",
    "/api/m/{m}/moderation/comments/{c}/decide/",
    "/api/m/{m}/moderation/comments/decide-bulk/",
    "/api/m/{m}/moderation/comments/{c}/restore/",
    "/api/m/{m}/moderation/sanctions/{s}/lift/",
    "/api/m/{m}/moderation/sanctions/{s}/appeal/",
    "/api/m/{m}/moderation/sanctions/{s}/appeal-decision/",
]
RULE_WRITES = ["/{m}/moderation/rules/new/", "/api/m/{m}/moderation/rules/"]


@pytest.fixture
def world(vk_account, vk_emulator, legal):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE)
    vk_emulator.send_message(VK_GROUP, from_id=AUTHOR, text=SECRET)
    do_save_rule(vk_account.ministry, {"key": "x", "kind": "keyword", "pattern": "x",
                 "norm": "ст. 1", "description": SECRET, "active": True}, actor=legal)  # fmt: skip
    comment = Comment.objects.get(status="review")
    return {"m": H, "c": comment.pk, "s": Sanction.objects.get().pk, "g": Message.objects.get().pk}


def urls(world, paths):
    return [p.format(**world) for p in paths]


@pytest.mark.parametrize("index", range(len(READ + MODERATOR_ONLY)))
def test_it_hides_everything_from_a_foreign_user(world, foreign, index):
    response = client_for(foreign).get(urls(world, READ + MODERATOR_ONLY)[index])
    assert response.status_code == 404
    assert SECRET not in response.content.decode(errors="replace")


@pytest.mark.parametrize("index", range(len(READ + MODERATOR_ONLY)))
def test_it_hides_everything_from_a_user_without_membership(world, outsider, index):
    assert client_for(outsider).get(urls(world, READ + MODERATOR_ONLY)[index]).status_code == 404


@pytest.mark.parametrize("index", range(len(READ + MODERATOR_ONLY)))
def test_a_member_without_the_role_is_refused(world, keeper, index):
    response = client_for(keeper).get(urls(world, READ + MODERATOR_ONLY)[index])
    assert response.status_code == 403
    assert SECRET not in response.content.decode(errors="replace")


@pytest.mark.parametrize("index", range(len(READ + MODERATOR_ONLY)))
def test_a_moderator_sees_everything(world, moderator, index):
    assert client_for(moderator).get(urls(world, READ + MODERATOR_ONLY)[index]).status_code == 200


@pytest.mark.parametrize("index", range(len(READ)))
def test_the_head_oversees_read_only(world, head, index):
    assert client_for(head).get(urls(world, READ)[index]).status_code == 200


@pytest.mark.parametrize("index", range(len(WRITES)))
def test_writes_need_the_moderator_role(world, head, keeper, foreign, index):
    url = urls(world, WRITES)[index]
    assert client_for(foreign).post(url, {}).status_code == 404
    assert client_for(keeper).post(url, {}).status_code == 403
    assert client_for(head).post(url, {}).status_code == 403
    assert Comment.objects.get(pk=world["c"]).status == "review"


@pytest.mark.parametrize("index", range(len(RULE_WRITES)))
def test_rules_are_written_by_the_legal_department_only(world, moderator, foreign, index):
    url = urls(world, RULE_WRITES)[index]
    assert client_for(foreign).post(url, {}).status_code == 404
    assert client_for(moderator).post(url, {}).status_code == 403


@pytest.mark.parametrize("index", range(len(READ)))
def test_anonymous_users_are_sent_to_login(world, index):
    response = Client().get(urls(world, READ)[index])
    assert response.status_code in (302, 401, 403)
