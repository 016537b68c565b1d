from typing import Any

from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "gospablik.policy"
    verbose_name = "Политика (порядок ведения аккаунтов)"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gospablik.policy.models import PolicyVersion
        from gospablik.policy.store import forget

        def stored(sender: Any, instance: PolicyVersion, **kwargs: Any) -> None:
            forget(instance.ministry_id)

        for signal in (post_save, post_delete):
            signal.connect(stored, sender=PolicyVersion, dispatch_uid="policy-forget", weak=False)
