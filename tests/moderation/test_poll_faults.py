"""Fault isolation of polling: comments of a ministry without a policy cannot be judged;
that account's fault is recorded and the other accounts are still polled."""

from __future__ import annotations

from gospablik.duties.models import Duty
from gospablik.moderation.models import Comment
from gospablik.moderation.polling import poll_all
from gospablik.networks.connections import do_connect_account
from gospablik.policy.models import PolicyVersion
from tests.foundation.factories import register
from tests.moderation.conftest import OK_GID


def test_a_broken_ministry_does_not_stop_polling(ok_account, social, ok_emulator):
    broken = register(social, network="ok", url="https://ok.ru/group/social", network_id=OK_GID)
    do_connect_account(broken, {"group_id": OK_GID}, ok_account.connection.secrets, actor=None)
    PolicyVersion.objects.filter(ministry=social).delete()
    assert poll_all() == 2  # the demo topic's two comments, stored for the healthy account
    assert Comment.objects.filter(account=ok_account).count() == 2
    assert not Comment.objects.filter(account=broken).exists()
    assert Duty.objects.filter(kind="job_failure", ministry=social).count() == 1
