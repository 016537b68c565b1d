"""policy_for() looks each ministry's policy up once per request and per job pass
(issue 18), and a version stored meanwhile is seen at once."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gospablik.duties.engine import tick
from gospablik.policy.actions import do_update_policy
from gospablik.policy.models import PolicyVersion
from gospablik.policy.store import policies_cached, policy_for
from tests.foundation.factories import register
from tests.moderation.conftest import client_for


def policy_queries(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return sum("policy_policyversion" in q["sql"] for q in captured.captured_queries)


def test_once_per_block_and_every_time_outside(health, social):
    def five_lookups():
        for _ in range(5):
            policy_for(health), policy_for(social)

    assert policy_queries(five_lookups) == 10

    def cached():
        with policies_cached():
            five_lookups()

    assert policy_queries(cached) == 2


def test_a_version_stored_in_the_block_is_seen(health):
    text = PolicyVersion.objects.filter(ministry=health).latest("version").text
    changed = text.replace("Порядок обеспечения создания", "Новый порядок создания", 1)
    assert changed != text
    with policies_cached():
        assert policy_for(health).title.startswith("Порядок")
        do_update_policy(health, changed, actor=None, comment="новая редакция")
        assert policy_for(health).title.startswith("Новый порядок")


def test_a_page_looks_the_policy_up_once(health, make_user):
    for i in range(6):
        register(health, url=f"https://vk.com/p{i}", title=f"Аккаунт {i}")
    client = client_for(make_user("sec", health, "komiac", "security_officer"))
    assert policy_queries(lambda: client.get(f"/{health.key}/security/")) == 1


def test_a_tick_looks_each_policy_up_once(health):
    for i in range(4):
        register(health, url=f"https://vk.com/t{i}", title=f"Аккаунт {i}")  # opens duties
    assert policy_queries(tick) <= 1
