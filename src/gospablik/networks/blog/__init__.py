"""The blog target: LiveJournal through its XML-RPC protocol, plus RSS/Atom feed reading.

``connector.BlogConnector`` publishes, deletes and reads entries with challenge-response
auth; ``emulator.make_app()`` emulates the protocol and the public feeds.
"""
