"""The style checker of a ministry: shipped rules plus the ministry's own entries."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Count, Max

from gospablik.orgs.models import Ministry
from gospablik.style import LexiconEntry, Report, StyleChecker, default_checker
from gospablik.styleguide.models import StyleEntry


def checker_for(ministry: Ministry | None) -> StyleChecker:
    if ministry is None:
        return default_checker()
    stamp = StyleEntry.objects.filter(ministry=ministry).aggregate(
        n=Count("pk"), t=Max("created_at")
    )
    if not stamp["n"]:
        return default_checker()
    return _cached(ministry.pk, stamp["n"], str(stamp["t"]))


@lru_cache(maxsize=64)
def _cached(ministry_id: int, count: int, latest: str) -> StyleChecker:
    entries = [
        LexiconEntry(
            phrase=e.phrase,
            category=e.category,
            suggestion=e.suggestion or None,
            note=e.note or "Словарь министерства",
        )
        for e in StyleEntry.objects.filter(ministry_id=ministry_id)
    ]
    return StyleChecker(extra_lexicon=entries)


def check_for(ministry: Ministry | None, text: str, network: str | None = None) -> Report:
    return checker_for(ministry).check(text, network=network)
