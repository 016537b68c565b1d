"""The content plan shows a bounded number of posts per day with "N more", and a
search instead of a drop-down when the ministry has many accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

from gospablik.content import plan as plan_module
from gospablik.content.models import Post
from gospablik.policy.store import policy_for
from tests.foundation.factories import register
from tests.moderation.conftest import client_for


def test_a_busy_day_shows_the_first_posts_and_how_many_more(health, komiac, scheduled, vk_account):
    tz = policy_for(health).tz()
    day = datetime(2031, 3, 12, 9, 0, tzinfo=tz)
    for i in range(plan_module.PER_DAY["month"] + 3):
        scheduled([vk_account], day + timedelta(minutes=i), text=f"Пост {i}")
    client = client_for(komiac)
    page = client.get(f"/{health.key}/content/?view=month&date=2031-03-12")
    cell = next(d for w in page.context["weeks"] for d in w if d.date == day.date())
    assert [p.text for p in cell.posts] == [f"Пост {i}" for i in range(5)]
    assert cell.more == 3 and "и ещё 3 публика" in page.content.decode()
    week = client.get(f"/{health.key}/content/?view=week&date=2031-03-12")
    cell = next(d for w in week.context["weeks"] for d in w if d.date == day.date())
    assert len(cell.posts) == 8 and cell.more == 0
    assert Post.objects.count() == 8


def test_many_accounts_make_the_account_filter_a_search(health, komiac, monkeypatch):
    from gospablik.web import choices

    monkeypatch.setattr(choices, "ACCOUNT_CHOICES", 2)
    for i in range(4):
        register(health, url=f"https://vk.com/p{i}", title=f"Поликлиника {i}")
    client = client_for(komiac)
    html = client.get(f"/{health.key}/content/").content.decode()
    assert 'name="account_q"' in html and "Поликлиника 3" not in html
    found = client.get(f"/{health.key}/content/?account_q=клиника 3").context["account_matches"]
    assert [a.title for a in found] == ["Поликлиника 3"]


def test_compliance_shows_accounts_with_something_to_see(health, komiac, scheduled, vk_account):
    quiet = register(health, url="https://vk.com/quiet", title="Тихий аккаунт")
    tz = policy_for(health).tz()
    scheduled([vk_account], datetime(2031, 3, 12, 9, 0, tzinfo=tz), text="Пост")
    client = client_for(komiac)
    url = f"/{health.key}/content/compliance/?from=2031-03-10&to=2031-03-16"
    active = client.get(url).context["rows"]
    assert all(r.total for r in active) and quiet not in {r.account for r in active}
    everything = client.get(url + "&show=all").context["rows"]
    assert {r.account for r in everything} >= {vk_account, quiet}
    assert client.get(url + "&show=over").context["rows"] == []
    assert client.get(url + "&show=bogus").context["show"] == "active"
