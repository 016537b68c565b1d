"""Approved content turns into posts of the content plan, linked to the submission."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gospablik.approvals.actions.plan import posts_of, to_content_plan
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.content.models import Post, Publication
from gospablik.networks.models import Connection
from tests.approvals.conftest import fresh_code, make_submission
from tests.foundation.factories import register


@pytest.fixture
def vk(health, keeper):
    """A registered account with a connection: its posts wait on the outbound queue (an
    account without one fails at once with the reason, see the test below)."""
    account = register(health, keeper)
    Connection.objects.create(account=account)
    return account


@pytest.fixture
def approved(health, cur, signer, device, vk):
    later = timezone.now() + timedelta(days=2)
    texts = ("Приходите на прививку в субботу", "Итоги недели вакцинации")
    submission = make_submission(health, cur, texts=texts, planned_at=later)
    do_sign_round(submission, actor=signer, decision="approved", otp_code=fresh_code(device))
    submission.refresh_from_db()
    return submission


def test_it_schedules_one_post_per_item(approved, komiac, vk):
    result = to_content_plan(approved, actor=komiac)
    posts = list(posts_of(approved).order_by("pk"))
    assert [p.text for p in posts] == ["Приходите на прививку в субботу", "Итоги недели вакцинации"]
    assert {p.status for p in posts} == {Post.Status.SCHEDULED}
    assert len(result.scheduled) == 2 and result.notes == []
    assert set(Publication.objects.filter(post__in=posts).values_list("account", flat=True)) == {
        vk.pk
    }


def test_a_post_for_an_account_without_a_connection_fails_with_the_reason(approved, komiac, vk):
    vk.connection.delete()
    to_content_plan(approved, actor=komiac)
    publications = Publication.objects.filter(post__in=posts_of(approved))
    assert {p.status for p in publications} == {Publication.Status.FAILED}
    assert all("не подключён" in p.last_error for p in publications)


def test_it_keeps_a_post_without_time_as_a_draft(health, cur, signer, device, vk, komiac):
    submission = make_submission(health, cur, planned_at=None)
    do_sign_round(submission, actor=signer, decision="approved", otp_code=fresh_code(device))
    result = to_content_plan(submission, actor=komiac)
    assert result.posts[0].status == Post.Status.DRAFT
    assert "время не указано" in result.notes[0]


def test_it_runs_once(approved, komiac):
    to_content_plan(approved, actor=komiac)
    with pytest.raises(ValidationError, match="уже передан"):
        to_content_plan(approved, actor=komiac)


def test_it_refuses_content_that_is_not_approved(special, komiac):
    with pytest.raises(ValidationError, match="согласованный"):
        to_content_plan(special, actor=komiac)
