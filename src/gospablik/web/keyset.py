"""Keyset pagination: a page is "the next N rows after this one", never OFFSET.

A page costs the same on the first and on the ten-thousandth screen: the query seeks
the index at the cursor (sort value, id) and reads ``size + 1`` rows. Rows inserted or
deleted between two requests shift nothing: the next page starts right after the last
row shown. The cursor is opaque to the user (base64 of the key); a broken or forged
cursor shows the first page, never an error.

The total is counted only up to :data:`COUNT_CAP` rows ("1000+" beyond).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import F, Q, QuerySet

from gospablik.numbers import number

M = TypeVar("M", bound=models.Model)
COUNT_CAP = 1000
PAGE_SIZE = 50


@dataclass(frozen=True)
class Order:
    """The list order: one sort field, then the primary key in the same direction."""

    field: str
    descending: bool = False
    nullable: bool = False  # NULLs come last in ascending order (e.g. duties without a term)

    def sort(self, reverse: bool = False) -> list[Any]:
        down = self.descending != reverse
        nulls = {"nulls_last": True} if not reverse else {"nulls_first": True}
        first = F(self.field).desc(**nulls) if down else F(self.field).asc(**nulls)
        if not self.nullable:
            first = F(self.field).desc() if down else F(self.field).asc()
        return [first, "-pk" if down else "pk"]

    def after(self, value: Any, pk: int, reverse: bool = False) -> Q:
        """Rows that come after (value, pk) in this order (before it if ``reverse``)."""
        down = self.descending != reverse
        beyond, tie = ("lt", "lt") if down else ("gt", "gt")
        if value is None:  # the cursor row is among the NULLs, which come last
            if reverse:
                return Q(**{f"{self.field}__isnull": False}) | Q(
                    **{f"{self.field}__isnull": True, f"pk__{tie}": pk}
                )
            return Q(**{f"{self.field}__isnull": True, f"pk__{tie}": pk})
        cond = Q(**{f"{self.field}__{beyond}": value}) | Q(**{self.field: value, f"pk__{tie}": pk})
        if self.nullable and not reverse:
            cond |= Q(**{f"{self.field}__isnull": True})
        return cond


@dataclass
class KeysetPage(Generic[M]):
    items: list[M]
    next_cursor: str
    previous_cursor: str
    total: int
    total_capped: bool

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def total_label(self) -> str:
        return f"{number(COUNT_CAP)}+" if self.total_capped else number(self.total)

    @property
    def is_first(self) -> bool:
        return not self.previous_cursor


def keyset_page(
    qs: QuerySet[M], order: Order, cursor: str | None, size: int = PAGE_SIZE, *, count: bool = True
) -> KeysetPage[M]:
    """The page that ``cursor`` points at (the first page without one)."""
    direction, key = decode(cursor or "")
    if key is not None and direction == "p":
        rows = list(
            qs.filter(order.after(*key, reverse=True)).order_by(*order.sort(True))[: size + 1]
        )
        if rows:
            more_before = len(rows) > size
            items = list(reversed(rows[:size]))
            return _page(qs, order, items, more_before, True, count)
        key = None  # everything before was deleted: the first page
    if key is not None:
        qs_after = qs.filter(order.after(*key))
        rows = list(qs_after.order_by(*order.sort())[: size + 1])
        return _page(qs, order, rows[:size], True, len(rows) > size, count)
    rows = list(qs.order_by(*order.sort())[: size + 1])
    return _page(qs, order, rows[:size], False, len(rows) > size, count)


def _page(
    qs: QuerySet[M], order: Order, items: list[M], has_prev: bool, has_next: bool, count: bool
) -> KeysetPage[M]:
    total, capped = capped_count(qs) if count else (0, False)
    return KeysetPage(
        items,
        encode("n", order, items[-1]) if has_next and items else "",
        encode("p", order, items[0]) if has_prev and items else "",
        total,
        capped,
    )


def capped_count(qs: QuerySet[Any], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, counting no further than ``cap`` (an index-only scan of cap rows)."""
    seen = qs.order_by().values("pk")[: cap + 1].count()
    return min(seen, cap), seen > cap


def encode(direction: str, order: Order, row: models.Model) -> str:
    value: Any = row
    for part in order.field.split("__"):
        value = getattr(value, part, None)
    raw = json.dumps([direction, _dump(value), row.pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[str, tuple[Any, int] | None]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        direction, value, pk = json.loads(raw)
        if direction not in ("n", "p") or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError(direction)
        return direction, (_load(value), pk)
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        return "n", None


def _dump(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if value is None or isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise TypeError(f"cannot page on {type(value).__name__}")


def _load(value: Any) -> Any:
    if isinstance(value, dict):
        moment = datetime.fromisoformat(str(value["t"]))
        if moment.tzinfo is None:
            raise ValueError("naive moment")
        return moment
    if value is None or isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise ValueError("bad key")
