from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gospablik.api"
    verbose_name = "REST API"
