from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportConfig(AppConfig):
    name = "gospablik.passport"
    verbose_name = _("Паспорт страницы")
