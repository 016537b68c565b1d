"""Authors' names for events that carry only ids (VK Callback): filled from users.get."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gospablik.audit.models import AuditEntry
from gospablik.moderation.actions import decide
from gospablik.moderation.authors import lookup, name_missing_authors
from gospablik.moderation.models import ArchivedItem, Comment, Message
from gospablik.networks.models import Connection
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, BORDERLINE, CLEAN, OBSCENE, POST


def test_a_callback_comment_and_a_message_get_their_authors_names(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE)
    vk_emulator.send_message(VK_GROUP, from_id=201, text=CLEAN)
    assert Comment.objects.get().author_name == "" and Message.objects.get().author_name == ""
    assert name_missing_authors() == 2
    assert Comment.objects.get().author_name == "Иван Петров"
    assert Message.objects.get().author_name == "Мария Кузнецова"
    entry = AuditEntry.objects.get(action="moderation.author_names")
    assert entry.after == {"names": {"200": "Иван Петров", "201": "Мария Кузнецова"}}


def test_a_second_pass_has_nothing_to_name(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    assert name_missing_authors() == 1
    assert name_missing_authors() == 0
    assert AuditEntry.objects.filter(action="moderation.author_names").count() == 1


def test_old_rows_are_left_as_numbers(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    Comment.objects.update(received_at=timezone.now() - timedelta(days=1))
    assert name_missing_authors() == 0 and Comment.objects.get().author_name == ""


def test_a_failed_lookup_leaves_the_name_blank(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    for token in vk_emulator.state.tokens.values():
        token.valid = False
    assert lookup(vk_account, [str(AUTHOR)]) == {}
    assert name_missing_authors() == 0 and Comment.objects.get().author_name == ""


def test_an_unconnected_account_is_not_asked(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=CLEAN)
    Connection.objects.all().delete()
    assert lookup(vk_account, [str(AUTHOR)]) == {}


def test_an_automatic_deletion_archives_the_authors_name(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=OBSCENE)
    comment = Comment.objects.get()
    assert comment.status == "deleted" and comment.author_name == "Иван Петров"
    assert ArchivedItem.objects.get().author_name == "Иван Петров"


def test_a_moderators_deletion_archives_the_authors_name(vk_account, vk_emulator, moderator):
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text=BORDERLINE)
    comment = Comment.objects.get(status="review")
    assert comment.author_name == ""
    decide(comment, "delete", actor=moderator)
    assert ArchivedItem.objects.get().author_name == "Иван Петров"
