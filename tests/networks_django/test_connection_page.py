"""Connecting an account: secrets encrypted and masked, the test reads the profile."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection as db
from django.test import Client

from gospablik.duties.models import Duty
from gospablik.networks.models import Connection
from tests.conftest import PASSWORD, VK_GROUP, VK_USER_TOKEN
from tests.foundation.factories import register


def login(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_it_stores_tokens_encrypted(vk_account):
    with db.cursor() as cursor:
        cursor.execute("SELECT secrets FROM networks_connection")
        (raw,) = cursor.fetchone()
    assert VK_USER_TOKEN not in raw
    assert vk_account.connection.secrets["user_token"] == VK_USER_TOKEN


def test_it_never_shows_a_token_on_the_page(vk_account, komiac):
    page = login(komiac).get(f"/kuzbass-health-335/registry/{vk_account.pk}/connection/")
    body = page.content.decode()
    assert page.status_code == 200
    assert VK_USER_TOKEN not in body
    assert "vk-…ken" in body  # masked


def test_it_tests_the_connection_against_the_network(vk_account, komiac):
    client = login(komiac)
    client.post(f"/kuzbass-health-335/registry/{vk_account.pk}/connection/test/")
    assert Connection.objects.get().status == "ok"


def test_it_stops_and_alerts_on_an_expired_token(vk_account, komiac, vk_emulator):
    vk_emulator.faults.push("error", code=5)
    login(komiac).post(f"/kuzbass-health-335/registry/{vk_account.pk}/connection/test/")
    assert Connection.objects.get().status == "needs_person"
    assert Duty.objects.filter(kind="connection_repair", status="open").count() == 1


def test_it_keeps_stored_secrets_when_the_form_leaves_them_empty(vk_account, komiac):
    login(komiac).post(
        f"/kuzbass-health-335/registry/{vk_account.pk}/connection/",
        {"group_id": str(VK_GROUP), "user_token": "", "community_token": ""},
    )
    assert Connection.objects.get().secrets["user_token"] == VK_USER_TOKEN


def test_it_lets_the_registry_keeper_see_but_not_change_keys(vk_account, keeper):
    url = f"/kuzbass-health-335/registry/{vk_account.pk}/connection/"
    assert login(keeper).get(url).status_code == 200
    assert login(keeper).post(url, {"group_id": "1"}).status_code == 403


def test_it_refuses_connection_changes_to_cur(vk_account, cur):
    response = login(cur).post(
        f"/kuzbass-health-335/registry/{vk_account.pk}/connection/",
        {"group_id": "1", "user_token": "stolen"},
    )
    assert response.status_code == 403
    assert Connection.objects.get().secrets["user_token"] == VK_USER_TOKEN


def test_it_hides_the_page_from_another_ministry(vk_account, foreign):
    url = f"/kuzbass-health-335/registry/{vk_account.pk}/connection/"
    assert login(foreign).get(url).status_code == 404


def test_it_checks_an_account_from_the_cli(vk_account, capsys):
    call_command("networks", "check", str(vk_account.pk))
    out = capsys.readouterr().out
    assert "profile:" in out and "admin:" in out and "can: publish_text" in out


def test_it_shows_capabilities_for_an_unconnected_account(health, keeper):
    account = register(health, keeper, network="ok", url="https://ok.ru/group/1")
    page = login(keeper).get(f"/kuzbass-health-335/registry/{account.pk}/connection/")
    assert "нет в API соцсети" in page.content.decode() or "✓" in page.content.decode()


def test_it_remembers_for_connectors_across_processes(db):
    from gospablik.networks.connections import DatabaseMemory

    DatabaseMemory().set("telegram:seen:1", {"post_id": "5"})
    assert DatabaseMemory().get("telegram:seen:1") == {"post_id": "5"}
    assert DatabaseMemory().get("missing") is None
