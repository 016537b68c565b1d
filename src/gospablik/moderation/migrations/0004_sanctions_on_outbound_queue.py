"""Sanctions whose network step was still waiting at upgrade time (the older per-row
fields ``network_next_try_at`` / ``network_attempts``, ``network_done_at`` empty) get
their operations on the outbound queue, as :func:`gospablik.moderation.bans.queue_sanction`
gives a new one: a ban per connected account whose network bans (due when the old retry
was, read back first if an attempt was made), the note of a network that cannot ban, and
a warning (no network call) finished. Hides and deletions waited nowhere else: hiding
was attempted at once, and deletions moved in 0002."""

from django.db import migrations
from django.utils import timezone

BAN = "moderation.ban"
WARNING_NOTE = "Предупреждение записано в чёрный список; соцсеть не сообщает его автору."


def queue_waiting_sanctions(apps, schema_editor):
    from gospablik.moderation.bans import _without_ban
    from gospablik.networks.base import Capability
    from gospablik.networks.connections import capabilities_of

    Sanction = apps.get_model("moderation", "Sanction")
    Account = apps.get_model("registry", "Account")
    Connection = apps.get_model("networks", "Connection")
    Operation = apps.get_model("networks", "Operation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="moderation", model="sanction")
    now = timezone.now()
    waiting = Sanction.objects.filter(network_done_at=None).select_related("offender", "comment")
    for sanction in waiting.iterator():
        if sanction.action != "ban":
            Sanction.objects.filter(pk=sanction.pk).update(
                network_done_at=now, network_next_try_at=None, network_note=WARNING_NOTE
            )
            continue
        offender = sanction.offender
        accounts = Account.objects.filter(
            ministry_id=offender.ministry_id, network=offender.network, connection__isnull=False
        ).exclude(status="deleted")
        caps, queued = capabilities_of(offender.network), False
        for account in accounts.order_by("pk"):
            if str(account.pk) in sanction.applied:
                continue
            if Capability.BAN_USER not in caps:
                sanction.applied[str(account.pk)] = _without_ban(account, sanction, caps)
                continue
            queued = True
            Operation.objects.get_or_create(
                connection=Connection.objects.get(account_id=account.pk),
                kind=BAN,
                key=f"sanction:{sanction.pk}",
                defaults={
                    "payload": {"sanction": sanction.pk, "account": account.pk},
                    "next_try_at": sanction.network_next_try_at or now,
                    "needs_check": sanction.network_attempts > 0,
                    "attempts": sanction.network_attempts,
                    "subject_type": kind,
                    "subject_id": str(sanction.pk),
                },
            )
        done = {} if queued else {"network_done_at": now, "network_next_try_at": None,
                                  "network_note": _summary(sanction.applied)}  # fmt: skip
        Sanction.objects.filter(pk=sanction.pk).update(applied=sanction.applied, **done)


def _summary(applied):
    if not applied:
        return "Нет подключённых аккаунтов в этой соцсети: санкция только записана."
    return "; ".join(f"аккаунт {pk}: {v['note']}" for pk, v in sorted(applied.items()))


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_merge_outbound_scale"),
        ("networks", "0003_outbound_operation"),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(queue_waiting_sanctions, migrations.RunPython.noop)]
