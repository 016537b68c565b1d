from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "gospablik.moderation"
    verbose_name = "Модерация"

    def ready(self) -> None:
        from gospablik.moderation.intake import KINDS, on_event
        from gospablik.networks.inbound import subscribe

        for kind in KINDS:
            subscribe(kind, on_event)
