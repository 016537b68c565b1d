"""The VK Bots Long Poll fallback for a community without a Callback server."""

from __future__ import annotations

from gospablik.networks.connections import do_connect_account
from gospablik.networks.models import InboundEvent
from gospablik.networks.tasks import poll_vk_once
from tests.conftest import VK_COMMUNITY_TOKEN, VK_GROUP, VK_USER_TOKEN
from tests.foundation.factories import register


def test_it_reads_comments_through_long_poll(health, keeper, vk_emulator):
    account = register(health, keeper, url="https://vk.com/club219000001")
    do_connect_account(
        account,
        {"group_id": str(VK_GROUP)},
        {"user_token": VK_USER_TOKEN, "community_token": VK_COMMUNITY_TOKEN},
        actor=keeper,
    )
    poll_vk_once()  # takes the key and the current position
    vk_emulator.add_comment(VK_GROUP, 3, 200, "Когда будет горячая вода?")
    assert poll_vk_once() == 1
    assert poll_vk_once() == 0
    assert InboundEvent.objects.get().kind == "comment_new"


def test_it_leaves_callback_communities_to_the_callback(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, 3, 200, "Спасибо!")
    assert poll_vk_once() == 0
    assert InboundEvent.objects.count() == 1  # delivered once, by the Callback


def test_a_broken_ministry_does_not_stop_long_poll(health, social, keeper, vk_emulator):
    from gospablik.policy.models import PolicyVersion

    secrets = {"user_token": VK_USER_TOKEN, "community_token": VK_COMMUNITY_TOKEN}
    broken = register(social, url="https://vk.com/club219000001")
    do_connect_account(broken, {"group_id": str(VK_GROUP)}, secrets, actor=None)
    healthy = register(health, keeper, url="https://vk.com/club219000001")
    do_connect_account(healthy, {"group_id": str(VK_GROUP)}, secrets, actor=keeper)
    poll_vk_once()
    PolicyVersion.objects.filter(ministry=social).delete()
    vk_emulator.add_comment(VK_GROUP, 3, 200, "Когда будет горячая вода?")
    assert poll_vk_once() == 2  # both events are stored; the broken one fails on its own
    assert InboundEvent.objects.filter(connection__account=healthy).count() == 1
    assert InboundEvent.objects.filter(connection__account=broken).count() == 1
