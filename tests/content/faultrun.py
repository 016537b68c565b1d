"""Seeding the database of the fault-injection test (run in its own process).

``python -m tests.content.faultrun PREFIX N VK_URL OK_URL`` migrates the database named by
DATABASE_URL and schedules N text posts, due now, in turn to the VK communities and OK groups
of :func:`fault_seeds`, connected to the emulators at VK_URL and OK_URL. Rows are
bulk-created: this is test data, the publishing path under test is the workers'.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Any

GROUPS = 5  # communities per network: 100 posts each, as a busy account might have in a day
VK_FIRST, OK_FIRST = 219100001, 70100000000001


def fault_seeds() -> tuple[dict[str, Any], dict[str, Any]]:
    """The demo seeds of the VK and OK emulators plus GROUPS communities each."""
    from gospablik_emulators.ok.emulator_state import DEMO_SEED as OK_SEED
    from gospablik_emulators.vk.emulator_seed import DEMO_SEED as VK_SEED

    vk, ok = copy.deepcopy(VK_SEED), copy.deepcopy(OK_SEED)
    for n in range(GROUPS):
        vk["communities"].append(
            {
                "id": VK_FIRST + n,
                "name": f"Сообщество {n}",
                "screen_name": f"fault{n}",
                "managers": {"100": "administrator"},
            }
        )
        ok["groups"].append(
            {
                "gid": str(OK_FIRST + n),
                "name": f"Группа {n}",
                "shortname": f"fault{n}",
                "members": {"575000000001": "ADMIN"},
            }
        )
    return vk, ok


def seed(prefix: str, count: int, vk_url: str, ok_url: str) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from gospablik.content.models import Post, Publication
    from gospablik.networks.connections import do_connect_account
    from gospablik.policy.actions import do_setup_ministry
    from gospablik.policy.loader import load_preset
    from tests.content.conftest import OK_SECRETS, VK_SECRETS
    from tests.foundation.factories import register

    call_command("migrate", verbosity=0, skip_checks=True)
    ministry = do_setup_ministry(load_preset("kuzbass-health-335"))
    accounts = []
    for n in range(GROUPS):
        vk = register(ministry, None, network="vk", url=f"https://vk.com/fault{n}")
        do_connect_account(
            vk, {"group_id": VK_FIRST + n, "api_base": f"{vk_url}/method/"}, VK_SECRETS, actor=None
        )
        ok = register(ministry, None, network="ok", url=f"https://ok.ru/group/fault{n}")
        do_connect_account(
            ok,
            {"group_id": str(OK_FIRST + n), "api_url": f"{ok_url}/fb.do"},
            OK_SECRETS,
            actor=None,
        )
        accounts += [vk, ok]
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(ministry=ministry, text=f"{prefix} {n}", status="scheduled", publish_at=now)
        for n in range(count)
    )
    Publication.objects.bulk_create(
        Publication(
            post=post,
            account=accounts[n % len(accounts)],
            text=post.text,
            status="pending",
            due_at=now,
        )
        for n, post in enumerate(posts)
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")
    import django

    django.setup()
    seed(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
