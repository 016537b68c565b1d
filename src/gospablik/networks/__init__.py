"""Connectors to social networks (their emulators live apart, in ``gospablik_emulators``).

The connector layer (``base``, ``http``, ``ratelimit``, ``registry``, ``check`` and the
per-network packages) is plain Python with no
Django import; see :mod:`gospablik.networks.base` for the contract. The Django side of
the app (account connections, the Callback view) sits beside it and calls it.
"""
