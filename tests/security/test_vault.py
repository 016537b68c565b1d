"""The credential vault: encrypted at rest, records follow the keys, keys rotate."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection as db

from gospablik.audit.models import AuditEntry
from gospablik.networks.connections import do_connect_account
from gospablik.networks.models import Connection
from gospablik.security.credentials import do_update_credential, masked_keys
from gospablik.security.models import Credential
from gospablik.security.vault import check_all
from tests.security.conftest import USER_TOKEN, client_for


def raw_secrets(connection: Connection) -> str:
    with db.cursor() as cursor:
        cursor.execute("SELECT secrets FROM networks_connection WHERE id = %s", [connection.pk])
        return str(cursor.fetchone()[0])


def test_it_stores_only_ciphertext(connection):
    raw = raw_secrets(connection)
    assert USER_TOKEN not in raw and raw.startswith("gAAAA")
    assert Connection.objects.get(pk=connection.pk).secrets["user_token"] == USER_TOKEN


def test_it_records_each_key_without_its_value(connection):
    keys = set(Credential.objects.filter(connection=connection).values_list("key", flat=True))
    assert keys == {"user_token", "community_token", "callback_secret"}
    added = AuditEntry.objects.filter(action="credential.add")
    assert added.count() == 3 and all(USER_TOKEN not in str(e.after) for e in added)


def test_it_shows_keys_masked(connection):
    shown = {k.credential.key: k.masked for k in masked_keys(connection)}
    assert shown["user_token"] == "vk-…ken"
    assert USER_TOKEN not in str(shown)


def test_it_counts_a_new_value_entered_on_the_page_as_a_rotation(connection, komiac):
    before = Credential.objects.get(connection=connection, key="user_token").rotated_at
    url = f"/kuzbass-health-335/registry/{connection.account.pk}/connection/"
    form = {**connection.config, "user_token": "vk1.a.NEW-VALUE"}
    assert client_for(komiac).post(url, form).status_code == 302
    credential = Credential.objects.get(connection=connection, key="user_token")
    assert credential.rotated_at > before
    assert AuditEntry.objects.filter(action="credential.rotate", actor=komiac).count() == 1


def test_it_keeps_the_record_when_the_same_value_is_saved_again(connection, keeper):
    do_connect_account(
        connection.account, connection.config, {"user_token": USER_TOKEN}, actor=keeper
    )
    assert not AuditEntry.objects.filter(action="credential.rotate").exists()


def test_it_drops_the_record_of_a_removed_key(connection):
    connection.secrets = {"user_token": USER_TOKEN}
    connection.save()
    assert Credential.objects.filter(connection=connection).count() == 1
    assert AuditEntry.objects.filter(action="credential.remove").count() == 2


def test_it_audits_a_change_of_the_record(connection, sec):
    credential = Credential.objects.get(connection=connection, key="user_token")
    do_update_credential(credential, {"scope": "wall, groups"}, actor=sec)
    entry = AuditEntry.objects.get(action="credential.change")
    assert entry.after["scope"] == "wall, groups" and "fingerprint" not in entry.after


@pytest.fixture
def two_keys(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = old
    return old, new


def test_it_reencrypts_everything_under_the_newest_key(
    two_keys, settings, account, emulator, keeper
):
    from tests.security.conftest import connect

    old, new = two_keys
    connection = connect(account, emulator, keeper)
    settings.ENCRYPTION_KEYS = f"{new},{old}"
    call_command("vault", "rotate")
    settings.ENCRYPTION_KEYS = new  # the old key is gone: everything must still decrypt
    assert check_all().ok
    assert Connection.objects.get(pk=connection.pk).secrets["user_token"] == USER_TOKEN
    assert AuditEntry.objects.filter(action="vault.rotate").exists()


def test_it_reports_secrets_that_no_key_opens(two_keys, settings, connection):
    settings.ENCRYPTION_KEYS = two_keys[1]
    with pytest.raises(CommandError, match="do not decrypt"):
        call_command("vault", "check")


def test_it_refuses_to_rotate_when_something_does_not_decrypt(two_keys, settings, connection):
    settings.ENCRYPTION_KEYS = two_keys[1]
    with pytest.raises(CommandError):
        call_command("vault", "rotate")
    assert not AuditEntry.objects.filter(action="vault.rotate").exists()


def test_it_makes_a_new_key(capsys):
    call_command("vault", "newkey")
    assert len(Fernet(capsys.readouterr().out.strip().encode())._signing_key) == 16
