from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gospablik.orgs"
    verbose_name = "Организации и роли"
