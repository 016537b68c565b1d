"""Removed policy fields leave stored policies by a data migration."""

from __future__ import annotations

import importlib

from django.apps import apps

from gospablik.policy.models import PolicyVersion
from gospablik.policy.store import current_version, policy_for

migration = importlib.import_module("gospablik.policy.migrations.0002_drop_repost_window")


def test_a_stored_repost_window_is_dropped_and_the_policy_loads(health):
    version = current_version(health)
    text = version.text.replace(
        "  max_share: 0.25\n", "  max_share: 0.25\n  window: calendar_week\n"
    )
    assert "window: calendar_week" in text
    PolicyVersion.objects.filter(pk=version.pk).update(text=text)
    migration.drop_window(apps, None)
    version.refresh_from_db()
    assert "window:" not in version.text
    assert policy_for(health).repost_cap.max_share == 0.25
