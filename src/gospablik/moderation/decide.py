"""From a classifier verdict to what gospablik does, under the ministry's policy.

Plain Python (no database): the policy's thresholds override the shipped ones, the
categories the policy does not list for deletion are at most reviewed, unlawful content
(the legal department's rules) always goes to a person unless the policy explicitly
gives it an auto-delete threshold, and an action the network cannot perform becomes
"review".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_noop

from gospablik.moderation.classifier.core import Action, Finding, Thresholds, Verdict
from gospablik.networks.base import BAN_REASONS, Capability
from gospablik.numbers import number
from gospablik.policy.schema import ModerationSpec

# Russian in records (archive reasons, network ban comments); translated on pages (labels.py).
CATEGORY_RU = {
    "obscenity": gettext_noop("нецензурная брань"),
    "insult": gettext_noop("оскорбление"),
    "threat": gettext_noop("угроза"),
    "spam": gettext_noop("спам"),
    "unlawful": gettext_noop("нарушение закона"),
}
ACTION_RU = {
    "delete": gettext_noop("удалить"),
    "hide": gettext_noop("скрыть"),
    "review": gettext_noop("на проверку"),
    "keep": gettext_noop("оставить"),
}
NEEDS = {"delete": Capability.DELETE_COMMENT, "hide": Capability.HIDE_COMMENT}


def policy_thresholds(spec: ModerationSpec, shipped: Thresholds) -> Thresholds:
    """Shipped thresholds overridden by the policy's.

    >>> from gospablik.policy.schema import PeriodSpec
    >>> spec = ModerationSpec(delete_categories=["spam"], blacklist_allowed=False,
    ...     sanctions_ladder=[], review_sla=PeriodSpec(amount=4, unit="business_hours"),
    ...     auto_delete_threshold={"spam": 0.9}, review_threshold={"spam": 0.5}, clause="п.2.5")
    >>> shipped = Thresholds({"spam": 0.5}, {"spam": 0.99, "insult": 0.9, "unlawful": 0.8},
    ...                      {"spam": 0.7}, {"insult": 0.8})
    >>> t = policy_thresholds(spec, shipped)
    >>> t.delete, t.review, t.hide
    ({'spam': 0.9}, {'spam': 0.5}, {})
    """
    allowed = set(spec.delete_categories)
    explicit = set(spec.auto_delete_threshold)

    def deletable(table: dict[str, float]) -> dict[str, float]:
        return {
            c: v
            for c, v in table.items()
            if c in allowed and (c != "unlawful" or "unlawful" in explicit)
        }

    delete = deletable({**shipped.delete, **spec.auto_delete_threshold})
    review = {**shipped.review, **spec.review_threshold}
    return Thresholds(dict(shipped.label), delete, review, deletable(dict(shipped.hide)))


def final_action(
    verdict: Verdict, spec: ModerationSpec, capabilities: Iterable[Capability]
) -> Action:
    """The action gospablik takes on this network.

    >>> from gospablik.policy.schema import PeriodSpec
    >>> spec = ModerationSpec(delete_categories=["spam", "unlawful"], blacklist_allowed=False,
    ...     sanctions_ladder=[], review_sla=PeriodSpec(amount=4, unit="business_hours"),
    ...     auto_delete_threshold={"spam": 0.9}, review_threshold={}, clause="п.2.5")
    >>> v = Verdict(["spam"], {"spam": 0.99}, [], "delete")
    >>> final_action(v, spec, {Capability.DELETE_COMMENT}), final_action(v, spec, set())
    ('delete', 'review')
    >>> law = Finding("unlawful", 0.9, [], "Правило")
    >>> final_action(Verdict(["spam"], {"spam": 0.99}, [law], "delete"), spec,
    ...              {Capability.DELETE_COMMENT})
    'review'
    """
    action = verdict.action
    unlawful = any(f.category == "unlawful" for f in verdict.findings)
    if unlawful and "unlawful" not in spec.auto_delete_threshold:
        return "review"
    needed = NEEDS.get(action)
    if needed is not None and needed not in set(capabilities):
        return "review"
    return action


def main_category(verdict: Verdict) -> str:
    """The category that weighs most in a verdict (for reasons and ban reasons).

    >>> main_category(Verdict(["spam", "insult"], {"spam": 0.7, "insult": 0.95}, [], "delete"))
    'insult'
    >>> main_category(Verdict([], {"spam": 0.1}, [], "keep"))
    ''
    """
    return max(verdict.labels, key=lambda c: verdict.scores.get(c, 0.0), default="")


def ban_reason(category: str) -> str:
    """The network ban reason code for a category.

    >>> ban_reason("obscenity"), ban_reason("threat")
    ('obscenity', 'other')
    """
    return category if category in BAN_REASONS else "other"


def reason_text(verdict: Verdict, clause: str) -> str:
    """A Russian reason for the archive and the audit log.

    >>> reason_text(Verdict(["spam"], {"spam": 0.981}, [], "delete"), "000 Порядок п.2.5")
    'Автоматически: спам (0,98) — 000 Порядок п.2.5'
    """
    with translation.override("ru"):  # stored in Russian, like the archive's other words
        scores = {c: number(verdict.scores.get(c, 0.0), 2) for c in verdict.labels}
    parts = [f"{CATEGORY_RU.get(c, c)} ({scores[c]})" for c in verdict.labels]
    return f"Автоматически: {', '.join(parts) or 'без категории'} — {clause}"[:500]


def findings_json(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Findings as JSON with their spans (what fired, where).

    >>> from gospablik.moderation.classifier.core import Span
    >>> found = findings_json([Finding("spam", 0.9, [Span(0, 3, "abc", "spam:link")], "Ссылка")])
    >>> found[0]["category"], found[0]["spans"]
    ('spam', [{'start': 0, 'end': 3, 'text': 'abc', 'rule': 'spam:link'}])
    """
    return [
        {
            "category": f.category,
            "score": round(float(f.score), 4),
            "explanation": f.explanation,
            "spans": [
                {"start": s.start, "end": s.end, "text": s.text, "rule": s.rule} for s in f.spans
            ],
        }
        for f in findings
    ]
