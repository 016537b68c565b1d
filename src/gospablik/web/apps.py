from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "gospablik.web"
    verbose_name = "Веб-интерфейс"
