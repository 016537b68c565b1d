"""Telegram: a channel and its linked discussion group through the Bot API.

``connector.TelegramConnector`` talks to Telegram; its emulator and the recorded payload
shapes are in ``gospablik_emulators.telegram``.
"""
