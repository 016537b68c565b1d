from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "gospablik.analytics"
    verbose_name = "Аналитика"
