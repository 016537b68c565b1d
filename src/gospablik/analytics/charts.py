"""Charts as server-side SVG (pygal): the same markup on the page and inside the PDF.

Each chart carries its data as a table (shown behind a toggle, exported to XLSX), with
Russian number and date formatting; a point without data is a gap, never a zero.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from gospablik.analytics.formatting import number

STYLE_OPTIONS: dict[str, Any] = {
    "background": "transparent",
    "plot_background": "transparent",
    "font_family": "DejaVu Sans, Arial, sans-serif",
    "colors": ("#1f5fa8", "#d9822b", "#2e8b57", "#a83262", "#6a5acd", "#8c8c8c"),
    "label_font_size": 11,
    "major_label_font_size": 11,
    "value_font_size": 11,
    "legend_font_size": 12,
}


def pygal_module() -> Any:
    """pygal, imported on the first chart (half a second: not in every process's start).

    pygal appends a legacy ``sys.meta_path`` finder (for its map plugins, unused here)
    that has no ``find_spec``: every later failed import then warns, and warnings are
    errors in the tests. Take it out again."""
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


CACHE_SECONDS = 3600
STYLE_ELEMENT = re.compile(r"<(style|script)[^>]*>.*?</\1>", re.S)  # pygal's config script too
INLINE_STYLE = re.compile(r' style="[^"]*"')


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    labels: list[str]  # x axis (dates or names)
    series: dict[str, list[float | None]]  # name -> values, one per label
    kind: str = "line"  # line | bar

    @property
    def points(self) -> int:
        return sum(1 for values in self.series.values() for v in values if v is not None)

    @property
    def is_empty(self) -> bool:
        return self.points == 0

    def rows(self) -> list[list[str]]:
        """The data table: one row per label, formatted for reading."""
        names = list(self.series)
        return [
            [label, *(number(self.series[n][i]) for n in names)]
            for i, label in enumerate(self.labels)
        ]

    def svg(self, width: int = 820, height: int = 300) -> SafeString:
        """For the pages: no inline style or script (the CSP forbids them; the file
        static/analytics/pygal.css styles every chart)."""
        inline = render(self, width, height)
        return mark_safe(INLINE_STYLE.sub("", STYLE_ELEMENT.sub("", inline)))  # noqa: S308

    def standalone_svg(self, width: int = 820, height: int = 300) -> SafeString:
        """With its own style: the PDF and the downloaded file."""
        return mark_safe(render(self, width, height))  # noqa: S308 — pygal escapes labels


def day_labels(days: Sequence[date], weekly: bool = False) -> list[str]:
    fmt = "d.m.Y" if weekly else "d.m"
    return [date_format(d, fmt) for d in days]


def render(chart: Chart, width: int, height: int) -> str:
    """The SVG, from the cache when the same chart was drawn before (pygal spends tens of
    milliseconds per chart; the figures change only when statistics are collected)."""
    key = (
        "analytics:svg:"
        + hashlib.sha256(repr((chart, width, height, get_language())).encode("utf-8")).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        found = draw(chart, width, height)
        cache.set(key, found, CACHE_SECONDS)
    return str(found)


def draw(chart: Chart, width: int, height: int) -> str:
    pygal = pygal_module()
    kind = pygal.Bar if chart.kind == "bar" else pygal.Line
    options: dict[str, Any] = {
        "js": [], "style": pygal.style.Style(**STYLE_OPTIONS), "width": width, "height": height,
        "disable_xml_declaration": True, "show_legend": len(chart.series) > 1,
        "legend_at_bottom": True, "value_formatter": number, "allow_interruptions": True,
        "x_label_rotation": 0, "show_minor_x_labels": False, "truncate_label": 40,
        "print_values": False, "no_data_text": "Нет данных", "dots_size": 2.5,
        "css": ["file://style.css", "file://graph.css"],
    }  # fmt: skip
    graph = kind(**options)
    graph.x_labels = chart.labels
    graph.x_labels_major = chart.labels[:: max(1, len(chart.labels) // 10)]
    for name, values in chart.series.items():
        graph.add(name, list(values))
    rendered: str = graph.render(is_unicode=True)
    rendered = rendered.replace('id="activate-serie-', f'id="{chart.key}-serie-')  # unique ids
    return rendered.replace("<svg ", f'<svg data-chart="{chart.key}" role="img" ', 1)
