"""`gospablik reports rebuild [--ministry KEY]` — the pre-aggregated report tables
recomputed from the records (issue 18): the moderation report's account-days, the
accounts' security postures and the compliance report's account-days. The actions keep
them current; this repairs them after a bulk load, a restore from backup or a change of
the policy's time zone."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from gospablik.content import compliance_days
from gospablik.content.models import ComplianceDay
from gospablik.moderation import daily
from gospablik.moderation.models import ModerationCategoryDay, ModerationDay, ModerationReviewDay
from gospablik.orgs.models import Ministry
from gospablik.security import standing
from gospablik.security.models import AccountPosture


class Command(BaseCommand):
    help = "Recompute the pre-aggregated report tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--ministry", help="one ministry's key (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        ministries = Ministry.objects.order_by("pk")
        if options["ministry"]:
            ministries = ministries.filter(key=options["ministry"])
            if not ministries.exists():
                raise CommandError(f"Нет министерства «{options['ministry']}»")
        for ministry in ministries:
            days = daily.rebuild(ministry)
            postures = standing.rebuild(ministry)
            published = compliance_days.rebuild(ministry)
            self.stdout.write(
                f"{ministry.key}: moderation account-days {days}, postures {postures}, "
                f"compliance account-days {published}"
            )
        _analyze()


def _analyze() -> None:
    """Fresh planner statistics: a table refilled in one go still has its old ones (an
    empty table's plan over millions of rows takes seconds instead of milliseconds)."""
    if connection.vendor != "postgresql":
        return
    tables = [
        ModerationDay,
        ModerationCategoryDay,
        ModerationReviewDay,
        AccountPosture,
        ComplianceDay,
    ]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
