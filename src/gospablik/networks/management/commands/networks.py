"""`gospablik networks check ACCOUNT` — connect, read the profile, list admins, capabilities."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gospablik.networks.base import CAPABILITY_LABELS_RU, ConnectorError
from gospablik.networks.connections import capabilities_of, connector_for, note_failure
from gospablik.networks.models import Connection


class Command(BaseCommand):
    help = "Check an account's connection: profile, admins and capabilities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check"])
        parser.add_argument("account", type=int, help="account id in the registry")

    def handle(self, *args: Any, **o: Any) -> None:
        connection = (
            Connection.objects.select_related("account").filter(account_id=o["account"]).first()
        )
        if connection is None:
            raise CommandError(f"Аккаунт {o['account']} не подключён к соцсети")
        account = connection.account
        self.stdout.write(f"{account.get_network_display()}: {account.title} ({account.url})")
        connector = connector_for(connection)
        try:
            profile = connector.read_profile()
            self.stdout.write(
                f"profile: {profile.title} [{profile.screen_name}] id={profile.community_id}"
            )
            for admin in connector.read_admins():
                self.stdout.write(f"admin: {admin.user_id}\t{admin.role}\t{admin.name}")
        except ConnectorError as error:
            note_failure(connection, error, actor="cli")
            raise CommandError(f"{error.message} (код {error.code})") from error
        for capability in sorted(capabilities_of(account.network)):
            self.stdout.write(f"can: {capability}\t{CAPABILITY_LABELS_RU.get(capability, '')}")
