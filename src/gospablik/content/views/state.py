"""The post's publication state as JSON, for the post page to follow without a reload
(after «Опубликовать сейчас» the queue publishes within seconds)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format

from gospablik.content.models import Post, Publication
from gospablik.content.templatetags.content_tags import badge
from gospablik.content.views.common import get_post
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view

# while the post or one of its publications is in one of these, the page keeps asking
MOVING = frozenset({Post.Status.SCHEDULED, Post.Status.PUBLISHING}) | frozenset(
    {Publication.Status.PENDING, Publication.Status.ATTEMPTING}
)


@ministry_view()  # the post page's own door
def post_state(request: HttpRequest, ministry: Ministry, pk: int) -> JsonResponse:
    post = get_post(ministry, pk)
    publications = [_publication(p) for p in post.publications.select_related("account")]
    moving = post.status in MOVING or any(p["status"] in MOVING for p in publications)
    return JsonResponse(
        {
            "status": post.status,
            "label": post.get_status_display(),
            "badge": badge(post.status),
            "moving": moving,
            "publications": publications,
        }
    )


def _publication(pub: Publication) -> dict[str, Any]:
    published = timezone.localtime(pub.published_at) if pub.published_at else None
    return {
        "id": pub.pk,
        "status": pub.status,
        "label": pub.get_status_display(),
        "badge": badge(pub.status),
        "url": pub.network_url or "",
        "published_at": date_format(published, "d.m.Y H:i") if published else "",
        "error": pub.last_error or "",
    }
