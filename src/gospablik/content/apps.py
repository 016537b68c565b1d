from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "gospablik.content"
    verbose_name = "Контент"
