"""`gospablik registry add|list|delete` — the registry from the command line."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from gospablik.orgs.access import Perm, get_ministry_for_user
from gospablik.orgs.models import Organization
from gospablik.registry.actions import do_mark_account_deleted, do_register_account
from gospablik.registry.models import Account


class Command(BaseCommand):
    help = "Add, list or mark deleted accounts of a ministry's registry, acting as a user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["add", "list", "delete"])
        parser.add_argument("--ministry", required=True)
        parser.add_argument("--as", dest="username", required=True, help="who acts (audited)")
        parser.add_argument("--network")
        parser.add_argument("--url")
        parser.add_argument("--title")
        parser.add_argument("--network-id", default="")
        parser.add_argument("--status", default="active", choices=["planned", "active"])
        parser.add_argument("--created", type=date.fromisoformat)
        parser.add_argument("--deleted", type=date.fromisoformat)
        parser.add_argument("--org", help="responsible organization key")
        parser.add_argument("--person", default="")
        parser.add_argument("--id", type=int, help="account id (for delete)")

    def handle(self, *args: Any, **o: Any) -> None:
        user = get_user_model().objects.filter(username=o["username"]).first()
        if user is None:
            raise CommandError(f"Нет пользователя {o['username']}")
        perm = Perm.VIEW if o["action"] == "list" else Perm.REGISTRY_EDIT
        try:
            ministry = get_ministry_for_user(user, o["ministry"], perm)
            getattr(self, f"_{o['action']}")(ministry, user, o)
        except (PermissionDenied, Http404) as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error

    def _list(self, ministry: Any, user: Any, o: dict[str, Any]) -> None:
        for a in Account.objects.filter(ministry=ministry):
            self.stdout.write(
                f"{a.pk}\t{a.network}\t{a.status}\t{a.created_on or ''}\t{a.title}\t{a.url}"
            )

    def _add(self, ministry: Any, user: Any, o: dict[str, Any]) -> None:
        org = Organization.objects.filter(ministry=ministry, key=o["org"]).first()
        if org is None:
            raise CommandError(
                f"Укажите --org: ключ организации министерства ({o['org']!r} не найден)"
            )
        data = {
            "network": o["network"],
            "url": o["url"],
            "title": o["title"],
            "network_id": o["network_id"],
            "status": o["status"],
            "created_on": o["created"],
            "responsible_org": org,
            "responsible_person": o["person"],
        }
        account = do_register_account(ministry, data, actor=user)
        self.stdout.write(f"{account.pk}")

    def _delete(self, ministry: Any, user: Any, o: dict[str, Any]) -> None:
        account = Account.objects.filter(ministry=ministry, pk=o["id"]).first()
        if account is None or o["deleted"] is None:
            raise CommandError("Укажите --id аккаунта этого министерства и --deleted ДАТА")
        do_mark_account_deleted(account, o["deleted"], actor=user)
        self.stdout.write(f"{account.pk}")
