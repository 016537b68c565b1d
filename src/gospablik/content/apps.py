from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "gospablik.content"
    verbose_name = "Контент"

    def ready(self) -> None:
        from gospablik.content import compliance_days

        compliance_days.connect()
