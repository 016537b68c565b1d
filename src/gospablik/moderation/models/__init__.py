"""Models of the moderation module (Django side; the classifier core is plain Python)."""

from gospablik.moderation.models.comments import (
    AUTO,
    ArchivedItem,
    Classification,
    Comment,
)
from gospablik.moderation.models.daily import (
    ModerationCategoryDay,
    ModerationDay,
    ModerationReviewDay,
)
from gospablik.moderation.models.messages import Message
from gospablik.moderation.models.rules import UnlawfulRule
from gospablik.moderation.models.sanctions import Offender, Sanction

__all__ = [
    "AUTO",
    "ArchivedItem",
    "Classification",
    "Comment",
    "Message",
    "ModerationCategoryDay",
    "ModerationDay",
    "ModerationReviewDay",
    "Offender",
    "Sanction",
    "UnlawfulRule",
]
