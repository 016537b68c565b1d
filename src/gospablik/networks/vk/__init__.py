"""VKontakte: connector, Callback/Long Poll helpers and the API emulator."""
