from __future__ import annotations

from datetime import date

from gospablik_emulators.telegram.world import make_user


def test_it_reads_the_channel_profile(connector, emulator):
    emulator.state.rename("Минздрав Кузбасса")
    profile = connector.read_profile()
    assert (profile.title, profile.screen_name) == ("Минздрав Кузбасса", "minzdrav_kuzbass_demo")
    assert profile.members_count == 1520


def test_it_reads_admins_with_roles(connector, emulator):
    emulator.state.add_admin(make_user(42, "Ольга", "Смирнова"))
    admins = {a.name: a.role for a in connector.read_admins()}
    assert admins["Мария Иванова"] == "creator"
    assert admins["Ольга Смирнова"] == "administrator"


def test_it_reads_only_the_member_count_as_stats(connector):
    stats = connector.read_stats(date(2025, 1, 1), date(2025, 1, 31))
    assert (stats.members, stats.views, stats.reach) == (1520, None, None)
