"""`gospablik token create|revoke` — API tokens for machine clients, from the console.

The console has no second factor to ask for, so the person owning the token must already
have one when their role requires it (else the token is refused at every use). Creation
and revocation are audited with the console as the actor. See docs/security.md.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gospablik.security.apitokens import do_create_token, do_revoke_token
from gospablik.security.models import ApiToken


def console_actor() -> str:
    try:
        return f"консоль ({getpass.getuser()})"
    except (KeyError, OSError):
        return "консоль"


class Command(BaseCommand):
    help = "Create an API token for a person (printed once) or revoke one by its prefix."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("target", help="username (create) or token prefix (revoke)")
        parser.add_argument("--scope", choices=[s.value for s in ApiToken.Scope], default="read")
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--name", default="console")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["target"]).first()
            if user is None:
                raise CommandError(f"no such user: {options['target']}")
            key = do_create_token(
                user,
                name=options["name"],
                scope=options["scope"],
                days=options["days"],
                actor=console_actor(),
            )
            self.stdout.write(key)
            return
        tokens = list(ApiToken.objects.filter(prefix=options["target"], revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} active tokens have that prefix")
        do_revoke_token(tokens[0], actor=console_actor(), reason="revoked from the console")
        self.stdout.write("revoked")
