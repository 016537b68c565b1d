"""Ministry-scoped style API: none beyond the open check endpoint (see gospablik.api.urls)."""

urlpatterns: list[object] = []
