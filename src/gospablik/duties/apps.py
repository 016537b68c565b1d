from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "gospablik.duties"
    verbose_name = "Обязанности и сроки"

    def ready(self) -> None:
        import gospablik.celery  # noqa: F401  (configures Celery for .delay() calls)
