"""VKontakte: connector and Callback/Long Poll helpers (emulator: ``gospablik_emulators.vk``)."""
