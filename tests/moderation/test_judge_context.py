"""What the classifier is told around a comment: the newest texts of its author and of
its account, newest first, within their limits; other accounts' texts never."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gospablik.moderation.judge import RECENT_BY_AUTHOR, RECENT_ON_ACCOUNT, context_for
from gospablik.moderation.models import Comment
from tests.foundation.factories import register


def stored(account, n: int, author: str, text: str, minutes_ago: int = 60) -> None:
    start = timezone.now() - timedelta(minutes=minutes_ago)
    for i in range(n):
        Comment.objects.create(
            ministry=account.ministry, account=account, network=account.network,
            network_comment_id=f"{author}-{text}-{i}", author_id=author,
            text=f"{text} {i}", received_at=start + timedelta(seconds=i),
        )  # fmt: skip


def test_it_gives_the_newest_texts_of_the_author_and_the_account(vk_account):
    stored(vk_account, RECENT_BY_AUTHOR + 2, "7", "автор")
    stored(vk_account, RECENT_ON_ACCOUNT, "8", "другой", minutes_ago=30)  # the newer ones
    context = context_for(vk_account, "7")
    assert context.author_id == "7" and context.account_id == str(vk_account.pk)
    assert context.recent_by_author == [f"автор {i}" for i in range(6, 1, -1)]
    assert sorted(context.recent_on_account) == sorted(f"другой {i}" for i in range(20))


def test_it_leaves_other_accounts_out(vk_account, health, keeper):
    other = register(health, keeper, url="https://vk.com/club219000002", network_id="219000002")
    stored(other, 3, "7", "чужой")
    context = context_for(vk_account, "7")
    assert context.recent_by_author == [] and context.recent_on_account == []
