"""What each account would get, and why a post cannot be scheduled (before, not after)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from gospablik.content.adapt import Adapted, adapt
from gospablik.content.counting import repost_verdict, week_status
from gospablik.content.formats import (
    FORMAT_LABELS_RU,
    RULED_FORMATS,
    Content,
    format_errors,
    network_problems,
)
from gospablik.content.models import Post, PostMedia
from gospablik.networks.base import NETWORK_LABELS_RU, Capability
from gospablik.networks.connections import capabilities_of
from gospablik.policy.schema import Policy
from gospablik.registry.models import Account

PAST_GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class MediaCounts:
    images: int = 0
    images_without_alt: int = 0
    gifs: int = 0
    videos: int = 0

    @classmethod
    def of(cls, media: Iterable[PostMedia]) -> MediaCounts:
        items = list(media)
        images = [m for m in items if m.kind == "image"]
        return cls(
            len(images),
            sum(1 for m in images if not m.alt.strip()),
            sum(1 for m in items if m.kind == "gif"),
            sum(1 for m in items if m.kind == "video"),
        )

    def plus(self, other: MediaCounts) -> MediaCounts:
        return MediaCounts(
            self.images + other.images,
            self.images_without_alt + other.images_without_alt,
            self.gifs + other.gifs,
            self.videos + other.videos,
        )


@dataclass(frozen=True)
class AccountPlan:
    account: Account
    adapted: Adapted
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        a = self.adapted
        return {
            "account": self.account.pk,
            "title": self.account.title,
            "network": a.network,
            "network_label": NETWORK_LABELS_RU.get(a.network, a.network),
            "text": a.text,
            "link": a.link,
            "length": a.length,
            "limit": a.limit,
            "problems": self.problems + a.errors,
            "notes": a.notes,
        }


def content_of(post: Post, media: MediaCounts) -> Content:
    poll = post.poll or {}
    return Content(
        format=post.format,
        text=post.text,
        images=media.images,
        images_without_alt=media.images_without_alt,
        gifs=media.gifs,
        videos=media.videos,
        link=post.link,
        poll_question=str(poll.get("question", "")),
        poll_answers=len(poll.get("answers") or []),
        repost_source=post.repost_source,
        rules=post.rules,
        starts_at=post.starts_at,
        ends_at=post.ends_at,
        results_at=post.results_at,
    )


def capabilities(network: str) -> frozenset[Capability]:
    return capabilities_of(network)


def rules_block(post: Post, tz: ZoneInfo) -> str:
    """The rules and dates of a contest or campaign, appended to its text."""
    if post.format not in RULED_FORMATS or not post.rules.strip():
        return ""
    lines = [f"Правила: {post.rules.strip()}"]
    if post.starts_at and post.ends_at and post.results_at:
        day = "%d.%m.%Y"
        lines.append(
            f"Сроки: с {post.starts_at.astimezone(tz):{day}} по "
            f"{post.ends_at.astimezone(tz):{day}}, итоги — "
            f"{post.results_at.astimezone(tz):{day}}."
        )
    return "\n".join(lines)


def plan_for(post: Post, account: Account, content: Content, tz: ZoneInfo) -> AccountPlan:
    caps = capabilities(account.network)
    override = str((post.network_texts or {}).get(account.network, ""))
    adapted = adapt(
        post.text,
        network=account.network,
        capabilities=caps,
        link=post.link,
        hashtags=post.hashtags,
        has_photos=bool(content.images),
        has_media=content.has_media,
        override=override,
        appendix=rules_block(post, tz),
    )
    return AccountPlan(account, adapted, network_problems(content, account.network, caps))


def plans(
    post: Post, accounts: Sequence[Account], media: MediaCounts, tz: ZoneInfo
) -> list[AccountPlan]:
    content = content_of(post, media)
    return [plan_for(post, account, content, tz) for account in accounts]


def post_problems(
    post: Post, accounts: Sequence[Account], media: MediaCounts, policy: Policy
) -> list[str]:
    """Everything that blocks scheduling, except time and the repost cap."""
    problems = format_errors(content_of(post, media))
    if post.format != "repost" and post.format not in policy.content_formats:
        problems.append(
            f"Формат «{FORMAT_LABELS_RU.get(post.format, post.format)}» не "
            f"предусмотрен Порядком ({policy.content_formats_clause})"
        )
    if not accounts:
        problems.append("Выберите хотя бы один аккаунт")
    problems += [p for account in accounts for p in account_problems(account, policy)]
    for plan in plans(post, accounts, media, policy.tz()):
        problems += plan.problems + plan.adapted.errors
    return list(dict.fromkeys(problems))


def account_problems(account: Account, policy: Policy) -> list[str]:
    if account.status != Account.Status.ACTIVE:
        return [f"Аккаунт «{account.title}» не действует ({account.get_status_display()})"]
    if not policy.allows_network(account.network):
        label = NETWORK_LABELS_RU.get(account.network, account.network)
        return [f"Соцсеть «{label}» не предусмотрена Порядком"]
    return []


def timing_problems(at: datetime, now: datetime) -> list[str]:
    return (
        ["Время публикации уже прошло — выберите время в будущем"] if at < now - PAST_GRACE else []
    )


def cap_problems(
    post: Post, accounts: Sequence[Account], at: datetime, policy: Policy
) -> list[str]:
    if not post.is_repost:
        return []
    existing = {p.account_id: p for p in post.publications.all()} if post.pk else {}
    verdicts = [repost_verdict(a, at, policy, exclude=existing.get(a.pk)) for a in accounts]
    return [v.message for v in verdicts if not v.allowed]


def cap_status(
    accounts: Sequence[Account], at: datetime, policy: Policy
) -> list[dict[str, object]]:
    return [week_status(account, at, policy) for account in accounts]
