"""The sanctions ladder: warning → 1 → 3 → 7 → 30 days → permanent, per author across the
ministry's accounts on a network; annulled sanctions do not count."""

from __future__ import annotations

from gospablik.moderation import recovery
from gospablik.moderation.ladder import do_decide_appeal, do_file_appeal
from gospablik.moderation.models import Offender, Sanction
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, OBSCENE, POST


def offend(vk_emulator, author=AUTHOR, n=1):
    for i in range(n):
        vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=author, text=f"{OBSCENE} {i}")


def test_it_climbs_the_ladder_and_stays_on_the_last_step(vk_account, vk_emulator):
    offend(vk_emulator, n=7)
    steps = list(Sanction.objects.order_by("created_at", "pk").values_list("step", "days"))
    assert steps == [(0, None), (1, 1), (2, 3), (3, 7), (4, 30), (5, None), (5, None)]
    assert Sanction.objects.order_by("pk").last().action == "ban"
    assert vk_emulator.state.community(VK_GROUP).bans[AUTHOR]["end_date"] == 0  # permanent


def test_each_author_has_their_own_ladder(vk_account, vk_emulator):
    offend(vk_emulator, author=201)
    offend(vk_emulator, author=202)
    assert Offender.objects.count() == 2
    assert set(Sanction.objects.values_list("step", flat=True)) == {0}


def test_an_annulled_sanction_does_not_count(vk_account, vk_emulator, moderator):
    offend(vk_emulator)
    first = Sanction.objects.get()
    do_file_appeal(first, actor=moderator, text="Я цитировал чужое сообщение")
    do_decide_appeal(first, actor=moderator, granted=True, note="Цитата, не оскорбление")
    offend(vk_emulator)
    assert Sanction.objects.order_by("pk").last().step == 0


def test_a_warning_is_recorded_without_a_network_ban(vk_account, vk_emulator):
    offend(vk_emulator)
    sanction = Sanction.objects.get()
    assert sanction.action == "warning" and "Предупреждение" in sanction.network_note
    assert AUTHOR not in vk_emulator.state.community(VK_GROUP).bans


def test_a_ban_refused_by_the_network_is_reported(vk_account, vk_emulator):
    offend(vk_emulator)
    vk_emulator.state.community(VK_GROUP).managers[AUTHOR] = "editor"  # managers cannot be banned
    offend(vk_emulator)
    sanction = Sanction.objects.order_by("pk").last()
    outcome = sanction.applied[str(vk_account.pk)]
    assert outcome["ok"] is False and "ошибка" in outcome["note"]
    assert recovery.recover().sanctions == {}  # finished: not retried


def test_no_blacklist_without_the_policy_allowing_it(vk_account, vk_emulator, monkeypatch):
    from gospablik.moderation import ladder

    class Spec:
        blacklist_allowed, sanctions_ladder = False, []

    class Policy:
        moderation = Spec()

    monkeypatch.setattr(ladder, "policy_for", lambda ministry: Policy())
    offend(vk_emulator)
    assert not Sanction.objects.exists()
