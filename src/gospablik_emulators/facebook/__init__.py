"""Facebook Pages Graph API emulator, and the Graph plumbing the Instagram one reuses.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
