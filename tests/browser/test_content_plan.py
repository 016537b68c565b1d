"""An editor drags a scheduled post to another day of the content plan."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gospablik.content.actions import do_create_post, do_schedule
from gospablik.content.models import Post
from gospablik.networks.models import Connection
from tests.foundation.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TZ = ZoneInfo("Asia/Novokuznetsk")


def test_dragging_a_post_to_another_day_reschedules_it(
    login_page, live_server, komiac, keeper, health
):
    account = register(health, keeper, network="vk", url="https://vk.com/minzdrav_plan")
    Connection.objects.create(account=account)  # its posts wait on the outbound queue
    today = timezone.now().astimezone(TZ).date()
    monday = today - timedelta(days=today.weekday())
    target = monday + timedelta(days=7 + 2)  # Wednesday of next week
    at = datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=TZ)
    at = at.replace(hour=11, minute=15)
    post = do_create_post(
        health, {"format": "text", "text": "Перенесём на среду"}, [account], actor=komiac
    )
    do_schedule(post, at, actor=komiac)
    page = login_page(komiac)
    page.goto(f"{live_server.url}/kuzbass-health-335/content/?date={at.date().isoformat()}")
    page.drag_and_drop(".item[draggable=true]", f"td.day[data-date='{target.isoformat()}']")
    page.wait_for_load_state()
    page.locator(f"td.day[data-date='{target.isoformat()}'] .item").wait_for()
    post = Post.objects.get()
    assert post.publish_at.astimezone(TZ) == datetime.combine(target, at.time(), tzinfo=TZ)
