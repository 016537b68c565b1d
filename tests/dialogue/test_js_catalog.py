"""The words of the dialogue's JavaScript are translated: every ``gettext("…")`` in its
JS files has an English entry in the djangojs catalogue, which the app serves itself."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation.trans_real import DjangoTranslation

import gospablik.dialogue
from tests.dialogue.conftest import make_comment
from tests.dialogue.test_pages import client_for

STATIC = Path(gospablik.dialogue.__file__).parent / "static" / "dialogue"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def js_sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in STATIC.glob("*.js")}


def msgids() -> set[str]:
    found = set()
    for source in js_sources().values():
        found |= set(re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', source))
    return found


def test_every_js_string_has_its_english_entry() -> None:
    english = DjangoTranslation("en", domain="djangojs")
    assert msgids(), "the dialogue's JS asks the catalogue for its words"
    for msgid in msgids():
        translated = english.gettext(msgid)
        assert translated != msgid and not CYRILLIC.search(translated), msgid


def test_no_russian_words_outside_gettext_and_comments() -> None:
    for name, source in js_sources().items():
        for line in source.splitlines():
            code = re.sub(r'gettext\("(?:[^"\\]|\\.)*"\)', "", line.split("//")[0])
            code = code.replace('"{имя}"', "")  # the templates' variable, not a UI word
            assert not CYRILLIC.search(code), f"{name}: {line.strip()}"


def test_the_app_serves_the_english_catalogue(account, komiac) -> None:
    client = client_for(komiac)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/jsi18n/").content.decode()
    assert "Style: %s out of 10." in body and "django.gettext" in body
    thread = make_comment(account).thread
    page = client.get(f"/kuzbass-health-335/dialogue/threads/{thread.pk}/").content.decode()
    assert 'src="/jsi18n/"' in page


def test_russian_is_the_default(komiac) -> None:
    body = client_for(komiac).get("/jsi18n/").content.decode()
    assert "Style: %s out of 10." not in body and "django.gettext" in body
