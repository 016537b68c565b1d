"""Whatever order events arrive in: edits add versions and are judged again, a delete seen
before the comment leaves a tombstone that the late comment fills, deletions made in
VK itself are archived too, the community's own replies are not moderated."""

from __future__ import annotations

import json

from gospablik.moderation.models import ArchivedItem, Comment
from tests.conftest import VK_CALLBACK_SECRET, VK_GROUP
from tests.moderation.conftest import AUTHOR, CLEAN, OBSCENE, POST, callback_body, post_callback


def test_an_edit_into_obscenity_is_deleted(vk_account, vk_emulator):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    vk_emulator.edit_comment(VK_GROUP, posted["id"], OBSCENE)
    comment = Comment.objects.get()
    assert comment.version == 2 and comment.status == "deleted"
    assert list(comment.classifications.values_list("text", flat=True)) == [CLEAN, OBSCENE]
    assert ArchivedItem.objects.get().text == OBSCENE


def test_a_delete_before_the_comment_keeps_its_text(vk_account):
    delete = {
        "type": "wall_reply_delete",
        "group_id": VK_GROUP,
        "event_id": "d1",
        "secret": VK_CALLBACK_SECRET,
        "object": {"owner_id": -VK_GROUP, "id": 55, "deleter_id": AUTHOR, "post_id": POST},
    }
    post_callback(vk_account, json.dumps(delete).encode())
    assert Comment.objects.get().is_tombstone
    post_callback(vk_account, callback_body(55, CLEAN, "n1"))
    comment = Comment.objects.get()
    assert comment.status == "deleted" and comment.text == CLEAN
    assert ArchivedItem.objects.get().text == CLEAN


def test_a_deletion_in_vk_itself_is_archived(vk_account, vk_emulator):
    from django.utils import timezone

    from gospablik.networks.base import RemoteComment
    from gospablik.networks.connections import connector_for

    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    remote = RemoteComment(str(posted["id"]), str(POST), str(AUTHOR), "", CLEAN, timezone.now(), [])
    connector_for(vk_account.connection).delete_comment(remote)  # an admin in VK's interface
    comment = Comment.objects.get()
    archive = ArchivedItem.objects.get()
    assert comment.status == "deleted" and "вне gospablik" in comment.decided_by_repr
    assert archive.text == CLEAN and archive.network_done_at is not None


def test_the_communitys_own_reply_is_not_moderated(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=-VK_GROUP, text=OBSCENE)
    assert not Comment.objects.exists()


def test_a_restore_in_vk_itself_is_noted(vk_account, vk_emulator):
    from gospablik.networks.base import RemoteComment
    from gospablik.networks.connections import connector_for

    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    remote = RemoteComment(str(posted["id"]), str(POST), str(AUTHOR), "", OBSCENE, posted_at(), [])
    connector_for(vk_account.connection).restore_comment(remote)  # an admin in VK's interface
    comment = Comment.objects.get()
    assert comment.status == "restored" and comment.network_note == "Восстановлен в соцсети"


def posted_at():
    from django.utils import timezone

    return timezone.now()
