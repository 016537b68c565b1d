from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gospablik.audit"
    verbose_name = "Журнал аудита"
