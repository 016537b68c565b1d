"""Odnoklassniki: connector (emulator: ``gospablik_emulators.ok``)."""
