"""Seeding the database of the outbound kill test (run in its own process).

``python -m tests.networks_django.killrun PLAN.json VK_URL`` migrates the database named by
DATABASE_URL, connects the demo VK community (at VK_URL) and queues, through the queue's
own ``enqueue``, one deletion per archived comment, one ban per sanction and one answer
per message listed in PLAN.json (the comments and writers exist on the emulator).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from typing import Any

GROUP = 219000001
POST = 3


def seed(plan: dict[str, Any], vk_url: str) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from gospablik.dialogue.private import KIND as ANSWER  # the one private-answer kind
    from gospablik.moderation.bans import BAN
    from gospablik.moderation.models import ArchivedItem, Comment, Message, Offender, Sanction
    from gospablik.moderation.network import DELETE
    from gospablik.networks.connections import do_connect_account
    from gospablik.networks.outbound import enqueue
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from tests.conftest import VK_COMMUNITY_TOKEN, VK_USER_TOKEN
    from tests.foundation.factories import register

    call_command("migrate", verbosity=0, skip_checks=True)
    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    account = register(ministry, None, url=f"https://vk.com/club{GROUP}", network_id=str(GROUP))
    secrets = {"user_token": VK_USER_TOKEN, "community_token": VK_COMMUNITY_TOKEN}
    config = {"group_id": str(GROUP), "api_base": f"{vk_url}/method/"}
    connection = do_connect_account(account, config, secrets, actor=None)
    now = timezone.now()
    common = {"ministry": ministry, "account": account, "network": "vk"}
    for comment_id, author in plan["comments"]:
        text = f"удалить {comment_id}"
        comment = Comment.objects.create(**common, network_comment_id=str(comment_id),
                                         post_id=str(POST), author_id=str(author),
                                         text=text, status="deleted")  # fmt: skip
        archive = ArchivedItem.objects.create(
            comment=comment, ministry=ministry, account=account,
            network_comment_id=str(comment_id), post_id=str(POST), author_id=str(author),
            text=comment.text, decided_by_repr="тест", reason="тест", decided_at=now,
            network_next_try_at=now,
        )  # fmt: skip
        enqueue(DELETE, connection, {"archive": archive.pk}, key=f"archive:{archive.pk}",
                subject=archive, run_now=False)  # fmt: skip
    for author in plan["banned"]:
        offender = Offender.objects.create(ministry=ministry, network="vk", author_id=str(author))
        sanction = Sanction.objects.create(
            offender=offender, step=1, action="ban", days=1, until=now + timedelta(days=1),
            category="obscenity", reason="тест", decided_by_repr="тест", network_next_try_at=now,
        )  # fmt: skip
        enqueue(BAN, connection, {"sanction": sanction.pk, "account": account.pk},
                key=f"sanction:{sanction.pk}", subject=sanction, run_now=False)  # fmt: skip
    for writer in plan["writers"]:
        message = Message.objects.create(**common, network_message_id=f"m{writer}",
                                         author_id=str(writer), text="Вопрос",
                                         answer_text=f"Ответ {writer}", answered_at=now,
                                         status="answered")  # fmt: skip
        key = f"gospablik-answer-{message.pk}-{now:%Y%m%d%H%M%S%f}"
        payload = {"message": message.pk, "actor": None, "answer": None, "inbox": True}
        enqueue(ANSWER, connection, payload, key=key, subject=message, run_now=False)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    import django

    django.setup()
    with open(sys.argv[1], encoding="utf-8") as handle:
        seed(json.load(handle), sys.argv[2])
