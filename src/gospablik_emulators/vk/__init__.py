"""VKontakte API emulator: methods, Callback API, Bots Long Poll, uploads, faults.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
