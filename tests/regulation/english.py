"""What an English page must not show: Cyrillic outside user content, raw enum values,
database ids or clause codes. Used on rendered HTML (fast) and on the browser's DOM."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from django.apps import apps

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
SKIP_TAGS = {"script", "style", "textarea", "pre"}  # <pre>: the policy as its author wrote it
ATTRS = {"title", "placeholder", "aria-label", "alt"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        for name, value in attrs:
            if value and (name in ATTRS or (name == "value" and ("type", "submit") in attrs)):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(p.split()) for p in parser.parts]


# What people and citizens wrote (names, titles, texts, the policy's own wording): it stays
# as written on English pages. Everything else on a page is ours and must be English.
USER_FIELDS: dict[str, tuple[str, ...]] = {
    "auth.User": ("first_name", "last_name", "username"),
    "orgs.Ministry": ("name", "short_name"),
    "orgs.Organization": ("name", "short_name"),
    "policy.PolicyVersion": ("comment",),
    "registry.Account": (
        "title",
        "url",
        "responsible_person",
        "responsible_contact",
        "description",
    ),
    "security.AccountSecurity": ("owner_login_holder",),
    "security.AllowedAdmin": ("name",),
    "security.Snapshot": ("title", "description"),
    "content.InfoOccasion": ("title", "source", "facts_provider", "description"),
    "content.Post": ("title", "text", "hashtags"),
    "content.Publication": ("text",),
    "content.RemotePost": ("text",),
    "approvals.Submission": ("title", "description"),
    "approvals.SubmissionItem": ("text",),
    "approvals.Remark": ("quote", "anchor_text", "text"),
    "approvals.InformationRequest": ("topic", "questions"),
    "approvals.RequestMessage": ("text",),
    "moderation.Comment": ("author_name", "text", "decision_reason"),
    "moderation.Message": ("author_name", "text", "answer_text"),
    "moderation.Offender": ("author_name",),
    "moderation.Sanction": ("appeal_text",),
    "moderation.UnlawfulRule": ("norm", "description"),
    "moderation.ArchivedItem": ("text",),
    "content.PostMedia": ("alt",),
    "dialogue.Answer": ("text",),
    "dialogue.Thread": ("topic",),
    "dialogue.Template": ("title", "text"),
    "dialogue.Note": ("text",),
    "styleguide.StyleEntry": ("phrase", "suggestion", "note"),
    "styleguide.StyleOverride": ("reason",),
    "audit.AuditEntry": ("actor_repr", "object_repr", "reason"),
    # a duty's title and description are written into the record when it opens (in Russian,
    # like the letter they lead to); pages in English show the kind of duty instead
    "duties.Duty": ("title", "description", "recipient"),
}
EVIDENCE = ("reference", "comment")  # what a person wrote when closing a duty


def user_strings() -> list[str]:
    """Every text a person or a citizen entered, longest first."""
    found: set[str] = set()
    for label, fields in USER_FIELDS.items():
        for row in apps.get_model(label).objects.values_list(*fields)[:5000]:
            found.update(v for v in row if isinstance(v, str))
    for text in apps.get_model("policy.PolicyVersion").objects.values_list("text", flat=True):
        found.update(_leaves(yaml.safe_load(text)))
    for resolution in apps.get_model("duties.Duty").objects.values_list("resolution", flat=True):
        found.update(str((resolution or {}).get(k, "")) for k in EVIDENCE)
    texts = {" ".join(t.split()) for t in found}
    return sorted((t for t in texts if len(t) > 1), key=len, reverse=True)


def _leaves(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _leaves(v)]
    if isinstance(value, list):
        return [s for v in value for s in _leaves(v)]
    return []


SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # registry_keeper, order_publication_step
DOTTED = re.compile(r"\b([a-z]+)\.[a-z_]+\b")  # account.register, registry.account
PYTHON = re.compile(r"\b(?:None|True|False)\b(?!\.)|\{'|\['")  # repr of Python values
# "ministry: 1", "responsible_org: 3", "pk=3"
ID = re.compile(
    r"\b(?:ministry|organization|responsible_org|account|user|post|duty|pk|id)(?:_id)?[:=] ?\d+"
)
# what an action code starts with (the app labels and the audit's action prefixes)
PREFIXES = frozenset({"account", "duty", "policy", "security", "post", "comment", "thread"})


def _prefixes() -> frozenset[str]:
    return PREFIXES | {config.label for config in apps.get_app_configs()}


def internal_codes(html: str, user: list[str]) -> list[str]:
    """Enum values, dotted action codes, ids and Python reprs in the visible text."""
    left = []
    for part in visible_text(html):
        part = without_user_text(part, user)
        found = [*SNAKE.finditer(part), *PYTHON.finditer(part), *ID.finditer(part)]
        found += [m for m in DOTTED.finditer(part) if m.group(1) in _prefixes()]
        left += [f"{m.group(0)!r} in {part.strip()[:120]!r}" for m in found]
    return left


def without_user_text(part: str, user: list[str]) -> str:
    """The text with every whole-word occurrence of what people wrote taken out."""
    for text in user:
        if text in part:
            part = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", " ", part)
    return part


def cyrillic_left(html: str, user: list[str]) -> list[str]:
    left = []
    for part in visible_text(html):
        part = without_user_text(part, user)
        if CYRILLIC.search(part):
            left.append(part.strip())
    return left
