from __future__ import annotations

import pytest

from gospablik.networks.base import Unsupported

from .conftest import GROUP, OWNER, SEED_POST


def test_it_reads_comments_with_author_names(vk):
    comments = vk.read_comments(str(SEED_POST))
    assert [c.text for c in comments] == [
        "Подскажите, нужна ли запись заранее?",
        "Спасибо за информацию!",
    ]
    assert (comments[0].author_id, comments[0].author_name) == ("200", "Иван Петров")
    assert comments[0].post_id == str(SEED_POST)


def test_it_reads_replies_with_their_parent(vk, emulator):
    first = vk.read_comments(str(SEED_POST))[0]
    emulator.add_comment(GROUP, SEED_POST, 201, "И мне интересно", reply_to=int(first.comment_id))
    texts = [(c.text, c.parent_id) for c in vk.read_comments(str(SEED_POST))]
    assert texts[1] == ("И мне интересно", first.comment_id)  # right after its parent


def test_it_reads_only_comments_after_since_id(vk, emulator):
    last = vk.read_comments(str(SEED_POST))[-1]
    emulator.add_comment(GROUP, SEED_POST, 200, "Новый вопрос")
    assert [c.text for c in vk.read_comments(str(SEED_POST), since_id=last.comment_id)] == [
        "Новый вопрос"
    ]


def test_it_deletes_and_restores_a_comment(vk, emulator):
    comment = vk.read_comments(str(SEED_POST))[0]
    vk.delete_comment(comment)
    assert emulator.state.comments[(OWNER, int(comment.comment_id))]["deleted"]
    assert comment.comment_id not in {c.comment_id for c in vk.read_comments(str(SEED_POST))}
    vk.restore_comment(comment)
    assert comment.comment_id in {c.comment_id for c in vk.read_comments(str(SEED_POST))}


def test_it_bans_the_author_when_deleting_with_block(vk, emulator):
    comment = vk.read_comments(str(SEED_POST))[0]
    vk.delete_comment(comment, block_author=True)
    assert emulator.state.communities[GROUP].bans[200]["end_date"] == 0


def test_it_skips_a_deleted_parent_but_keeps_its_live_replies(vk, emulator):
    parent = vk.read_comments(str(SEED_POST))[0]
    emulator.add_comment(GROUP, SEED_POST, 201, "Ответ", reply_to=int(parent.comment_id))
    vk.delete_comment(parent)
    texts = [c.text for c in vk.read_comments(str(SEED_POST))]
    assert "Ответ" in texts and parent.text not in texts


def test_it_says_hiding_is_not_available_on_vk(vk):
    comment = vk.read_comments(str(SEED_POST))[0]
    with pytest.raises(Unsupported) as error:
        vk.hide_comment(comment)
    assert "Скрытие комментария" in error.value.message
