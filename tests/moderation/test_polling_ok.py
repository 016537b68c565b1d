"""OK discussions push nothing: a periodic poll feeds their comments through the same
intake; OK blocks the author while deleting the comment."""

from __future__ import annotations

from gospablik.moderation.models import ArchivedItem, Comment, Sanction
from gospablik.moderation.polling import poll_all, polled_networks
from tests.moderation.conftest import OBSCENE, OK_GID

AUTHOR = "575000000100"


def topic(ok_emulator):
    return next(t for t in ok_emulator.state.topics.values() if t["gid"] == OK_GID)


def test_ok_is_polled_and_vk_is_not():
    networks = polled_networks()
    assert "ok" in networks and "vk" not in networks


def test_it_stores_each_comment_once(ok_account, ok_emulator):
    assert poll_all() == 2  # the two comments of the demo topic
    assert poll_all() == 0
    assert Comment.objects.filter(account=ok_account).count() == 2


def test_an_obscene_comment_is_deleted_on_ok(ok_account, ok_emulator):
    poll_all()
    posted = ok_emulator.add_comment(topic(ok_emulator)["id"], AUTHOR, OBSCENE)
    assert poll_all() == 1
    comment = Comment.objects.get(network_comment_id=posted["id"])
    assert comment.status == "deleted" and ArchivedItem.objects.get(comment=comment).network_done_at
    assert ok_emulator.state.comments[posted["id"]]["deleted"] is True


def test_a_ban_step_blocks_the_author_when_deleting(ok_account, ok_emulator):
    poll_all()
    for i in range(2):
        ok_emulator.add_comment(topic(ok_emulator)["id"], AUTHOR, f"{OBSCENE} {i}")
        poll_all()
    ban = Sanction.objects.get(step=1)
    assert ArchivedItem.objects.get(comment=ban.comment).block_author is True
    assert ok_emulator.state.group(OK_GID).members[AUTHOR] == "BLOCKED"
    assert "бессрочно" in ban.applied[str(ok_account.pk)]["note"]
