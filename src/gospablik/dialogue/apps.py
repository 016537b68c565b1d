from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "gospablik.dialogue"
    verbose_name = "Диалоги"

    def ready(self) -> None:
        from gospablik.dialogue import delivery, receivers  # noqa: F401  (registrations)
