"""In-process emulators of the social networks gospablik talks to (tests, demo, outside checks).

Not part of the product: nothing under ``gospablik/`` imports this package, except the
``gospablik emulator`` CLI dispatch and the demo's network loader. Each ``<net>/emulator.py``
serves the network's public API as a WSGI app; ``emulation`` is the kit they share
(fault injection, push delivery, the in-process httpx transport); ``server`` runs one on
a port (``gospablik emulator NET --port N``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .emulation import WSGIApp

# Each value names a zero-argument factory returning a fresh emulator WSGI app whose
# state and fault switches are reachable as attributes (``app.state``, ``app.faults``).
EMULATOR_PATHS: dict[str, str] = {
    "vk": "gospablik_emulators.vk.emulator:make_app",
    "ok": "gospablik_emulators.ok.emulator:make_app",
    "telegram": "gospablik_emulators.telegram.emulator:make_app",
    "max": "gospablik_emulators.max.emulator:make_app",
    "facebook": "gospablik_emulators.facebook.emulator:make_app",
    "instagram": "gospablik_emulators.instagram.emulator:make_app",
    "blog": "gospablik_emulators.blog.emulator:make_app",
}


def _load(path: str) -> Any:
    module_name, attr = path.split(":")
    return getattr(importlib.import_module(module_name), attr)


class _LazyMap(Mapping[str, Any]):
    def __init__(self, paths: Mapping[str, str]) -> None:
        self._paths = paths

    def __getitem__(self, network: str) -> Any:
        return _load(self._paths[network])

    def __iter__(self) -> Any:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


EMULATORS: Mapping[str, Callable[..., WSGIApp]] = _LazyMap(EMULATOR_PATHS)


def get_emulator_factory(network: str) -> Callable[..., WSGIApp]:
    """``make_app(seed: dict | None = None)`` of ``network``'s emulator.

    >>> get_emulator_factory("vk").__module__
    'gospablik_emulators.vk.emulator'
    """
    try:
        path = EMULATOR_PATHS[network]
    except KeyError:
        raise LookupError(f"no emulator of «{network}»") from None
    factory: Callable[..., WSGIApp] = _load(path)
    return factory
