"""The classifier as configured for one ministry: its policy's thresholds and the
legal department's active rules. Pipelines are built once per (policy version, rules)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection

from gospablik.moderation.classifier import Context, Pipeline, Verdict, default_pipeline
from gospablik.moderation.classifier.core import Action
from gospablik.moderation.classifier.core import UnlawfulRule as ClassifierRule
from gospablik.moderation.classifier.pipeline import MODEL_DIR
from gospablik.moderation.decide import final_action, policy_thresholds
from gospablik.moderation.models import Comment, UnlawfulRule
from gospablik.networks.connections import capabilities_of
from gospablik.orgs.models import Ministry
from gospablik.policy.models import PolicyVersion
from gospablik.policy.schema import Policy
from gospablik.policy.store import current_version, parsed
from gospablik.registry.models import Account

RECENT_BY_AUTHOR = 5
RECENT_ON_ACCOUNT = 20
_CACHE: dict[tuple[int, tuple[Any, ...]], tuple[Pipeline, Policy]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    action: Action  # what gospablik does (policy + network abilities applied)
    policy: Policy
    model_version: str


def active_rules(ministry_id: int) -> tuple[ClassifierRule, ...]:
    rules = UnlawfulRule.objects.filter(ministry_id=ministry_id, active=True).order_by("key")
    fields = ("key", "kind", "pattern", "norm", "description")
    return tuple(ClassifierRule(*row) for row in rules.values_list(*fields))


def fingerprint(ministry_id: int) -> tuple[Any, ...]:
    """What the pipeline depends on, in one light query: the current policy version and
    the state of the legal department's rules (a saved rule bumps ``updated_at``, a
    deleted one the count; a new one the largest pk)."""
    pv, rule = PolicyVersion._meta.db_table, UnlawfulRule._meta.db_table
    # Plain SQL: this runs for every comment and the ORM's query building costs more.
    # Only table names from the models are formatted in; the values are bound.
    latest = f"SELECT id FROM {pv} WHERE ministry_id = %s ORDER BY version DESC LIMIT 1"  # noqa: S608
    counts = "COUNT(*), MAX(id), MAX(updated_at)"
    sql = f"SELECT ({latest}), {counts} FROM {rule} WHERE ministry_id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [ministry_id, ministry_id])
        row = cursor.fetchone()
    return tuple(str(v) for v in row)


def pipeline_for(ministry: Ministry | int) -> tuple[Pipeline, Policy]:
    """The ministry's pipeline and policy: one light query when nothing changed."""
    ministry_id = ministry if isinstance(ministry, int) else int(ministry.pk)
    key = (ministry_id, fingerprint(ministry_id))
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is None:
        policy = parsed(current_version(Ministry.objects.get(pk=ministry_id)))
        cached = (_build(policy, active_rules(ministry_id)), policy)
        with _LOCK:
            if len(_CACHE) >= 64:
                _CACHE.clear()
            _CACHE[key] = cached
    return cached


def _build(policy: Policy, rules: tuple[ClassifierRule, ...]) -> Pipeline:
    base = default_pipeline()
    thresholds = policy_thresholds(policy.moderation, base.thresholds)
    return Pipeline(components=base.components, thresholds=thresholds, unlawful_rules=rules)


@lru_cache(maxsize=1)
def model_version() -> str:
    """A short fingerprint of the shipped model files (recorded with every verdict)."""
    digest = hashlib.sha256()
    for path in sorted(MODEL_DIR.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# The newest texts on an account (and of one author there): plain SQL, as in
# fingerprint(); only the model's table name is formatted in.
_NEWEST = (
    "SELECT text FROM {table} WHERE account_id = %s{author} ORDER BY received_at DESC LIMIT %s"
)


def context_for(account: Account, author_id: str) -> Context:
    """The newest texts of the author and of the account, in one query."""
    table = Comment._meta.db_table
    by_author = _NEWEST.format(table=table, author=" AND author_id = %s")
    on_account = _NEWEST.format(table=table, author="")
    sql = f"SELECT 1, text FROM ({by_author}) a UNION ALL SELECT 2, text FROM ({on_account}) b"  # noqa: S608
    params: list[int | str] = [account.pk, author_id, RECENT_BY_AUTHOR]
    params += [account.pk, RECENT_ON_ACCOUNT]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return Context(
        author_id=author_id,
        account_id=str(account.pk),
        recent_by_author=[text for part, text in rows if part == 1],
        recent_on_account=[text for part, text in rows if part == 2],
    )


def judge(account: Account, text: str, author_id: str = "") -> Judgement:
    pipeline, policy = pipeline_for(account.ministry_id)
    verdict = pipeline.classify(text, context_for(account, author_id))
    action = final_action(verdict, policy.moderation, capabilities_of(account.network))
    return Judgement(verdict, action, policy, model_version())
