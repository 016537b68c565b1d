"""The browser sweep: several demo roles, English selected, every page the menu offers, read
from the live DOM after its scripts ran: no Cyrillic outside what people wrote, no enum
values, ids, action codes, and no bare error page (every page is in the app's layout)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from gospablik.web.demo import DEMO_PASSWORD, PEOPLE, load_demo
from tests.regulation.english import cyrillic_left, internal_codes, user_strings
from tests.regulation.menu_pages import FAST_HASHER, menu_links

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SWEEP = ("head", "moderator", "security", "szn_head", "csvi_security")


def test_every_menu_page_speaks_english(browser, live_server, settings):
    settings.GOSPABLIK_REQUIRE_2FA = False
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        load_demo()
    user = user_strings()
    problems: list[str] = []
    for person in (p for p in PEOPLE if p.username in SWEEP):
        context = browser.new_context(locale="en-GB", timezone_id="Asia/Novokuznetsk")
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", person.username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/{person.ministry}/")
        for link in [link for link in menu_links(page.content()) if link.startswith("/")]:
            response = page.goto(live_server.url + link)
            page.wait_for_load_state("networkidle")
            html = page.content()
            where = f"{person.username} {link}"
            if response is None or response.status != 200 or "<nav>" not in html:
                problems.append(f"{where}: answered {response and response.status}")
                continue
            problems += [f"{where}: {t[:160]}" for t in cyrillic_left(html, user)]
            problems += [f"{where}: {code}" for code in internal_codes(html, user)]
        context.close()
    assert problems == [], "\n".join(sorted(set(problems)))
