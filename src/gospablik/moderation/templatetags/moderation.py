"""Names of classifier categories, actions and deciders for the moderation pages."""

from __future__ import annotations

from django import template

from gospablik.moderation.labels import action_label, categories_label, decider_label

register = template.Library()
register.filter("action_ru", action_label)
register.filter("categories_ru", categories_label)
register.filter("decider", decider_label)
