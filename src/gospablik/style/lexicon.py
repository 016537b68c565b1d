"""Word lists: data files under ``data/`` turned into :class:`LexiconEntry` objects.

A list file has a header naming its category and its source, then one entry per line::

    # category: bureaucratese
    # source: compiled by gospablik from ...
    в целях | чтобы | «В целях» — канцелярит, проще «чтобы» | 1.0

Columns: pattern (see :mod:`gospablik.style.patterns`) | suggestion or ``-`` | message |
optional weight (default 1).

>>> entries = load_list("bureaucratese.txt")
>>> next(e for e in entries if e.phrase == "в целях").suggestion
'чтобы'
>>> entry = parse_line("в рамках | - | Можно убрать", "bureaucratese")
>>> entry.phrase, entry.suggestion, entry.note, entry.weight
('в рамках', None, 'Можно убрать', 1.0)
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from gospablik.style.model import LexiconEntry

# The list files shipped with the package, one per lexicon category.
LIST_FILES: dict[str, str] = {
    "bureaucratese": "bureaucratese.txt",
    "cliche": "cliches.txt",
    "intensifier": "intensifiers.txt",
    "vague": "vague.txt",
    "time_parasite": "time_parasites.txt",
    "press_release": "press_release.txt",
}


def read_data(name: str) -> str:
    return files("gospablik.style").joinpath(f"data/{name}").read_text("utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    lines = (line.strip() for line in read_data(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def header_value(name: str, key: str) -> str | None:
    prefix = f"# {key}:"
    for line in read_data(name).splitlines():
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    return None


def parse_line(line: str, category: str) -> LexiconEntry:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 3:
        raise ValueError(f"Нужно минимум три колонки через «|»: {line!r}")
    suggestion = None if parts[1] in ("", "-") else parts[1]
    weight = float(parts[3]) if len(parts) > 3 and parts[3] else 1.0
    return LexiconEntry(parts[0], category, suggestion, parts[2], weight)


@cache
def load_list(name: str) -> tuple[LexiconEntry, ...]:
    category = header_value(name, "category")
    if category is None:
        raise ValueError(f"{name}: в заголовке нет строки «# category: …»")
    return tuple(parse_line(line, category) for line in data_lines(name))


def builtin_entries(category: str) -> tuple[LexiconEntry, ...]:
    return load_list(LIST_FILES[category])


@cache
def word_set(name: str) -> frozenset[str]:
    """A plain word list file (one lowercase word per line) as a set."""
    return frozenset(line.lower() for line in data_lines(name))
