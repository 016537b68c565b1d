"""A post's status, derived from the statuses of its publications."""

from __future__ import annotations

from collections.abc import Iterable

from gospablik.content.models import Post, Publication

P = Publication.Status
S = Post.Status


def derive(statuses: Iterable[str]) -> str:
    """The post status for its publications' statuses.

    >>> derive(["published", "pending"]), derive(["pending"]), derive(["failed", "published"])
    ('publishing', 'scheduled', 'failed')
    >>> derive(["cancelled", "cancelled"]), derive(["draft"]), derive(["deleted", "cancelled"])
    ('cancelled', 'draft', 'published')
    """
    found = set(statuses)
    if P.ATTEMPTING in found:
        return S.PUBLISHING.value
    if P.FAILED in found:
        return S.FAILED.value
    if P.PENDING in found:
        return (S.PUBLISHING if found & {P.PUBLISHED, P.DELETED} else S.SCHEDULED).value
    if found & {P.PUBLISHED, P.DELETED}:
        return S.PUBLISHED.value
    if found and found <= {P.CANCELLED}:
        return S.CANCELLED.value
    return S.DRAFT.value


def refresh_post_status(post: Post | int) -> str:
    """Recompute and store the status of ``post`` (call inside the changing transaction)."""
    pk = post.pk if isinstance(post, Post) else post
    status = derive(Publication.objects.filter(post_id=pk).values_list("status", flat=True))
    Post.objects.filter(pk=pk).exclude(status=status).update(status=status)
    if isinstance(post, Post):
        post.status = status
    return status
