"""Whether a post may still change, and its row lock."""

from __future__ import annotations

from gospablik.content.models import Post, Publication

P = Publication.Status
LOCKED = (P.ATTEMPTING, P.PUBLISHED, P.DELETED)


def editable(post: Post) -> bool:
    """A post can change while nothing of it went out and no attempt may have applied."""
    if post.status == Post.Status.CANCELLED:
        return False
    pubs = post.publications.all()
    return not any(p.status in LOCKED or p.needs_check for p in pubs)


def lock_post(post: Post) -> Post:
    return Post.objects.select_for_update().get(pk=post.pk)
