"""MAX Bot API emulator: a channel, its comments, webhooks and long polling.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
