"""Instagram Graph API emulator: containers, the publishing quota and comments.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
