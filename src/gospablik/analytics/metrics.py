"""The figures analytics keeps, with their labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Per account per day; "followers" is the count at the end of the day, the rest are sums.
METRICS: tuple[str, ...] = ("followers", "posts", "views", "reach", "likes", "reposts", "comments")
# Per post.
POST_METRICS: tuple[str, ...] = ("views", "reach", "likes", "reposts", "comments")

METRIC_LABELS = {
    "followers": _("Подписчики"),
    "posts": _("Публикации"),
    "views": _("Просмотры"),
    "reach": _("Охват"),
    "likes": _("Отметки «Нравится»"),
    "reposts": _("Репосты"),
    "comments": _("Комментарии"),
}
