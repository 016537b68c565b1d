"""The style gate of п.2.4: ``style.min_score`` refuses officialese; the head may override."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gospablik.content.actions import do_schedule
from gospablik.styleguide.gate import do_override_style_gate
from tests.foundation.factories import change_policy

from .conftest import make_post

OFFICIALESE = (
    "В целях информирования населения сообщаем о проведении мероприятия. Информация о "
    "проведении мероприятия размещена на официальном сайте учреждения."
)


@pytest.mark.policy_field("style.min_score")
def test_it_refuses_a_post_below_the_min_score(health, komiac, vk_account):
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    do_schedule(post, timezone.now(), actor=komiac)  # no threshold: the post goes out
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    change_policy(health, {"style.min_score": 5})
    with pytest.raises(ValidationError, match="ниже порога 5"):
        do_schedule(post, timezone.now(), actor=komiac)


def test_it_lets_a_conversational_post_through(health, komiac, vk_account):
    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text="Завтра открываем поликлинику. Ждём вас!")
    assert do_schedule(post, timezone.now(), actor=komiac).status == "scheduled"


def test_the_head_overrides_with_a_reason(health, komiac, head, vk_account):
    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    do_override_style_gate(health, post, post.text, actor=head, reason="Текст закона, дословно")
    assert do_schedule(post, timezone.now(), actor=komiac).status == "scheduled"


def test_an_override_needs_the_role(health, komiac, vk_account):
    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    with pytest.raises(PermissionDenied, match="руководитель"):
        do_override_style_gate(health, post, post.text, actor=komiac, reason="надо")


def test_an_override_needs_a_reason(health, head, komiac, vk_account):
    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    with pytest.raises(ValidationError, match="обоснование"):
        do_override_style_gate(health, post, post.text, actor=head, reason="  ")


def test_the_post_page_shows_the_refusal_and_the_override(client, health, komiac, head, vk_account):
    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    client.force_login(komiac)
    page = client.get(f"/{health.key}/content/posts/{post.pk}/").content.decode()
    assert "ниже порога 5" in page and "у вас нет этой роли" in page
    client.force_login(head)
    url = f"/{health.key}/content/posts/{post.pk}/style-override/"
    client.post(url, {"reason": "Цитата из постановления"})
    page = client.get(f"/{health.key}/content/posts/{post.pk}/").content.decode()
    assert "Цитата из постановления" in page and 'id="style-gate"' not in page


def test_overrides_are_available_to_the_weekly_report(health, komiac, head, vk_account):
    from datetime import timedelta

    from gospablik.styleguide.gate import overrides_between

    change_policy(health, {"style.min_score": 5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    do_override_style_gate(health, post, post.text, actor=head, reason="Текст закона")
    now = timezone.now()
    (row,) = overrides_between(health, now - timedelta(days=7), now + timedelta(minutes=1))
    assert (row.reason, row.created_by, row.min_score) == ("Текст закона", head, 5.0)
    assert row.score < 5
