"""Engagement rates as users know them (LiveDune, Popsters).

>>> er_percent(30, 1000)
3.0
>>> er_percent(30, 0) is None
True
"""

from __future__ import annotations


def er_percent(reactions: int | None, base: int | None) -> float | None:
    """ER = reactions ÷ base × 100, where base is followers (ER by followers) or views
    (ER by views); None when the base is unknown or zero."""
    if reactions is None or not base:
        return None
    return round(reactions / base * 100, 2)


def share_percent(part: int, whole: int) -> float | None:
    """
    >>> share_percent(1, 4)
    25.0
    """
    return round(part / whole * 100, 1) if whole else None
