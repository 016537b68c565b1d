"""Done-when of issue 5: on the emulated VK community, within one Callback round-trip,
an obscene comment is archived, deleted through the API and its author sanctioned per
the ladder; a borderline one lands in review; a retried Callback creates nothing twice."""

from __future__ import annotations

import time

from gospablik.moderation.models import AUTO, ArchivedItem, Comment, Sanction
from gospablik.networks.models import InboundEvent
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, CLEAN, OBSCENE, POST


def vk_comment(vk_emulator, comment_id):
    return vk_emulator.state.comment(-VK_GROUP, int(comment_id))


def test_it_archives_deletes_and_warns_within_the_callback(vk_account, vk_emulator):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    comment = Comment.objects.get(network_comment_id=str(posted["id"]))
    archive = ArchivedItem.objects.get(comment=comment)
    assert comment.status == "deleted" and comment.decided_by_repr == AUTO
    assert archive.text == OBSCENE and archive.author_id == str(AUTHOR)
    assert archive.network_done_at is not None and "obscenity" in archive.labels
    assert vk_comment(vk_emulator, posted["id"])["deleted"] is True
    sanction = Sanction.objects.get(comment=comment)
    assert (sanction.step, sanction.action, sanction.network_done_at is not None) == (
        0,
        "warning",
        True,
    )


def test_it_bans_a_repeat_offender_on_vk_with_the_ladder_term(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    second = vk_emulator.add_comment(
        VK_GROUP, post_id=POST, from_id=AUTHOR, text="сука, " + OBSCENE
    )
    sanction = Sanction.objects.get(comment__network_comment_id=str(second["id"]))
    assert (sanction.step, sanction.action, sanction.days) == (1, "ban", 1)
    ban = vk_emulator.state.community(VK_GROUP).bans[AUTHOR]
    assert abs(ban["end_date"] - (time.time() + 86400)) < 120
    assert ban["reason"] in (2, 3)  # insult or obscenity
    assert sanction.applied[str(vk_account.pk)]["ok"] is True


def test_it_sends_a_borderline_comment_to_review(vk_account, vk_emulator):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE)
    comment = Comment.objects.get(network_comment_id=str(posted["id"]))
    assert comment.status == "review" and comment.review_due_at is not None
    assert not ArchivedItem.objects.exists() and not Sanction.objects.exists()
    assert vk_comment(vk_emulator, posted["id"])["deleted"] is False


def test_it_keeps_a_clean_comment(vk_account, vk_emulator):
    posted = vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    assert Comment.objects.get(network_comment_id=str(posted["id"])).status == "kept"


def test_a_retried_callback_creates_nothing_twice(vk_account, vk_emulator):
    from tests.moderation.conftest import post_callback

    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    delivery = next(d for d in vk_emulator.push.log if b"wall_reply_new" in d.body)
    assert post_callback(vk_account, delivery.body) == "ok"
    assert post_callback(vk_account, delivery.body) == "ok"
    assert InboundEvent.objects.filter(kind="comment_new").count() == 1
    assert Comment.objects.count() == ArchivedItem.objects.count() == Sanction.objects.count() == 1


def test_the_same_comment_under_a_new_event_id_is_stored_once(vk_account, vk_emulator):
    from tests.moderation.conftest import callback_body, post_callback

    for event_id in ("a1", "a2"):
        assert post_callback(vk_account, callback_body(77, OBSCENE, event_id)) == "ok"
    assert Comment.objects.count() == ArchivedItem.objects.count() == Sanction.objects.count() == 1


def test_a_delivery_that_lost_the_race_stores_nothing(vk_account):
    """Two deliveries of one comment both found it new; the second's insert fails and
    rolls back its whole intake (archive, sanction, audit entry)."""
    from django.utils import timezone

    from gospablik.audit.log import verify
    from gospablik.moderation.actions import do_intake
    from gospablik.moderation.judge import judge
    from gospablik.networks.base import RemoteComment

    remote = RemoteComment("88", str(POST), str(AUTHOR), "", OBSCENE, timezone.now(), [])
    judgement = judge(vk_account, OBSCENE, str(AUTHOR))
    assert do_intake(vk_account, remote, judgement) is not None
    assert do_intake(vk_account, remote, judgement) is None
    assert Comment.objects.count() == ArchivedItem.objects.count() == Sanction.objects.count() == 1
    assert verify().ok
