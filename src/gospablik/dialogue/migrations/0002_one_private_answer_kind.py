"""One private-answer kind: moderation's ``moderation.answer`` operations become
``dialogue.private_answer`` ones, and the dialogue's earlier ``{peer_id, text}`` payloads
name their message and answer (the one outcome handler settles both)."""

from django.db import migrations

REMOVED = "moderation.answer"
KIND = "dialogue.private_answer"


def forwards(apps, schema_editor):
    Operation = apps.get_model("networks", "Operation")
    Answer = apps.get_model("dialogue", "Answer")
    for op in Operation.objects.filter(kind=REMOVED):
        op.kind = KIND
        op.payload = {**op.payload, "answer": None, "inbox": True}
        op.save(update_fields=["kind", "payload"])
    for op in Operation.objects.filter(kind=KIND).exclude(payload__has_key="message"):
        answer = Answer.objects.select_related("thread").filter(operation_key=op.key).first()
        if answer is None or answer.thread.message_id is None:
            continue
        op.payload = {
            "message": answer.thread.message_id,
            "answer": answer.pk,
            "actor": answer.author_id,
        }
        op.save(update_fields=["payload"])


def backwards(apps, schema_editor):
    Operation = apps.get_model("networks", "Operation")
    for op in Operation.objects.filter(kind=KIND, payload__inbox=True):
        op.kind = REMOVED
        op.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_dialogue_threads"),
        ("networks", "0003_outbound_operation"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
