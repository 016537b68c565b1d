"""Per-network text limits, loaded from ``data/networks.yaml``.

>>> limits("vk").max_chars, limits("instagram").max_hashtags
(16384, 30)
>>> limits(None).name
'default'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class NetworkLimits:
    name: str
    label: str
    max_chars: int | None
    max_hashtags: int | None
    advised_links: int
    advised_hashtags: int


@lru_cache(maxsize=1)
def table() -> dict[str, NetworkLimits]:
    raw = yaml.safe_load(files("gospablik.style").joinpath("data/networks.yaml").read_text("utf-8"))
    return {name: NetworkLimits(name=name, **values) for name, values in raw.items()}


def limits(network: str | None) -> NetworkLimits:
    """Limits of a network by name; ``None`` gives the generic advice. Unknown names raise."""
    key = (network or "default").lower()
    if key not in table():
        known = ", ".join(sorted(table()))
        raise ValueError(f"Неизвестная соцсеть «{network}». Известны: {known}")
    return table()[key]
