"""MAX (VK's national messenger): a channel through the MAX Bot API.

``connector.MaxConnector`` talks to MAX (host configurable, see docs/connectors.md);
its emulator and recorded payloads are in ``gospablik_emulators.max``.
"""
