"""Moderation's comments and messages open dialogue threads when they are saved."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from gospablik.dialogue.threads import on_source_saved
from gospablik.moderation.models import Comment, Message


@receiver(post_save, sender=Comment, dispatch_uid="dialogue-comment")
@receiver(post_save, sender=Message, dispatch_uid="dialogue-message")
def _source_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    on_source_saved(instance, created)
