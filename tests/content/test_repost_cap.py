"""The weekly repost cap of order 000 (п.2.2): boundaries, weeks in Asia/Novokuznetsk,
imported posts, removals. Order 001 has no cap."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gospablik.content.actions import (
    CapWarning,
    do_cancel_post,
    do_remove_published,
    do_reschedule,
    do_schedule,
)
from gospablik.content.dispatch import dispatch_once
from gospablik.content.importer import import_account
from gospablik_emulators.vk import emulator_wall

from .conftest import VK_GROUP, connect_vk, make_post, vk_posts

TZ = ZoneInfo("Asia/Novokuznetsk")
MONDAY = datetime(2024, 5, 13, 10, 0, tzinfo=TZ)  # the week 13.05–19.05.2024
SUNDAY_2359 = datetime(2024, 5, 19, 23, 59, tzinfo=TZ)
NEXT_MONDAY_0000 = datetime(2024, 5, 20, 0, 0, tzinfo=TZ)
SOURCE = "https://vk.com/wall-219000002_1"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def post_at(health, komiac):
    def schedule(account, at, repost=False, text="Оригинал", source=SOURCE):
        data = (
            {"format": "repost", "text": "", "repost_source": source}
            if repost
            else {"text": f"{text} {at:%d.%m %H:%M}"}
        )
        return do_schedule(make_post(health, komiac, [account], **data), at, actor=komiac)

    return schedule


def originals(post_at, account, n, at):
    for i in range(n):
        post_at(account, at + timedelta(minutes=i), text=f"Оригинал {i}")


def test_exactly_25_percent_is_allowed(post_at, vk_account):
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    assert post_at(vk_account, MONDAY + timedelta(hours=2), repost=True).status == "scheduled"


def test_one_repost_more_is_refused_with_the_numbers(post_at, vk_account):
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    post_at(vk_account, MONDAY + timedelta(hours=2), repost=True)
    with pytest.raises(ValidationError) as refused:
        post_at(vk_account, MONDAY + timedelta(hours=3), repost=True)
    (message,) = refused.value.messages
    assert "Неделя 13.05–19.05.2024: уже 3 оригинальные публикации и 1 репост" in message
    assert "репостов станет 2 из 5 (40 %)" in message
    assert "Добавьте 3 оригинальные публикации на этой неделе" in message


def test_the_refused_repost_fits_after_adding_the_originals(post_at, vk_account):
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    post_at(vk_account, MONDAY + timedelta(hours=2), repost=True)
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=4))
    assert post_at(vk_account, MONDAY + timedelta(hours=5), repost=True).status == "scheduled"


def test_sunday_2359_and_monday_0000_are_different_weeks(post_at, vk_account):
    originals(post_at, vk_account, 3, SUNDAY_2359 - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="Неделя 20.05–26.05.2024: уже 0"):
        post_at(vk_account, NEXT_MONDAY_0000, repost=True)
    assert post_at(vk_account, SUNDAY_2359, repost=True).status == "scheduled"


def test_accounts_are_counted_separately(post_at, vk_account, health, keeper):
    other = connect_vk(health, keeper, url="https://vk.com/kuzdrav2", title="Второй")
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    with pytest.raises(ValidationError, match="«Второй»"):
        post_at(other, MONDAY + timedelta(hours=2), repost=True)


def test_posts_made_directly_in_the_network_are_imported_and_counted(
    post_at, vk_account, emulators
):
    for n in range(3):
        emulators["vk"].add_external_post(VK_GROUP, f"Пост из интерфейса ВК {n}")
    assert import_account(vk_account, MONDAY - timedelta(days=1)) >= 3
    assert post_at(vk_account, MONDAY + timedelta(hours=2), repost=True).status == "scheduled"


def test_imported_reposts_count_as_reposts(post_at, vk_account, emulators, clock):
    originals(post_at, vk_account, 3, MONDAY)
    dispatch_once()
    vk = emulators["vk"]
    external = vk.add_external_post(219000002, "Чужой пост")
    # a person reposts by hand in VK's interface:
    emulator_wall.new_post(vk.state, -VK_GROUP, -VK_GROUP, "", copy_history=[external])
    import_account(vk_account, MONDAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="уже 3 оригинальные публикации и 1 репост"):
        post_at(vk_account, MONDAY + timedelta(hours=2), repost=True)


def test_order_001_has_no_cap(social, foreign, make_user):
    from gospablik.content.actions import do_create_post
    from tests.foundation.factories import register

    account = register(social, foreign, url="https://vk.com/szn")
    post = do_create_post(
        social, {"format": "repost", "repost_source": SOURCE}, [account], actor=foreign
    )
    assert do_schedule(post, MONDAY + timedelta(hours=1), actor=foreign).status == "scheduled"


def test_rescheduling_a_repost_into_a_week_without_originals_is_refused(
    post_at, vk_account, komiac
):
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    repost = post_at(vk_account, MONDAY + timedelta(hours=2), repost=True)
    with pytest.raises(ValidationError, match="Неделя 20.05–26.05.2024"):
        do_reschedule(repost, NEXT_MONDAY_0000 + timedelta(hours=9), actor=komiac)


def test_cancelling_an_original_that_a_repost_relies_on_warns(post_at, vk_account, komiac):
    originals(post_at, vk_account, 3, MONDAY + timedelta(hours=1))
    post_at(vk_account, MONDAY + timedelta(hours=2), repost=True)
    original = post_at(vk_account, MONDAY + timedelta(hours=3), text="Ещё")
    do_cancel_post(original, actor=komiac)  # 1 of 4 remains: fine
    victim = vk_account.publications.filter(post__format="text", status="pending").first().post
    with pytest.raises(CapWarning, match="останется 1 репост из 3 публикаций"):
        do_cancel_post(victim, actor=komiac)
    assert do_cancel_post(victim, actor=komiac, confirm=True).status == "cancelled"


def test_deleting_a_published_original_warns_then_deletes(
    post_at, vk_account, komiac, emulators, clock
):
    source = emulators["vk"].add_external_post(219000002, "Источник")
    originals(post_at, vk_account, 3, MONDAY)
    post_at(vk_account, MONDAY, repost=True, source=f"wall-219000002_{source['id']}")
    clock.shift(timedelta(minutes=5))
    assert dispatch_once().outcomes == {"published": 4}
    pub = vk_account.publications.filter(post__format="text", status="published").first()
    with pytest.raises(CapWarning, match=r"\(33 %\) — больше допустимых 25 %"):
        do_remove_published(pub, actor=komiac)
    assert do_remove_published(pub, actor=komiac, confirm=True).status == "deleted"
    assert vk_posts(emulators["vk"], pub.text) == []
