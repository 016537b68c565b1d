"""The style checker of the post's ministry (its own words and its policy's switches)."""

from __future__ import annotations

from typing import Any

from gospablik.orgs.models import Ministry


def style_report(text: str, network: str | None = None, ministry: Ministry | None = None) -> Any:
    """The checker's report, or None without text."""
    from gospablik.styleguide.checking import check_for

    return check_for(ministry, text, network) if text.strip() else None


def style_score(text: str, ministry: Ministry | None = None) -> float | None:
    report = style_report(text, ministry=ministry)
    return float(report.score) if report is not None else None
