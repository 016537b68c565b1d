from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language

from gospablik.audit.models import AuditEntry
from gospablik.web.decorators import may_open

register = template.Library()


@register.filter
def diff(entry: AuditEntry) -> list[tuple[str, tuple[Any, Any]]]:
    """Changed fields of an audit entry as (field, (before, after)) pairs."""
    before, after = entry.before or {}, entry.after or {}
    keys = sorted(set(before) | set(after))
    return [(k, (before.get(k), after.get(k))) for k in keys if before.get(k) != after.get(k)]


@register.simple_tag(takes_context=True)
def nav_link(context: Any, name: str, label: str) -> str:
    """A menu link to a module's page, or nothing when the module has no such page or
    the page's own door would not let the user in."""
    ministry = context.get("nav_ministry")
    try:
        url = reverse(name, kwargs={"ministry": ministry.key}) if ministry else reverse(name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not may_open(user, ministry, url):
        return ""
    path = getattr(request, "path", "")
    # the board is the ministry's root: every page starts with its URL
    active = " active" if path == url or (path.startswith(url) and name != "web:board") else ""
    return format_html('<a class="nav{}" href="{}">{}</a>', active, url, label)


@register.filter
def person(user: Any) -> str:
    """A person's full name, else the login, else "—" (the relation may be empty).

    A lookup like ``x.user.get_full_name|default:x.user.get_username`` raises when
    ``x.user`` is None (a filter argument is not silenced): use ``x.user|person``.
    """
    if user is None:
        return "—"
    return str(user.get_full_name() or user.get_username())


@register.filter
def action_phrase(action: str) -> str:
    """«Аккаунт зарегистрирован», never the action code."""
    from gospablik.audit.phrases import phrase

    return phrase(action)


@register.simple_tag
def human_changes(entry: AuditEntry, tz: Any = None) -> list[tuple[str, str, str]]:
    """Labelled, named, local changes of an audit entry (see gospablik.audit.present)."""
    from zoneinfo import ZoneInfo

    from gospablik.audit.present import changes

    return changes(entry, tz or ZoneInfo("UTC"))


@register.filter
def cite(clause: str, ministry: Any) -> str:
    """A clause code of the policy («000 п.2 абз.4») as the ministry writes it."""
    from gospablik.policy.citation import cite as human
    from gospablik.policy.store import NoPolicy, policy_for

    if not clause or ministry is None:
        return clause
    try:
        english = not get_language().startswith("ru")
        return human(clause, policy_for(ministry), english=english)
    except NoPolicy:
        return clause


@register.filter
def period(text: str) -> str:
    """A duty's stored period («3 рабочих дня») in the page's language."""
    from gospablik.calendar.deadlines import Period

    parsed = Period.from_ru(text or "")
    return parsed.describe() if parsed is not None else text


@register.filter
def num(value: Any, places: int | None = None) -> str:
    """A number with the page language's separators («12 345,6»); anything else as is."""
    from gospablik.numbers import number

    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "—" if value is None else str(value)
    return number(value, places)
