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


def refresh_posts_status(pks: set[int]) -> dict[int, str]:
    """:func:`refresh_post_status` for many posts: one read, one write per new status."""
    found: dict[int, list[str]] = {pk: [] for pk in pks}
    rows = Publication.objects.filter(post_id__in=pks).values_list("post_id", "status")
    for post_id, status in rows:
        found[post_id].append(status)
    derived = {pk: derive(statuses) for pk, statuses in found.items()}
    for status in set(derived.values()):
        same = [pk for pk, value in derived.items() if value == status]
        Post.objects.filter(pk__in=same).exclude(status=status).update(status=status)
    return derived
