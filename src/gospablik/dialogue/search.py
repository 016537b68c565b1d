"""The inbox's text search: threads whose comment or message contains the words.

Case-insensitive substring, as Django's ``icontains``. Each text table is searched on
its own (an OR across two joined tables can use no index): on PostgreSQL the trigram
indexes of migration 0002 (``UPPER(text) gin_trgm_ops``) answer each subquery, and the
inbox keeps walking its own index newest first; on SQLite it scans.
"""

from __future__ import annotations

from django.db.models import Q

from gospablik.moderation.models import Comment, Message


def matching(query: str) -> Q:
    comments = Comment.objects.filter(text__icontains=query).values("pk")
    messages = Message.objects.filter(text__icontains=query).values("pk")
    return Q(comment_id__in=comments) | Q(message_id__in=messages)
