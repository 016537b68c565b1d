"""Moderation's comments and messages open dialogue threads once they are committed.

The dialogue's work runs after moderation's transaction (the Callback's hot path stays
as short as it is); should a process die in between, :func:`.tasks.open_missing`
opens the threads it left out.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from gospablik.dialogue.threads import on_source_saved
from gospablik.moderation.models import Comment, Message


@receiver(post_save, sender=Comment, dispatch_uid="dialogue-comment")
@receiver(post_save, sender=Message, dispatch_uid="dialogue-message")
def _source_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    transaction.on_commit(partial(on_source_saved, instance, created))
