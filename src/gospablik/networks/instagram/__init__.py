"""Instagram professional accounts through the Instagram Graph API (Facebook Login).

``connector.InstagramConnector`` publishes in two steps (container, then media_publish);
its emulator (containers, the publishing quota, comments) is ``gospablik_emulators.instagram``.
"""
