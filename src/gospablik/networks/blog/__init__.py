"""The blog target: LiveJournal through its XML-RPC protocol, plus RSS/Atom feed reading.

``connector.BlogConnector`` publishes, deletes and reads entries with challenge-response
auth; its emulator (the protocol and the public feeds) is ``gospablik_emulators.blog``.
"""
