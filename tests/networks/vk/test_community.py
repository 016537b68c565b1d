from __future__ import annotations

from datetime import date

from gospablik.networks.base import MediaFile

from .conftest import GROUP, USER_TOKEN


def test_it_reads_the_profile(vk):
    profile = vk.read_profile()
    assert (profile.community_id, profile.screen_name) == (str(GROUP), "minzdrav_kuzbass")
    assert (profile.members_count, profile.verified, profile.cover_url) == (12840, True, None)


def test_it_reads_the_profile_with_the_community_token(vk, emulator):
    emulator.state.tokens[USER_TOKEN].valid = False  # the user token is not used for this
    assert vk.read_profile().title == "Министерство здравоохранения Кузбасса"


def test_it_reads_admins_with_normalized_roles(vk, emulator):
    emulator.add_admin(GROUP, 201, "editor")
    admins = {a.user_id: (a.name, a.role) for a in vk.read_admins()}
    assert admins == {
        "100": ("Анна Смирнова", "creator"),
        "101": ("Пётр Иванов", "moderator"),
        "201": ("Мария Кузнецова", "editor"),
    }


def test_it_uploads_a_cover_with_the_community_token(vk):
    vk.upload_cover(MediaFile("cover.png", b"\x89PNG fake", "image/png"))
    assert vk.read_profile().cover_url.endswith("?w=1590")


def test_it_sums_daily_stats_over_the_period(vk, emulator):
    emulator.set_stats(GROUP, date(2025, 3, 3), views=100, visitors=40, reach=300)
    emulator.set_stats(GROUP, date(2025, 3, 4), views=50, visitors=20, reach=200)
    emulator.set_stats(GROUP, date(2025, 3, 5), views=999, visitors=999, reach=999)
    stats = vk.read_stats(date(2025, 3, 3), date(2025, 3, 4))
    assert (stats.views, stats.visitors, stats.reach, stats.members) == (150, 60, 500, 12840)


def test_it_reports_no_stats_as_none(vk):
    stats = vk.read_stats(date(2025, 3, 3), date(2025, 3, 4))
    assert (stats.views, stats.reach) == (None, None)


def test_it_reads_names_of_people_and_communities_with_the_community_token(vk, emulator):
    emulator.state.tokens[USER_TOKEN].valid = False  # users.get needs no admin token
    names = vk.read_names(["200", "201", f"-{GROUP}", "999999", "0", "x"])
    assert names == {
        "200": "Иван Петров",
        "201": "Мария Кузнецова",
        f"-{GROUP}": "Министерство здравоохранения Кузбасса",
    }


def test_it_reads_no_names_without_ids(vk, emulator):
    assert vk.read_names([]) == {}
