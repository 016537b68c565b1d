from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "gospablik.security"
    verbose_name = "Безопасность"

    def ready(self) -> None:
        from gospablik.networks.inbound import subscribe
        from gospablik.security import receivers, standing, totpseal
        from gospablik.security.snapshots import on_network_event

        receivers.connect()
        standing.connect()
        totpseal.install()
        for kind in ("admins_changed", "settings_changed", "photo_changed"):
            subscribe(kind, on_network_event)
