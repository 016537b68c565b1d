"""One private-answer kind: moderation's ``moderation.answer`` operations become
``dialogue.private_answer`` ones, and the dialogue's earlier ``{peer_id, text}`` payloads
name their message and answer (the one outcome handler settles both).

Search: trigram indexes (pg_trgm) on the texts of moderation's comments and messages, the
expression the inbox's case-insensitive search compares (``UPPER(text)``). PostgreSQL
only: on SQLite the extension and the indexes are skipped and search scans.
"""

from django.contrib.postgres.operations import TrigramExtension
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


TRIGRAM_INDEXES = {
    "dialogue_comment_text_trgm": "moderation_comment",
    "dialogue_message_text_trgm": "moderation_message",
}


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER(text) gin_trgm_ops)"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_dialogue_threads"),
        ("networks", "0003_outbound_operation"),
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        TrigramExtension(),
        migrations.RunPython(add_search_indexes, drop_search_indexes),
    ]
