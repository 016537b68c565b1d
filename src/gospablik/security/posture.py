"""The security posture of one account: findings, what to fix, a grade A–D (plain Python).

D — a critical problem (a stranger among the admins, an expired key, no second factor on
the owner's login); C — a major one; B — only minor gaps in the records; A — nothing to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from gospablik.security.changes import AdminSeen, level, role_ru

GRADES = {"critical": "D", "major": "C", "minor": "B"}
# Rights a key needs for gospablik's work; anything more is a gift to an intruder.
NEEDED_SCOPES: dict[tuple[str, str], frozenset[str]] = {
    ("vk", "user_token"): frozenset({"wall", "groups", "photos", "video", "stats", "offline"}),
}


@dataclass(frozen=True)
class Finding:
    severity: str  # critical | major | minor
    text: str  # what to fix, in the user's language


@dataclass(frozen=True)
class KeyState:
    label: str
    scope: str
    expires_on: date | None
    rotated_on: date
    needed: frozenset[str] | None = None
    is_token: bool = True  # an access token has rights and may expire; a shared secret not


@dataclass(frozen=True)
class Facts:
    connected: bool
    owner_2fa: bool | None
    owner_login_holder: str
    admins: tuple[AdminSeen, ...] | None  # None: not read yet or the network does not tell
    allowed: Mapping[str, str]
    keys: tuple[KeyState, ...]
    today: date
    rotation_days: int
    reminder_days: int
    unsigned_push: bool = False
    read_error: str = ""


def owner_findings(facts: Facts) -> list[Finding]:
    found = []
    if facts.owner_2fa is None:
        found.append(Finding("major", _("Отметьте, включён ли второй фактор на входе владельца")))
    elif not facts.owner_2fa:
        found.append(Finding("critical", _("Включите второй фактор на входе владельца аккаунта")))
    if not facts.owner_login_holder.strip():
        found.append(Finding("major", _("Запишите, у кого логин и пароль владельца аккаунта")))
    return found


def admin_findings(facts: Facts) -> list[Finding]:
    """Administrators in the network compared with the allowed list.

    >>> f = Facts(True, True, "КОМИАЦ", (AdminSeen("7", "Некто", "administrator"),), {}, (),
    ...           date(2025, 1, 1), 90, 14)
    >>> [x.text for x in admin_findings(f)]
    ['Уберите из администраторов «Некто» (ID 7) или внесите в список разрешённых']
    """
    if not facts.connected:
        return []
    if facts.admins is None:
        return [Finding("minor", _("Список администраторов в соцсети ещё не прочитан"))]
    found = []
    for admin in facts.admins:
        permitted = facts.allowed.get(admin.user_id)
        if permitted is None:
            text = _(
                "Уберите из администраторов «%(name)s» (ID %(id)s) или внесите в список разрешённых"
            ) % {"name": admin.name, "id": admin.user_id}
            found.append(Finding("critical", text))
        elif level(admin.role) > level(permitted):
            text = _("Понизьте права «%(name)s» до «%(allowed)s» (сейчас «%(now)s»)") % {
                "name": admin.name,
                "allowed": _(role_ru(permitted)),
                "now": _(role_ru(admin.role)),
            }
            found.append(Finding("critical", text))
    return found


def scopes(text: str) -> set[str]:
    """Rights listed in free text.

    >>> sorted(scopes("wall, groups photos;offline"))
    ['groups', 'offline', 'photos', 'wall']
    """
    return {s for s in re.split(r"[\s,;]+", text.lower()) if s}


def key_findings(key: KeyState, facts: Facts) -> list[Finding]:
    found = []
    name = f"«{key.label}»"
    if key.expires_on is None and key.is_token:
        found.append(Finding("minor", _("Запишите срок действия ключа %(key)s") % {"key": name}))
    elif key.expires_on is not None and key.expires_on < facts.today:
        expired = {"key": name, "date": f"{key.expires_on:%d.%m.%Y}"}
        found.append(Finding("critical", _("Замените ключ %(key)s: истёк %(date)s") % expired))
    elif key.expires_on is not None and key.expires_on <= facts.today + timedelta(
        days=facts.reminder_days
    ):
        expires = {"key": name, "date": f"{key.expires_on:%d.%m.%Y}"}
        found.append(Finding("major", _("Замените ключ %(key)s: истекает %(date)s") % expires))
    age = (facts.today - key.rotated_on).days
    if age > facts.rotation_days:
        text = _("Смените ключ %(key)s: не менялся %(age)s дн. (порядок: раз в %(days)s дн.)") % {
            "key": name,
            "age": age,
            "days": facts.rotation_days,
        }
        found.append(Finding("major", text))
    if not key.scope.strip() and key.is_token:
        found.append(Finding("minor", _("Запишите права (scope) ключа %(key)s") % {"key": name}))
    elif key.needed is not None and scopes(key.scope) - key.needed:
        extra = ", ".join(sorted(scopes(key.scope) - key.needed))
        found.append(
            Finding(
                "minor",
                _("Уберите лишние права ключа %(key)s: %(extra)s") % {"key": name, "extra": extra},
            )
        )
    return found


def connection_findings(facts: Facts) -> list[Finding]:
    if not facts.connected:
        return [
            Finding("major", _("Подключите аккаунт: без подключения изменения в соцсети не видны"))
        ]
    found = []
    if facts.read_error:
        found.append(
            Finding(
                "major", _("Не удаётся прочитать аккаунт: %(error)s") % {"error": facts.read_error}
            )
        )
    if facts.unsigned_push:
        found.append(
            Finding("minor", _("Задайте секрет Callback API: иначе события не принимаются"))
        )
    return found


def findings(facts: Facts) -> list[Finding]:
    """Everything to fix, the most severe first."""
    found = owner_findings(facts) + admin_findings(facts) + connection_findings(facts)
    for key in facts.keys:
        found += key_findings(key, facts)
    order = {"critical": 0, "major": 1, "minor": 2}
    return sorted(found, key=lambda f: order[f.severity])


def grade(found: list[Finding]) -> str:
    """The worst finding decides.

    >>> minor, critical = Finding("minor", ""), Finding("critical", "")
    >>> grade([]), grade([minor]), grade([minor, critical])
    ('A', 'B', 'D')
    """
    for severity in ("critical", "major", "minor"):
        if any(f.severity == severity for f in found):
            return GRADES[severity]
    return "A"


def fresh_until(facts: Facts) -> date:
    """The last day on which time alone leaves the findings as they are: a key reaches its
    reminder or expiry day, or its age passes the rotation period (the text counts days).

    >>> key = KeyState("k", "wall", date(2025, 1, 20), date(2025, 1, 1))
    >>> f = Facts(True, True, "КОМИАЦ", (), {}, (key,), date(2025, 1, 2), 90, 14)
    >>> fresh_until(f)
    datetime.date(2025, 1, 5)
    >>> fresh_until(Facts(True, True, "КОМИАЦ", (), {}, (), date(2025, 1, 2), 90, 14))
    datetime.date(9999, 12, 31)
    """
    day = timedelta(days=1)
    changes = []  # the first days on which a finding appears or changes
    for key in facts.keys:
        overdue = key.rotated_on + timedelta(days=facts.rotation_days) + day
        if overdue <= facts.today:
            return facts.today  # "не менялся N дн." changes every day
        changes.append(overdue)
        if key.expires_on is not None:
            changes += [key.expires_on - timedelta(days=facts.reminder_days), key.expires_on + day]
    later = [change for change in changes if change > facts.today]
    return min(later) - day if later else date.max
