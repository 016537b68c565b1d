"""Facebook Pages through the Graph API (version configurable, default v21.0).

``connector.FacebookConnector``; ``emulator.make_app()``; ``graph`` holds the Graph wire
helpers (error envelope and mapping) that the Instagram package reuses.
"""
