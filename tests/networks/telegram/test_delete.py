from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError, MediaFile, PostDraft

PHOTO = MediaFile("a.jpg", b"jpeg", "image/jpeg")


def test_it_deletes_every_message_of_a_post(connector, emulator):
    post = connector.publish(PostDraft("Альбом", "k1", photos=[PHOTO, PHOTO]))
    connector.delete_post(post.post_id)
    assert emulator.state.channel().messages == {}


def test_it_treats_an_already_deleted_post_as_deleted(connector, emulator):
    post = connector.publish(PostDraft("Текст", "k2"))
    connector.delete_post(post.post_id)
    connector.delete_post(post.post_id)
    assert emulator.state.channel().messages == {}


def test_it_explains_that_old_posts_cannot_be_deleted_by_a_bot(connector, emulator):
    post = connector.publish(PostDraft("Старый пост", "k3"))
    emulator.state.age(emulator.state.channel().id, int(post.post_id), 49 * 3600)
    with pytest.raises(ConnectorError) as caught:
        connector.delete_post(post.post_id)
    assert caught.value.permanent
    assert "48 часов" in str(caught.value)
