"""The style checker of a ministry: shipped rules, the ministry's own entries, and the
rule categories its policy (п.2.4) switches on."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Count, Max

from gospablik.orgs.models import Ministry
from gospablik.policy.store import NoPolicy, policy_for
from gospablik.style import LexiconEntry, Report, StyleChecker, default_checker
from gospablik.style.switches import categories_off
from gospablik.styleguide.models import StyleEntry


def policy_off(ministry: Ministry) -> frozenset[str]:
    try:
        spec = policy_for(ministry).style
    except NoPolicy:
        return frozenset()
    return categories_off(
        conversational=spec.conversational,
        press_release=spec.discourage_press_release,
        bureaucratese=spec.discourage_bureaucratese,
    )


def checker_for(ministry: Ministry | None) -> StyleChecker:
    if ministry is None:
        return default_checker()
    stamp = StyleEntry.objects.filter(ministry=ministry).aggregate(
        n=Count("pk"), t=Max("created_at")
    )
    off = policy_off(ministry)
    if not stamp["n"] and not off:
        return default_checker()
    return _cached(ministry.pk, stamp["n"], str(stamp["t"]), off)


@lru_cache(maxsize=64)
def _cached(ministry_id: int, count: int, latest: str, off: frozenset[str]) -> StyleChecker:
    entries = [
        LexiconEntry(
            phrase=e.phrase,
            category=e.category,
            suggestion=e.suggestion or None,
            note=e.note or "Словарь министерства",
        )
        for e in StyleEntry.objects.filter(ministry_id=ministry_id)
    ]
    return StyleChecker(extra_lexicon=entries, off=off)


def check_for(ministry: Ministry | None, text: str, network: str | None = None) -> Report:
    return checker_for(ministry).check(text, network=network)
