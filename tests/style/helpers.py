"""Small helpers for the style tests."""

from __future__ import annotations

from pathlib import Path

from gospablik.style import StyleChecker
from gospablik.style.document import Document
from gospablik.style.model import Rule
from gospablik.style.networks import limits

DATA = Path(__file__).parent / "data"


def blocks(name: str) -> list[str]:
    """Texts of a calibration file (blocks separated by a line with three dashes)."""
    lines = [ln for ln in (DATA / name).read_text("utf-8").splitlines() if not ln.startswith("#")]
    return [b.strip() for b in "\n".join(lines).split("\n---\n") if b.strip()]


def passages(rule: Rule, text: str, network: str | None = None) -> list[str]:
    doc = Document.of(text, limits(network))
    return [text[i.start : i.end] for i in rule.find(doc)]


def rules_fired(text: str) -> set[str]:
    return {issue.rule for issue in StyleChecker().check(text).issues}
