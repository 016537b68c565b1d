"""A moderator restores a wrongly deleted comment (VK wall.restoreComment); the sanction
it brought is annulled and lifted on the network."""

from __future__ import annotations

import pytest

from gospablik.moderation.actions import DecisionError, restore
from gospablik.moderation.models import ArchivedItem, Comment, Sanction
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, OBSCENE, POST, client_for


@pytest.fixture
def deleted(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text="сука " + OBSCENE)
    return Comment.objects.order_by("pk").last()


def test_it_restores_on_vk_and_annuls_the_ban(deleted, vk_emulator, moderator):
    restore(deleted, actor=moderator, reason="Ошибка автоматики")
    deleted.refresh_from_db()
    assert deleted.status == "restored"
    assert vk_emulator.state.comment(-VK_GROUP, int(deleted.network_comment_id))["deleted"] is False
    assert ArchivedItem.objects.get(comment=deleted).restored_by == moderator
    assert Sanction.objects.get(comment=deleted).status == "annulled"
    assert AUTHOR not in vk_emulator.state.community(VK_GROUP).bans


def test_it_restores_from_the_page(deleted, moderator, health):
    url = f"/{health.key}/moderation/comments/{deleted.pk}/restore/"
    assert client_for(moderator).post(url, {"reason": "Ошибка"}).status_code == 302
    deleted.refresh_from_db()
    assert deleted.status == "restored"


def test_it_refuses_a_second_restore(deleted, moderator):
    restore(deleted, actor=moderator, reason="Ошибка")
    with pytest.raises(DecisionError):
        restore(deleted, actor=moderator, reason="Ошибка")


def test_a_restore_before_the_network_step_cancels_the_deletion(
    vk_account, vk_emulator, moderator, monkeypatch
):
    monkeypatch.setattr("gospablik.moderation.actions.run_soon_all", lambda *a: ["crash"])
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    monkeypatch.undo()
    restore(Comment.objects.get(), actor=moderator, reason="Не удалять")
    from gospablik.moderation.recovery import recover

    assert recover().deletions == {}
    assert vk_emulator.state.comment(-VK_GROUP, posted["id"])["deleted"] is False
