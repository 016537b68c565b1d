from __future__ import annotations

from datetime import date


def test_it_reads_the_page_profile(connector, emulator):
    emulator.state.rename("Минздрав Кузбасса")
    profile = connector.read_profile()
    assert (profile.title, profile.screen_name, profile.members_count) == (
        "Минздрав Кузбасса",
        "minzdrav.demo",
        2450,
    )
    assert profile.cover_url == "https://scontent.example/cover.jpg"


def test_it_maps_page_tasks_to_roles(connector, emulator):
    emulator.state.add_role("7", "Ольга Смирнова", ["MODERATE", "ANALYZE"])
    roles = {a.name: a.role for a in connector.read_admins()}
    assert roles == {"Мария Иванова": "administrator", "Ольга Смирнова": "moderator"}


def test_it_sums_daily_insights(connector, emulator):
    emulator.state.add_insight("page_impressions", "2025-03-01", 100)
    emulator.state.add_insight("page_impressions", "2025-03-02", 50)
    emulator.state.add_insight("page_impressions_unique", "2025-03-02", 40)
    stats = connector.read_stats(date(2025, 3, 1), date(2025, 3, 2))
    assert (stats.views, stats.reach, stats.members) == (150, 40, 2450)
