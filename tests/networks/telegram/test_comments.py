from __future__ import annotations

from gospablik.networks.base import PostDraft


def test_it_reads_comments_on_a_post(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k1"))
    emulator.state.add_comment(int(post.post_id), "Спасибо за новость")
    comments = connector.read_comments(post.post_id)
    assert [c.text for c in comments] == ["Спасибо за новость"]
    assert comments[0].author_name == "Иван Петров"


def test_it_reads_only_comments_after_since_id(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k2"))
    first = emulator.state.add_comment(1, "Первый")
    emulator.state.add_comment(1, "Второй")
    comments = connector.read_comments(post.post_id, since_id=str(first["message_id"]))
    assert [c.text for c in comments] == ["Второй"]


def test_it_polls_events_and_advances_the_offset(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k3"))
    emulator.state.add_comment(int(post.post_id), "Вопрос")
    events, offset = connector.poll_events()
    assert [e.kind for e in events] == ["post_new", "comment_new"]
    assert events[1].comment.post_id == post.post_id
    assert connector.poll_events(offset) == ([], offset)


def test_it_maps_a_reply_to_a_comment_to_its_post(connector, emulator):
    connector.publish(PostDraft("Новость", "k4"))
    parent = emulator.state.add_comment(1, "Вопрос")
    emulator.state.add_comment(1, "Ответ на вопрос", reply_to=parent["message_id"])
    events, _ = connector.poll_events()
    reply = events[-1].comment
    assert (reply.post_id, reply.parent_id) == ("1", str(parent["message_id"]))


def test_it_deletes_a_comment_in_the_discussion_group(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k5"))
    emulator.state.add_comment(int(post.post_id), "Спам")
    comment = connector.read_comments(post.post_id)[0]
    connector.delete_comment(comment)
    assert int(comment.comment_id) not in emulator.state.group().messages


def test_it_bans_the_author_when_deleting_with_block(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k6"))
    emulator.state.add_comment(int(post.post_id), "Оскорбление")
    comment = connector.read_comments(post.post_id)[0]
    connector.delete_comment(comment, block_author=True)
    assert int(comment.author_id) in emulator.state.group().banned
