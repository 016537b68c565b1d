from django.apps import AppConfig


class StyleguideConfig(AppConfig):
    name = "gospablik.styleguide"
    verbose_name = "Стиль публикаций"
