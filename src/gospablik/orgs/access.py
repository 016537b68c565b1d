"""Who may do what: the only door to ministry data.

A user reaches a ministry through active memberships in its organizations. What a
membership allows depends on the role held and on the functions the ministry's
policy assigns to the organization (e.g. order 000 gives the registry to the
operator institution, order 001 to the organizational department).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gospablik.orgs.models import Membership, Ministry, Organization
from gospablik.policy.store import NoPolicy, policy_for

ANY = None  # a rule that does not restrict by function or role


class Perm(StrEnum):
    VIEW = "view"
    REGISTRY_EDIT = "registry.edit"
    DUTY_COMPLETE = "duty.complete"
    POLICY_EDIT = "policy.edit"
    AUDIT_VIEW = "audit.view"
    MEMBERS_VIEW = "members.view"
    CONNECTION_EDIT = "connection.edit"
    STYLE_EDIT = "style.edit"
    # approvals (ЦУР content): the signer's role comes from policy.approvals.signer_role
    APPROVAL_SUBMIT = "approvals.submit"
    APPROVAL_REVIEW = "approvals.review"
    APPROVAL_SIGN = "approvals.sign"
    INFO_ANSWER = "approvals.info_answer"
    # security: posture, takeover alerts, credential metadata (never the secret values)
    SECURITY_VIEW = "security.view"
    SECURITY_MANAGE = "security.manage"
    # moderation: deciding on comments (the policy's moderation org), oversight (heads, the
    # legal department: queue, blacklist, reports read-only), the legal department's rules
    MODERATE = "moderation.moderate"
    MODERATION_OVERSEE = "moderation.oversee"
    MODERATION_RULES_EDIT = "moderation.rules_edit"
    # content: writing, scheduling and publishing posts (orgs with the `posting` function)
    CONTENT_EDIT = "content.edit"


@dataclass(frozen=True)
class Rule:
    functions: frozenset[str] | None
    roles: frozenset[str] | None
    org_kinds: frozenset[str] | None = None


WORKING_ROLES = frozenset(
    {"head", "editor", "reviewer", "moderator", "registry_keeper", "security_officer", "legal"}
)
RULES: dict[Perm, Rule] = {
    Perm.VIEW: Rule(ANY, ANY),
    Perm.REGISTRY_EDIT: Rule(
        frozenset({"registry"}), frozenset({"head", "editor", "registry_keeper"})
    ),
    Perm.DUTY_COMPLETE: Rule(ANY, WORKING_ROLES),
    Perm.POLICY_EDIT: Rule(ANY, frozenset({"head"}), frozenset({"ministry"})),
    Perm.AUDIT_VIEW: Rule(ANY, frozenset({"head", "security_officer"})),
    Perm.MEMBERS_VIEW: Rule(ANY, frozenset({"head", "security_officer"})),
    Perm.STYLE_EDIT: Rule(
        frozenset({"posting", "content_approval"}), frozenset({"head", "editor"})
    ),
    Perm.CONNECTION_EDIT: Rule(
        frozenset({"maintenance", "security"}), frozenset({"head", "editor", "security_officer"})
    ),
    Perm.APPROVAL_SUBMIT: Rule(ANY, frozenset({"head", "editor"}), frozenset({"cur"})),
    Perm.APPROVAL_REVIEW: Rule(
        frozenset({"content_approval"}), frozenset({"head", "editor", "reviewer"})
    ),
    Perm.APPROVAL_SIGN: Rule(frozenset({"content_approval"}), ANY),
    Perm.INFO_ANSWER: Rule(
        frozenset({"information_requests"}), frozenset({"head", "editor", "reviewer"})
    ),
    Perm.SECURITY_VIEW: Rule(ANY, frozenset({"head", "security_officer"})),
    Perm.SECURITY_MANAGE: Rule(frozenset({"security"}), frozenset({"security_officer"})),
    Perm.MODERATE: Rule(frozenset({"moderation"}), frozenset({"head", "editor", "moderator"})),
    Perm.MODERATION_OVERSEE: Rule(
        ANY, frozenset({"head", "legal"}), frozenset({"ministry", "department"})
    ),
    Perm.MODERATION_RULES_EDIT: Rule(
        ANY, frozenset({"head", "legal"}), frozenset({"ministry", "department"})
    ),
    Perm.CONTENT_EDIT: Rule(frozenset({"posting"}), frozenset({"head", "editor"})),
}


def memberships(user: Any, ministry: Ministry | None = None) -> QuerySet[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    qs = Membership.objects.filter(user=user, is_active=True).select_related("organization")
    return qs.filter(organization__ministry=ministry) if ministry is not None else qs


def ministries_for(user: Any) -> QuerySet[Ministry]:
    ids = memberships(user).values("organization__ministry_id")
    return Ministry.objects.filter(pk__in=ids)


def org_functions(ministry: Ministry) -> dict[str, set[str]]:
    """Organization key -> functions the current policy gives it."""
    try:
        policy = policy_for(ministry)
    except NoPolicy:
        return {}
    result: dict[str, set[str]] = {}
    for assignment in policy.functions:
        for key in assignment.orgs:
            result.setdefault(key, set()).add(assignment.function)
    return result


def _allows(rule: Rule, membership: Membership, functions: dict[str, set[str]]) -> bool:
    org = membership.organization
    if rule.roles is not None and membership.role not in rule.roles:
        return False
    if rule.org_kinds is not None and org.kind not in rule.org_kinds:
        return False
    return rule.functions is None or bool(rule.functions & functions.get(org.key, set()))


def has_perm(user: Any, ministry: Ministry, perm: Perm, *, org: Organization | None = None) -> bool:
    """True if any membership grants `perm`; with `org`, only memberships of that organization
    (or, for duties, of the ministry's head organization) count."""
    rule, functions = RULES[perm], org_functions(ministry)
    for m in memberships(user, ministry):
        in_scope = org is None or m.organization_id == org.pk or m.organization.kind == "ministry"
        if in_scope and _allows(rule, m, functions):
            return True
    return False


def user_orgs(user: Any, ministry: Ministry) -> list[Organization]:
    return sorted({m.organization for m in memberships(user, ministry)}, key=lambda o: o.pk)


def get_ministry_for_user(user: Any, key: str, perm: Perm = Perm.VIEW) -> Ministry:
    """404 for a ministry the user does not belong to, 403 for a missing permission."""
    ministry = ministries_for(user).filter(key=key).first()
    if ministry is None:
        raise Http404("Нет такого министерства")
    if not has_perm(user, ministry, perm):
        raise PermissionDenied("Недостаточно прав")
    return ministry


def require(user: Any, ministry: Ministry, perm: Perm, *, org: Organization | None = None) -> None:
    if not has_perm(user, ministry, perm, org=org):
        raise PermissionDenied("Недостаточно прав")
