"""Connectors to social networks (their emulators live apart, in ``gospablik_emulators``).

The connector layer (``base``, ``http``, ``ratelimit``, ``registry``, ``check`` and the
per-network packages) is plain Python with no
Django import; see :mod:`gospablik.networks.base` for the contract. The Django side of
the app (account connections, the Callback view) sits beside it and calls it.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gospablik.networks.connections import connector_for

__all__ = ["connector_for"]


def __getattr__(name: str) -> Any:
    """``networks.connector_for(connection)``: THE way to get a connector (Django side,
    loaded on first use so that the connector layer stays importable without Django)."""
    if name == "connector_for":
        from gospablik.networks.connections import connector_for

        return connector_for
    raise AttributeError(name)
