"""Who may see and do what in approvals; the only door to submissions and requests.

ЦУР users see their organization's submissions and requests only. The organizations
the policy gives ``content_approval`` review and sign (the signer's role comes from
``policy.approvals.signer_role``); ``information_requests`` organizations answer
requests; members of the ministry's own organization may look at everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gospablik.approvals.models import InformationRequest, Submission
from gospablik.orgs.access import RULES, Perm, has_perm, memberships, org_functions
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.schema import ApprovalSpec
from gospablik.policy.store import NoPolicy, policy_for

OFF_MESSAGE = "Порядок министерства не предусматривает согласование контента ЦУР"
OVERSIGHT_FUNCTIONS = frozenset({"content_approval", "information_requests"})


class ApprovalsOff(Http404, LookupError):
    """The ministry's policy has no approvals section (e.g. order 001): the pages are
    not there (404), and the menu does not show them."""

    def __init__(self) -> None:
        super().__init__(OFF_MESSAGE)


def approval_spec(ministry: Ministry) -> ApprovalSpec:
    try:
        spec = policy_for(ministry).approvals
    except NoPolicy:
        spec = None
    if spec is None:
        raise ApprovalsOff
    return spec


def orgs_with(ministry: Ministry, function: str) -> list[Organization]:
    keys = [k for k, funcs in org_functions(ministry).items() if function in funcs]
    return list(Organization.objects.filter(ministry=ministry, key__in=keys).order_by("pk"))


def first_org_with(ministry: Ministry, function: str) -> Organization:
    orgs = orgs_with(ministry, function)
    if not orgs:
        raise ApprovalsOff
    return orgs[0]


@dataclass(frozen=True)
class Who:
    """What one user may do in one ministry's approvals, computed once per request."""

    cur_orgs: tuple[Organization, ...]
    submit_orgs: tuple[Organization, ...]
    oversee: bool
    review: bool
    sign: bool
    answer: bool

    @property
    def can_view(self) -> bool:
        return bool(self.cur_orgs) or self.oversee

    @property
    def is_cur(self) -> bool:
        return bool(self.cur_orgs)


def who(user: Any, ministry: Ministry) -> Who:
    spec = approval_spec(ministry)
    functions = org_functions(ministry)
    mine = list(memberships(user, ministry))
    cur = [m for m in mine if m.organization.kind == "cur"]
    return Who(
        cur_orgs=tuple(dict.fromkeys(m.organization for m in cur)),
        submit_orgs=tuple(dict.fromkeys(m.organization for m in cur if _submits(m.role))),
        oversee=any(_oversees(m.organization, functions) for m in mine),
        review=has_perm(user, ministry, Perm.APPROVAL_REVIEW),
        sign=can_sign(user, ministry, spec),
        answer=has_perm(user, ministry, Perm.INFO_ANSWER),
    )


def _submits(role: str) -> bool:
    roles = RULES[Perm.APPROVAL_SUBMIT].roles
    return roles is None or role in roles


def _oversees(org: Organization, functions: dict[str, set[str]]) -> bool:
    return org.kind == "ministry" or bool(OVERSIGHT_FUNCTIONS & functions.get(org.key, set()))


def can_sign(user: Any, ministry: Ministry, spec: ApprovalSpec | None = None) -> bool:
    """The policy's signer role in an organization that approves content."""
    spec = spec or approval_spec(ministry)
    if not has_perm(user, ministry, Perm.APPROVAL_SIGN):
        return False
    functions = org_functions(ministry)
    return any(
        m.role == spec.signer_role
        and "content_approval" in functions.get(m.organization.key, set())
        for m in memberships(user, ministry)
    )


def submissions_for(ministry: Ministry, me: Who) -> QuerySet[Submission]:
    qs = Submission.objects.filter(ministry=ministry).select_related("cur_org", "submitted_by")
    if me.oversee:
        mine = qs.filter(cur_org__in=me.cur_orgs)
        return (qs.exclude(status=Submission.Status.DRAFT) | mine).distinct()
    return qs.filter(cur_org__in=me.cur_orgs)


def get_submission(ministry: Ministry, me: Who, pk: int) -> Submission:
    submission = submissions_for(ministry, me).filter(pk=pk).first()
    if submission is None:
        raise Http404("Нет такого материала")
    return submission


def requests_for(ministry: Ministry, me: Who) -> QuerySet[InformationRequest]:
    qs = InformationRequest.objects.filter(ministry=ministry).select_related(
        "cur_org", "answer_org", "assigned_to", "duty"
    )
    return qs if me.oversee else qs.filter(cur_org__in=me.cur_orgs)


def get_request(ministry: Ministry, me: Who, pk: int) -> InformationRequest:
    request = requests_for(ministry, me).filter(pk=pk).first()
    if request is None:
        raise Http404("Нет такого запроса")
    return request
