"""The legal department's rules: edited in the UI by the legal role, each citing a norm;
a match never deletes by itself — the comment goes to review with the rule's span."""

from __future__ import annotations

from gospablik.moderation.legal import do_save_rule
from gospablik.moderation.models import ArchivedItem, Comment, UnlawfulRule
from tests.conftest import VK_GROUP
from tests.moderation.conftest import AUTHOR, POST, client_for

RULE = {
    "key": "drugs",
    "kind": "keyword",
    "pattern": "закладк*",
    "norm": "ст. 6.13 КоАП РФ",
    "description": "Пропаганда наркотиков",
    "active": True,
}


def test_a_matching_comment_goes_to_review_with_the_norm(vk_account, vk_emulator, legal):
    do_save_rule(vk_account.ministry, RULE, actor=legal)
    vk_emulator.add_comment(
        VK_GROUP, post_id=POST, from_id=AUTHOR, text="Во дворе нашли закладки, примите меры"
    )
    comment = Comment.objects.get()
    assert comment.status == "review" and not ArchivedItem.objects.exists()
    finding = next(f for f in comment.verdict.findings if f["category"] == "unlawful")
    assert "ст. 6.13 КоАП РФ" in finding["explanation"]
    assert finding["spans"][0]["text"] == "закладки"


def test_unlawful_beats_auto_delete(vk_account, vk_emulator, legal):
    do_save_rule(vk_account.ministry, RULE, actor=legal)
    vk_emulator.add_comment(VK_GROUP, post_id=POST, from_id=AUTHOR, text="Иди нахуй, закладки тут")
    assert Comment.objects.get().status == "review"


def test_an_inactive_rule_does_not_fire(vk_account, vk_emulator, legal):
    do_save_rule(vk_account.ministry, RULE | {"active": False}, actor=legal)
    vk_emulator.add_comment(
        VK_GROUP, post_id=POST, from_id=AUTHOR, text="Во дворе нашли закладки, примите меры"
    )
    assert Comment.objects.get().status == "kept"


def test_the_legal_department_adds_a_rule_in_the_ui(health, legal):
    response = client_for(legal).post(f"/{health.key}/moderation/rules/new/", RULE)
    assert response.status_code == 302
    assert UnlawfulRule.objects.get(ministry=health).norm == "ст. 6.13 КоАП РФ"


def test_a_bad_regex_is_refused(health, legal):
    data = RULE | {"kind": "regex", "pattern": "(закладк"}
    response = client_for(legal).post(f"/{health.key}/moderation/rules/new/", data)
    assert response.status_code == 200 and "Ошибка в выражении" in response.content.decode()
    assert not UnlawfulRule.objects.exists()


def test_a_moderator_cannot_edit_rules(health, komiac):
    assert client_for(komiac).post(f"/{health.key}/moderation/rules/new/", RULE).status_code == 403
    assert client_for(komiac).get(f"/{health.key}/moderation/rules/").status_code == 200
