"""Odnoklassniki: connector and the API emulator."""
