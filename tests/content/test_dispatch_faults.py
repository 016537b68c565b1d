"""Fault isolation of the outbound queue: an account whose failure cannot even be filed (its
ministry lost its policy) is recorded as a fault; the other publications go out."""

from __future__ import annotations

from django.utils import timezone

from gospablik.content.actions import do_schedule
from gospablik.duties.models import Duty
from gospablik.networks.outbound import run_once
from gospablik.policy.models import PolicyVersion

from .conftest import connect_vk, make_post, vk_posts


def test_a_broken_ministry_does_not_stop_dispatch(
    scheduled, vk_account, social, make_user, emulators
):
    scheduled([vk_account], timezone.now(), text="Минздрав: поликлиника открыта")
    editor = make_user("soc-editor", social, "orgwork", "editor")
    broken = connect_vk(social, editor, url="https://vk.com/social_broken", title="Соцзащита")
    broken.connection.secrets = {"user_token": "revoked", "community_token": "revoked"}
    broken.connection.save()
    post = make_post(social, editor, [broken], text="Соцзащита: приём граждан")
    do_schedule(post, timezone.now(), actor=editor)
    PolicyVersion.objects.filter(ministry=social).delete()
    outcomes = run_once().outcomes
    assert outcomes == {"done": 1, "fault": 1}
    assert len(vk_posts(emulators["vk"], "Минздрав: поликлиника открыта")) == 1
    assert Duty.objects.filter(kind="job_failure", ministry=social).count() == 1
