from __future__ import annotations

from datetime import UTC, datetime

from gospablik.networks.base import PostDraft
from gospablik_emulators.max.world import make_user


def test_it_reads_the_profile(connector, emulator):
    emulator.state.rename("Минздрав Кузбасса")
    profile = connector.read_profile()
    assert (profile.title, profile.screen_name, profile.members_count) == (
        "Минздрав Кузбасса",
        "minzdrav_demo",
        860,
    )


def test_it_reads_admins(connector, emulator):
    emulator.state.add_admin(make_user(42, "Ольга", "Смирнова"))
    admins = {a.name: a.role for a in connector.read_admins()}
    assert admins["Мария Иванова"] == "creator"
    assert admins["Ольга Смирнова"] == "administrator"


def test_it_sums_post_views_for_stats(connector, emulator):
    post = connector.publish(PostDraft("Новость", "k1"))
    emulator.state.add_views(post.post_id, 120)
    today = datetime.now(UTC).date()
    stats = connector.read_stats(today, today)
    assert (stats.views, stats.members) == (120, 860)
