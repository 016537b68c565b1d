"""Attaching media to a post: checked files, alt texts (each change audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gospablik.audit.log import record, snapshot
from gospablik.content.editing import editable, lock_post
from gospablik.content.media import MediaError, inspect_media
from gospablik.content.models import Post, PostMedia

NOT_EDITABLE = "Публикацию уже не изменить: она вышла или публикуется"


@transaction.atomic
def do_attach_media(post: Post, name: str, content: bytes, *, alt: str, actor: Any) -> PostMedia:
    post = lock_post(post)
    if not editable(post):
        raise ValidationError(NOT_EDITABLE)
    try:
        info = inspect_media(name, content)
    except MediaError as error:
        raise ValidationError(str(error)) from error
    media = PostMedia(
        post=post,
        original_name=name[:255],
        kind=info.kind,
        mime=info.mime,
        size=info.size,
        width=info.width,
        height=info.height,
        alt=alt.strip(),
        position=post.media.count(),
    )
    media.file.save(
        f"{post.pk}-{media.position}{_suffix(info.mime)}", ContentFile(content), save=False
    )
    media.save()
    record(
        "content.media.attach",
        actor=actor,
        obj=media,
        ministry=post.ministry,
        after=snapshot(media),
    )
    return media


def _suffix(mime: str) -> str:
    return {
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "image/webp": ".webp",
        "image/gif": ".gif",
        "video/mp4": ".mp4",
    }.get(mime, "")


@transaction.atomic
def do_update_media(media: PostMedia, *, alt: str, actor: Any) -> PostMedia:
    if not editable(media.post):
        raise ValidationError(NOT_EDITABLE)
    before = snapshot(media)
    media.alt = alt.strip()
    media.save(update_fields=["alt"])
    record(
        "content.media.update",
        actor=actor,
        obj=media,
        ministry=media.post.ministry,
        before=before,
        after=snapshot(media),
    )
    return media


@transaction.atomic
def do_remove_media(media: PostMedia, *, actor: Any) -> None:
    if not editable(media.post):
        raise ValidationError(NOT_EDITABLE)
    record(
        "content.media.remove",
        actor=actor,
        obj=media,
        ministry=media.post.ministry,
        before=snapshot(media),
    )
    media.file.delete(save=False)
    media.delete()
