"""Fault isolation of the snapshot job: an account whose ministry lost its policy fails
on its own; the other ministries' accounts are still looked at."""

from __future__ import annotations

from gospablik.duties.models import Duty
from gospablik.policy.models import PolicyVersion
from gospablik.security.models import Snapshot
from gospablik.security.snapshots import snapshot_all
from tests.foundation.factories import register
from tests.security.conftest import GROUP, connect


def test_a_broken_ministry_does_not_stop_the_snapshots(connection, emulator, social, sec):
    broken = register(social, url="https://vk.com/social_broken", network_id=str(GROUP))
    connect(broken, emulator, sec, user_token="revoked", community_token="revoked")
    PolicyVersion.objects.filter(ministry=social).delete()
    assert snapshot_all() == 2
    assert Snapshot.objects.filter(account=connection.account).count() == 1
    fault = Duty.objects.get(kind="job_failure", ministry=social)
    assert "снимки безопасности" in fault.title and broken.title in fault.title
