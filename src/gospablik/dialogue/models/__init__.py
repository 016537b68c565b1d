"""Threads over moderation's comments and messages, answers, templates and notes."""

from gospablik.dialogue.models.answers import Answer
from gospablik.dialogue.models.threads import Reclassification, Thread
from gospablik.dialogue.models.writing import Note, Template

__all__ = ["Answer", "Note", "Reclassification", "Template", "Thread"]
