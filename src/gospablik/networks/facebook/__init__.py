"""Facebook Pages through the Graph API (version configurable, default v21.0).

``connector.FacebookConnector``; ``graph`` holds the Graph wire helpers (URL, auth, error
mapping) that the Instagram package reuses. Emulator: ``gospablik_emulators.facebook``.
"""
