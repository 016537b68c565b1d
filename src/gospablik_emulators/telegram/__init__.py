"""Telegram Bot API emulator: a channel, its discussion group, webhooks and getUpdates.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
