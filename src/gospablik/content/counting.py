"""Weekly counts of originals and reposts per account, from the database.

Counted: our publications (published; with ``planned``, also those still waiting) and
posts imported from the wall that are not ours (made directly in the network).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import DateTimeField, Q, QuerySet
from django.db.models.functions import Coalesce

from gospablik.content.models import Publication, RemotePost
from gospablik.content.repostcap import (
    Item,
    Verdict,
    WeekCount,
    check_new_repost,
    check_removal,
    count_weeks,
    week_bounds,
    week_label,
    week_of,
)
from gospablik.policy.schema import Policy
from gospablik.registry.models import Account

P = Publication.Status
WENT_OUT = (P.PUBLISHED,)
PLANNED = (P.PENDING, P.ATTEMPTING, P.PUBLISHED)


def with_moment(qs: QuerySet[Publication]) -> QuerySet[Publication]:
    return qs.annotate(moment_at=Coalesce("published_at", "due_at", output_field=DateTimeField()))


def publications_between(
    accounts: list[Account] | QuerySet[Account], start: datetime, end: datetime, *, planned: bool
) -> QuerySet[Publication]:
    statuses = PLANNED if planned else WENT_OUT
    qs = Publication.objects.filter(account__in=accounts, status__in=statuses)
    return with_moment(qs).filter(moment_at__gte=start, moment_at__lt=end)  # type: ignore[misc]


def imported_between(
    accounts: list[Account] | QuerySet[Account], start: datetime, end: datetime
) -> QuerySet[RemotePost]:
    """Wall posts made outside gospablik (not matched to one of our publications)."""
    ours = Publication.objects.filter(account__in=accounts).exclude(network_post_id="")
    return RemotePost.objects.filter(
        account__in=accounts,
        date__gte=start,
        date__lt=end,
        kind__in=("post", "repost"),
        publication__isnull=True,
    ).exclude(Q(network_post_id__in=ours.values("network_post_id")))


def week_count(
    account: Account,
    monday: date,
    tz: ZoneInfo,
    *,
    planned: bool = True,
    exclude: Publication | None = None,
) -> WeekCount:
    start, end = week_bounds(monday, tz)
    pubs = publications_between([account], start, end, planned=planned)
    if exclude is not None and exclude.pk:
        pubs = pubs.exclude(pk=exclude.pk)
    items = [Item(p.moment_at, p.kind == Publication.Kind.REPOST) for p in pubs]  # type: ignore[attr-defined]
    items += [Item(r.date, r.is_repost) for r in imported_between([account], start, end)]
    return count_weeks(items, tz).get(monday, WeekCount(monday))


def repost_verdict(
    account: Account, moment: datetime, policy: Policy, *, exclude: Publication | None = None
) -> Verdict:
    """May a repost go out on ``account`` at ``moment``?"""
    cap = policy.repost_cap
    if cap is None:
        return Verdict(True, "")
    tz = policy.tz()
    count = week_count(account, week_of(moment, tz), tz, exclude=exclude)
    verdict = check_new_repost(count, cap.max_share)
    if verdict.allowed:
        return verdict
    return Verdict(
        False, f"«{account.title}»: {verdict.message} ({cap.clause})", verdict.originals_needed
    )


def removal_verdict(publication: Publication, policy: Policy) -> Verdict:
    """Would taking ``publication`` away push its week over the cap?"""
    cap, moment = policy.repost_cap, publication.moment
    if cap is None or moment is None or publication.kind == Publication.Kind.REPOST:
        return Verdict(True, "")
    tz = policy.tz()
    went_out = publication.status == P.PUBLISHED
    count = week_count(publication.account, week_of(moment, tz), tz, planned=not went_out)
    verdict = check_removal(count, cap.max_share, is_repost=False)
    if verdict.allowed:
        return verdict
    return Verdict(False, f"«{publication.account.title}»: {verdict.message} ({cap.clause})")


def week_status(account: Account, moment: datetime, policy: Policy) -> dict[str, object]:
    """The cap status of the week of ``moment`` for the editor."""
    tz = policy.tz()
    monday = week_of(moment, tz)
    count = week_count(account, monday, tz)
    cap = policy.repost_cap
    return {
        "account": account.title,
        "week": monday.isoformat(),
        "week_label": week_label(monday),
        "originals": count.originals,
        "reposts": count.reposts,
        "share": round(count.share * 100),
        "cap": round(cap.max_share * 100) if cap else None,
        "next_repost_allowed": check_new_repost(count, cap.max_share if cap else None).allowed,
    }
