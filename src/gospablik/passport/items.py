"""The items of a page passport and how each is read from a network profile.

>>> from gospablik.networks.base import Profile
>>> page = Profile("1", "Минздрав Кузбасса", "kuzdrav", "Тел. 8 (3842) 36-42-00, "
...     "ул. Красная, 9, пн–пт 9:00–18:00", "https://a/1.jpg", None, 10, None)
>>> check_item("contacts", page, "Министерство здравоохранения Кузбасса", "Минздрав Кузбасса")
(True, '')
>>> check_item("cover", page, "", "")
(False, '')
>>> check_item("gov_mark", page, "", "")
(None, '')
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from gospablik.networks.base import Profile

LABELS = {
    "name_matches": _("Название совпадает с официальным"),
    "description": _("Описание"),
    "contacts": _("Телефон, адрес и часы работы"),
    "avatar": _("Аватар"),
    "cover": _("Обложка"),
    "widgets": _("Приложения и виджеты"),
    "live_cover": _("Динамическая обложка"),
    "gov_mark": _("Отметка «Госорганизация»"),
    "comments_open": _("Комментарии открыты"),
}
PHONE = re.compile(r"(?:\+7|\b8)[\s(\-]*\d{3,5}[\s)\-]*\d{1,3}[\s\-]*\d{2}[\s\-]*\d{2}")
ADDRESS = re.compile(
    r"\b(?:ул\.|улица|пр\.|просп|пр-т|пер\.|переулок|бульвар|б-р|пл\.|площадь|шоссе)\s*\S+", re.I
)
HOURS = re.compile(
    r"\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}|круглосуточно|\b(?:пн|понедельник)\b", re.I
)
CONTACT_PARTS = ((PHONE, "телефона"), (ADDRESS, "адреса"), (HOURS, "часов работы"))


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[«»\"'„“”]", "", name).lower().replace("ё", "е").split())


def name_matches(title: str, *official: str) -> bool:
    """The page's name is the official name (or its accepted short form)."""
    page = _norm(title)
    return any(_norm(name) and _norm(name) in page for name in official)


def contacts_note(text: str) -> str:
    """What of phone, address and working hours the text lacks ('' when nothing)."""
    lacking = [what for pattern, what in CONTACT_PARTS if not pattern.search(text)]
    return f"нет {', '.join(lacking)}" if lacking else ""


def check_item(item: str, page: Profile, name: str, short_name: str) -> tuple[bool | None, str]:
    """(present, note) of one item; present is None where the network does not show it."""
    if item == "name_matches":
        same = name_matches(page.title, name, short_name)
        return same, "" if same else f"на странице: «{page.title}»"
    if item == "contacts":
        note = contacts_note(f"{page.description}\n{page.contacts}")
        return not note, note
    flags: dict[str, bool | None] = {
        "description": bool(page.description.strip()),
        "avatar": bool(page.avatar_url),
        "cover": bool(page.cover_url),
        "widgets": page.widgets,
        "live_cover": page.live_cover,
        "gov_mark": page.gov_mark,
        "comments_open": page.comments_open,
    }
    return flags[item], ""
