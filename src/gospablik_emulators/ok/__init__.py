"""Odnoklassniki API emulator: the signed REST API, the group Bot API (Graph), uploads.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
