from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "gospablik.networks"
    label = "networks"
    verbose_name = "Соцсети: подключения"
