"""The compliance report's per-account-per-day table (issue 18): kept by publishing,
deleting and importing, equal to a rebuild, read by the page; the API pages accounts by
keyset."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from gospablik.content.models import ComplianceDay, RemotePost
from gospablik.networks.outbound import run_once
from tests.conftest import PASSWORD
from tests.foundation.factories import register

TZ = ZoneInfo("Asia/Novokuznetsk")
NOW = datetime(2024, 5, 13, 10, 0, tzinfo=TZ)
API = "/api/m/kuzbass-health-335/content"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editor(komiac):
    client = Client()
    assert client.login(username=komiac.username, password=PASSWORD)
    return client


def days():
    fields = ("account_id", "day", "originals", "reposts", "imported", "formats", "style_n")
    return sorted(ComplianceDay.objects.values_list(*fields), key=str)


def test_publishing_and_importing_keep_the_days_equal_to_a_rebuild(scheduled, vk_account):
    for n in range(3):
        scheduled([vk_account], NOW, text=f"Оригинал {n}")
    run_once()
    RemotePost.objects.create(  # read from the wall: made in the network, not by us
        account=vk_account, network_post_id="outside-1", date=NOW - timedelta(days=1),
        kind="post", text="Сделано в соцсети",
    )  # fmt: skip
    kept = days()
    assert [(d[2], d[3], d[4]) for d in kept] == [(1, 0, 1), (3, 0, 0)]
    ComplianceDay.objects.all().delete()
    call_command("reports", "rebuild")
    assert days() == kept
    RemotePost.objects.get(network_post_id="outside-1").delete()
    assert ComplianceDay.objects.filter(imported__gt=0).count() == 0


def test_the_page_reads_the_days(editor, scheduled, vk_account):
    scheduled([vk_account], NOW, text="Оригинал")
    run_once()
    ComplianceDay.objects.update(originals=7, formats={"text": 7})
    page = editor.get("/kuzbass-health-335/content/compliance/?from=2024-05-13&to=2024-05-19")
    assert "Текст: 7" in page.content.decode()


def test_the_api_pages_accounts_by_keyset(editor, health, keeper, vk_account):
    for i in range(55):
        register(health, keeper, url=f"https://vk.com/c{i}", title=f"Аккаунт {i:03}")
    first = editor.get(f"{API}/compliance/?from=2024-05-13&to=2024-05-19").json()
    accounts = {row["account"] for row in first["results"]}
    assert len(accounts) == 50 and first["next"] and first["previous"] is None
    rest = editor.get(first["next"]).json()
    more = {row["account"] for row in rest["results"]}
    assert not accounts & more and len(accounts | more) == first["accounts"] == 56
    assert rest["next"] is None
