"""The network side of one publication attempt: build the draft, read back a post an
earlier attempt may have made (the queue's check-before-retry, see :mod:`.outbound`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from gospablik.content.models import Post, PostMedia, Publication
from gospablik.networks.base import (
    BaseConnector,
    Capability,
    MediaFile,
    Poll,
    PostDraft,
    PublishedPost,
)

CHECK_MARGIN = timedelta(minutes=10)  # clock skew between us and the network
SCAN_LIMIT = 1000  # wall posts read back when looking for a lost one
_WALL = re.compile(r"wall-?\d+_\d+")


def media_file(media: PostMedia) -> MediaFile:
    with media.file.open("rb") as handle:
        content = handle.read()
    return MediaFile(media.original_name, content, media.mime, media.alt)


def build_draft(pub: Publication, capabilities: frozenset[Capability]) -> PostDraft:
    """What goes to the network; an MP4 animation goes as a video where the network has no
    animations."""
    post: Post = pub.post
    media = list(post.media.all())
    photos = [media_file(m) for m in media if m.kind == "image"]
    moving = next((m for m in media if m.kind in ("gif", "video")), None)
    as_animation = moving is not None and (
        moving.kind == "gif"
        or (post.format == "animation" and Capability.PUBLISH_ANIMATION in capabilities)
    )
    video = media_file(moving) if moving is not None and not as_animation else None
    animation = media_file(moving) if moving is not None and as_animation else None
    return PostDraft(
        text=pub.text,
        idempotency_key=str(pub.idempotency_key),
        photos=photos,
        video=video,
        animation=animation,
        link=pub.link or None,
        poll=_poll(post),
    )


def _poll(post: Post) -> Poll | None:
    if not post.poll:
        return None
    return Poll(
        str(post.poll.get("question", "")),
        [str(a) for a in post.poll["answers"]],
        anonymous=bool(post.poll.get("anonymous", True)),
        multiple=bool(post.poll.get("multiple", False)),
    )


def find_existing(
    connector: BaseConnector, pub: Publication, first_attempt: datetime
) -> PublishedPost | None:
    """Did an earlier attempt already make this post? (Never claims another one's post.)"""
    since = first_attempt - CHECK_MARGIN
    if pub.kind == Publication.Kind.REPOST:
        return _scan_wall(connector, pub, since, repost=True)
    found = connector.find_published(str(pub.idempotency_key), since, text=pub.text)
    if found is None or owned_elsewhere(pub, found.post_id):
        # find_published looks at the newest ~100 posts: read deeper, back to ``since``
        return _scan_wall(connector, pub, since, repost=False)
    return found


def owned_elsewhere(pub: Publication, post_id: str) -> bool:
    others = Publication.objects.filter(account_id=pub.account_id, network_post_id=post_id)
    return others.exclude(pk=pub.pk).exists()


def _scan_wall(
    connector: BaseConnector, pub: Publication, since: datetime, *, repost: bool
) -> PublishedPost | None:
    if Capability.READ_WALL not in type(connector).capabilities:
        return None
    for item in connector.read_wall(since=since, limit=SCAN_LIMIT):
        same = (
            same_source(item.source or "", pub.post.repost_source)
            if repost
            else (item.text.strip() == pub.text.strip())
        )
        if same and item.is_repost == repost and not owned_elsewhere(pub, item.post_id):
            return PublishedPost(item.post_id, item.url, item.date)
    return None


def same_source(found: str, wanted: str) -> bool:
    """Whether two references name the same post.

    >>> same_source("wall-12_34", "https://vk.com/gov?w=wall-12_34")
    True
    >>> same_source("wall-12_35", "wall-12_34")
    False
    """
    a, b = _WALL.search(found), _WALL.search(wanted)
    if a and b:
        return a.group(0) == b.group(0)
    return bool(found) and found.strip() == wanted.strip()
