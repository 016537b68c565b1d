from __future__ import annotations

from datetime import date

from .conftest import GID


def test_it_reads_the_group_profile(ok):
    profile = ok.read_profile()
    assert (profile.community_id, profile.title, profile.screen_name, profile.members_count) == (
        GID,
        "Министерство здравоохранения Кузбасса",
        "minzdrav.kuzbass",
        5320,
    )
    assert profile.cover_url is None


def test_it_reads_admins_and_moderators(ok, emulator):
    emulator.add_admin(GID, "575000000101", "MODERATOR")
    admins = {(a.user_id, a.name, a.role) for a in ok.read_admins()}
    assert admins == {
        ("575000000001", "Анна Смирнова", "administrator"),
        ("575000000002", "Пётр Иванов", "moderator"),
        ("575000000101", "Мария Кузнецова", "moderator"),
    }


def test_it_sums_stat_trends_and_takes_the_last_member_count(ok, emulator):
    emulator.set_stats(
        GID, date(2025, 3, 3), renderings=100, page_visits=10, reach=50, members_count=5300
    )
    emulator.set_stats(
        GID, date(2025, 3, 4), renderings=40, page_visits=5, reach=30, members_count=5320
    )
    emulator.set_stats(
        GID, date(2025, 3, 9), renderings=999, page_visits=9, reach=9, members_count=9
    )
    stats = ok.read_stats(date(2025, 3, 3), date(2025, 3, 4))
    assert (stats.views, stats.visitors, stats.reach, stats.members) == (140, 15, 80, 5320)


def test_it_reports_missing_stats_as_none(ok):
    stats = ok.read_stats(date(2025, 3, 3), date(2025, 3, 4))
    assert (stats.views, stats.members) == (None, None)
