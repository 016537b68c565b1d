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


def test_it_reads_names_of_authors_in_pages_of_100(ok, emulator):
    for n in range(150):
        emulator.state.add_user(f"5760000{n:05d}", "Житель", f"№{n}")
    ids = [f"5760000{n:05d}" for n in range(150)] + ["575000000100", "123", "x"]
    names = ok.read_names(ids)
    assert len(names) == 151 and names["575000000100"] == "Иван Петров"
    assert names["576000000149"] == "Житель №149" and "123" not in names and "x" not in names


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
