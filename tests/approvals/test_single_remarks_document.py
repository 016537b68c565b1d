"""«Исчерпывающий перечень замечаний в одном документе» (000 п.2 абз.7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gospablik.approvals.actions.remarks import do_add_remark
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.approvals.actions.submissions import do_submit
from tests.approvals.conftest import fresh_code, make_submission
from tests.foundation.factories import change_policy


def returned_and_resubmitted(health, cur, reviewer, signer, device):
    submission = make_submission(health, cur, texts=("Первая публикация", "Вторая публикация"))
    first = submission.items.get(position=1)
    do_add_remark(submission, actor=reviewer, text="Уточните адрес", anchor="item", item=first)
    do_sign_round(submission, actor=signer, decision="returned", otp_code=fresh_code(device))
    do_submit(submission, actor=cur)  # resubmitted unchanged
    return submission


@pytest.mark.policy_field("approvals.single_remarks_document")
def test_an_unchanged_post_gets_no_new_remarks(health, cur, reviewer, signer, device):
    submission = returned_and_resubmitted(health, cur, reviewer, signer, device)
    second = submission.items.get(position=2)
    with pytest.raises(ValidationError, match="исчерпывающего перечня"):
        do_add_remark(submission, actor=reviewer, text="Новое", anchor="item", item=second)


def test_without_the_rule_new_remarks_are_allowed(health, cur, reviewer, signer, device):
    change_policy(health, {"approvals.single_remarks_document": False})
    submission = returned_and_resubmitted(health, cur, reviewer, signer, device)
    second = submission.items.get(position=2)
    remark = do_add_remark(submission, actor=reviewer, text="Новое", anchor="item", item=second)
    assert remark.round.number == 2
