"""What counts as a suspicious change (plain Python)."""

from __future__ import annotations

from dataclasses import replace

from gospablik.security.changes import AdminSeen, Look, PostSeen, compare
from gospablik.security.events import changes_from_event

ANNA = AdminSeen("100", "Анна", "creator")
BASE = Look(
    "Минздрав Кузбасса", "minzdrav", "https://sun9-1.userapi.com/a.jpg?s=1", "Описание", (ANNA,)
)
ALLOWED = {"100": "creator"}


def kinds(after: Look, allowed=ALLOWED) -> list[tuple[str, str]]:
    return [(c.kind, c.severity) for c in compare(BASE, after, allowed)]


def test_nothing_changed_nothing_raised():
    assert kinds(BASE) == []


def test_a_new_cdn_host_for_the_same_avatar_is_no_change():
    assert kinds(replace(BASE, avatar_url="https://sun9-77.userapi.com/a.jpg?s=2")) == []


def test_a_new_description_is_medium():
    assert kinds(replace(BASE, description="Купите крипту")) == [("description", "medium")]


def test_the_most_severe_comes_first():
    after = replace(BASE, title="Другое", admins=(ANNA, AdminSeen("9", "X", "editor")))
    assert kinds(after) == [("admin_added", "critical"), ("title", "high")]


def test_admins_unknown_to_the_network_are_not_compared():
    assert kinds(replace(BASE, admins=None)) == []


def test_a_lowered_role_is_not_alarming():
    assert kinds(replace(BASE, admins=(AdminSeen("100", "Анна", "editor"),))) == []


def test_a_post_seen_before_is_not_raised_again():
    post = PostSeen("7", "777", "Реклама", "https://vk.com/wall-1_7")
    seen = replace(BASE, unknown_posts=(post,))
    assert kinds(seen) == [("unknown_post", "medium")]
    assert compare(seen, seen, ALLOWED) == []


def test_a_vk_event_of_a_demoted_admin_raises_nothing():
    event = {"object": {"user_id": 101, "level_old": 3, "level_new": 1}}
    assert changes_from_event("vk", "admins_changed", "e", event, {}) == []


def test_a_vk_event_of_an_allowed_promotion_raises_nothing():
    event = {"object": {"user_id": 101, "level_old": 1, "level_new": 2}}
    assert changes_from_event("vk", "admins_changed", "e", event, {"101": "editor"}) == []
