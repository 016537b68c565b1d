"""Instagram professional accounts through the Instagram Graph API (Facebook Login).

``connector.InstagramConnector`` publishes in two steps (container, then media_publish);
``emulator.make_app()`` emulates containers, the publishing quota and comments.
"""
