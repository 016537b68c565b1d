from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "gospablik.approvals"
    verbose_name = "Согласование с ЦУР"
