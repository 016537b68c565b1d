from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "gospablik.registry"
    verbose_name = "Реестр аккаунтов"
