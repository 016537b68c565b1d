"""From a verdict to an action under the policy and the network's abilities (no database)."""

from __future__ import annotations

from gospablik.moderation.classifier.core import Finding, Thresholds, Verdict
from gospablik.moderation.decide import final_action, policy_thresholds
from gospablik.networks.base import Capability
from gospablik.policy.loader import load_preset

SPEC = load_preset("kuzbass-health-335").moderation
SHIPPED = Thresholds({"spam": 0.2}, {"spam": 0.4, "unlawful": 0.5}, {"spam": 0.2}, {"insult": 0.5})
CAN_DELETE = {Capability.DELETE_COMMENT}


def test_the_policy_overrides_shipped_thresholds():
    thresholds = policy_thresholds(SPEC, SHIPPED)
    assert thresholds.delete["spam"] == 0.97 and thresholds.review["unlawful"] == 0.5


def test_categories_the_policy_leaves_out_keep_the_validated_review_threshold():
    assert policy_thresholds(SPEC, SHIPPED).review["spam"] == 0.2


def test_unlawful_is_never_deleted_by_default():
    assert "unlawful" not in policy_thresholds(SPEC, SHIPPED).delete


def test_a_category_outside_delete_categories_is_at_most_reviewed():
    spec = SPEC.model_copy(update={"delete_categories": ["obscenity"]})
    assert set(policy_thresholds(spec, SHIPPED).delete) == {"obscenity"}


def test_hide_needs_the_network_to_hide():
    verdict = Verdict(["insult"], {"insult": 0.8}, [], "hide")
    assert final_action(verdict, SPEC, {Capability.HIDE_COMMENT}) == "hide"
    assert final_action(verdict, SPEC, CAN_DELETE) == "review"


def test_an_unlawful_finding_sends_even_a_deletion_to_review():
    unlawful = Finding("unlawful", 0.9, [], "Правило «x» (ст. 1)")
    verdict = Verdict(["obscenity", "unlawful"], {"obscenity": 0.99}, [unlawful], "delete")
    assert final_action(verdict, SPEC, CAN_DELETE) == "review"


def test_keep_stays_keep():
    assert final_action(Verdict([], {}, [], "keep"), SPEC, set()) == "keep"
