from django.db import migrations
from django.utils import timezone


def queue_unfinished(apps, schema_editor):
    """Archived comments whose network deletion has not finished get their operation."""
    ArchivedItem = apps.get_model("moderation", "ArchivedItem")
    Connection = apps.get_model("networks", "Connection")
    Operation = apps.get_model("networks", "Operation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="moderation", model="archiveditem")
    connections = dict(Connection.objects.values_list("account_id", "pk"))
    unfinished = ArchivedItem.objects.filter(network_done_at=None, network_failed_at=None)
    for archive in unfinished.iterator():
        if archive.account_id not in connections:
            continue
        Operation.objects.get_or_create(
            connection_id=connections[archive.account_id],
            kind="moderation.delete_comment",
            key=f"archive:{archive.pk}",
            defaults={
                "payload": {"archive": archive.pk},
                "next_try_at": archive.network_next_try_at or timezone.now(),
                "needs_check": archive.network_attempts > 0,
                "attempts": archive.network_attempts,
                "subject_type": kind,
                "subject_id": str(archive.pk),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("networks", "0003_outbound_operation"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(queue_unfinished, migrations.RunPython.noop)]
