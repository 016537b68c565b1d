"""The style checker, when the `gospablik.style` module is installed (it is optional here)."""

from __future__ import annotations

from typing import Any


def style_report(text: str, network: str | None = None) -> Any | None:
    """The checker's report, or None without a checker or text."""
    try:
        from gospablik.style import check
    except ImportError:  # pragma: no cover - the style module ships with gospablik
        return None
    return check(text, network=network) if text.strip() else None


def style_score(text: str) -> float | None:
    report = style_report(text)
    return float(report.score) if report is not None else None
