from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "gospablik.policy"
    verbose_name = "Политика (порядок ведения аккаунтов)"
