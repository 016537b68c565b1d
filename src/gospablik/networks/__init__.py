"""Connectors to social networks and their emulators.

The connector layer (``base``, ``http``, ``ratelimit``, ``registry``, ``emulation``,
``emulators``, ``shapes``, ``check`` and the per-network packages) is plain Python with no
Django import; see :mod:`gospablik.networks.base` for the contract. The Django side of
the app (account connections, the Callback view) sits beside it and calls it.
"""
