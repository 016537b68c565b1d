"""Who may see and answer threads: the only door to a thread.

Everyone with a working role in the ministry sees its threads. Answering belongs to the
organizations the policy names in ``dialogue.answering_orgs`` (and to the organization a
thread is routed to); approving belongs to the roles in ``answer_without_approval``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gospablik.dialogue.models import Thread
from gospablik.orgs.access import WORKING_ROLES, memberships
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for


def threads_for(user: Any, ministry: Ministry) -> QuerySet[Thread]:
    if not any(m.role in WORKING_ROLES for m in memberships(user, ministry)):
        return Thread.objects.none()
    return Thread.objects.filter(ministry=ministry)


def get_thread_for_user(user: Any, ministry: Ministry, pk: Any) -> Thread:
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("Нет такого диалога") from None
    thread = (
        threads_for(user, ministry)
        .select_related("account", "comment", "message", "assignee", "routed_org", "ministry")
        .filter(pk=key)
        .first()
    )
    if thread is None:
        raise Http404("Нет такого диалога")
    return thread


def answer_roles(user: Any, thread: Thread) -> set[str]:
    """The user's roles in organizations that may answer this thread."""
    spec = policy_for(thread.ministry).dialogue
    orgs = set(spec.answering_orgs) if spec else set()
    if thread.routed_org_id:
        orgs.add(thread.routed_org.key)  # type: ignore[union-attr]
    return {
        m.role
        for m in memberships(user, thread.ministry)
        if m.role in WORKING_ROLES
        and (m.organization.key in orgs or m.organization.kind == "ministry")
    }


def may_answer(user: Any, thread: Thread) -> bool:
    return bool(answer_roles(user, thread) - {"legal", "security_officer", "registry_keeper"})


def require_answer(user: Any, thread: Thread) -> None:
    if not may_answer(user, thread):
        raise PermissionDenied("Отвечать жителям может только организация, указанная в порядке")


def needs_approval(user: Any, thread: Thread) -> bool:
    spec = policy_for(thread.ministry).dialogue
    if spec is None:
        return False
    return not answer_roles(user, thread) & set(spec.answer_without_approval)


def may_approve(user: Any, thread: Thread) -> bool:
    return not needs_approval(user, thread) and may_answer(user, thread)
