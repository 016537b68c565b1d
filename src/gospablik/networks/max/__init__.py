"""MAX (VK's national messenger): a channel through the MAX Bot API.

``connector.MaxConnector`` talks to MAX (host configurable, see docs/connectors.md);
``emulator.make_app()`` is a stateful Bot API emulator; ``fixtures/`` keeps real payloads.
"""
