"""Personas of approvals (order 000): ЦУР editors of two ЦУР organizations, ministry-side
reviewers at КОМИАЦ (which the policy gives content_approval), its head who signs with
TOTP, and helpers to build submissions and fresh codes."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gospablik.approvals.actions.submissions import (
    ItemData,
    SubmissionData,
    do_create_submission,
    do_submit,
)
from gospablik.approvals.models import Submission
from gospablik.orgs.models import Ministry, Organization
from tests.conftest import PASSWORD

H = "kuzbass-health-335"


@pytest.fixture
def cur_org(health: Ministry) -> Organization:
    return Organization.objects.get(ministry=health, key="cur-kuzbass")


@pytest.fixture
def other_cur_org(health: Ministry) -> Organization:
    return Organization.objects.create(
        ministry=health, key="cur-other", kind="cur", name="Другой ЦУР", short_name="Другой ЦУР"
    )


@pytest.fixture
def cur_other(make_user: Callable[..., Any], health: Ministry, other_cur_org: Organization) -> Any:
    return make_user("cur_other", health, "cur-other", "editor")


@pytest.fixture
def signer(make_user: Callable[..., Any], health: Ministry) -> Any:
    """The head of КОМИАЦ: the policy's signer_role in the content_approval organization."""
    return make_user("komiac_head", health, "komiac", "head")


@pytest.fixture
def reviewer(make_user: Callable[..., Any], health: Ministry) -> Any:
    return make_user("reviewer", health, "komiac", "reviewer")


@pytest.fixture
def device(signer: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=signer, name="телефон", confirmed=True)


def fresh_code(device: TOTPDevice, waited: bool = False) -> str:
    """A code the device accepts now and has not seen: this step's, or the next one's
    (within the device's tolerance); waits once for the clock when both were used."""
    device.refresh_from_db()
    step = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    drift = max(0, device.last_t + 1 - step)
    if drift > device.tolerance:
        assert not waited, "the clock is frozen: no fresh TOTP step will come"
        time.sleep(device.step - time.time() % device.step + 0.5)
        return fresh_code(device, waited=True)
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + drift)
    return str(value).zfill(device.digits)


def client_for(user: Any) -> Client:
    """A logged-in client; a person with a device has passed the login's second factor."""
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def make_submission(
    ministry: Ministry,
    author: Any,
    *,
    kind: str = "special_project",
    texts: Sequence[str] = ("Прививка от гриппа бесплатна в каждой поликлинике",),
    title: str = "Неделя вакцинации",
    planned_at: datetime | None = None,
    submit: bool = True,
) -> Submission:
    org = Organization.objects.get(ministry=ministry, memberships__user=author, kind="cur")
    items = [ItemData(text=t, networks=["vk"], planned_at=planned_at) for t in texts]
    submission = do_create_submission(
        ministry,
        actor=author,
        cur_org=org,
        data=SubmissionData(kind, title, "Описание"),
        items=items,
    )
    if submit:
        do_submit(submission, actor=author)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def special(health: Ministry, cur: Any) -> Submission:
    return make_submission(health, cur)


@pytest.fixture
def operational(health: Ministry, cur: Any) -> Submission:
    return make_submission(health, cur, kind="operational", title="Срочно: отключение воды")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Signed documents and uploads go to a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
