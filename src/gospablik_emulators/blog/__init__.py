"""LiveJournal emulator: the XML-RPC protocol with challenge-response auth, and feeds.

``emulator.make_app()`` builds the WSGI app; ``fixtures/`` keeps real payload shapes.
"""
