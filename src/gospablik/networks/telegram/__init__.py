"""Telegram: a channel and its linked discussion group through the Bot API.

``connector.TelegramConnector`` talks to Telegram; ``emulator.make_app()`` is a stateful
Bot API emulator for tests and the demo; ``fixtures/`` keeps real payload shapes.
"""
