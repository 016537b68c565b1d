"""An answer is checked before it is queued: empty, too long, links the network forbids.

Limits are the networks' documented maxima for a comment reply or a private message.
Links to networks that are blocked in Russia are refused on every network; Instagram
replies carry no links at all (they are not clickable and get replies hidden as spam).

>>> problems("", "vk", private=False)
['Ответ пуст.']
>>> problems("Смотрите https://vk.com/page", "instagram", private=False)[0][:40]
'Instagram: ссылки в ответах не разрешены'
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from gospablik.networks.base import NETWORK_LABELS_RU

REPLY_LIMITS = {
    "vk": 16384,
    "ok": 4000,
    "telegram": 4096,
    "max": 4000,
    "facebook": 8000,
    "instagram": 2200,
    "blog": 10000,
}
MESSAGE_LIMITS = {"vk": 4096, "ok": 4000, "telegram": 4096, "max": 4000}
DEFAULT_LIMIT = 4000
URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(ru|рф|com|org|net|me|io)\b\S*", re.IGNORECASE)
BLOCKED_HOSTS = ("facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com")
NO_LINKS = frozenset({"instagram"})


def problems(text: str, network: str, *, private: bool) -> list[str]:
    """Russian (translated) reasons the answer cannot go out; empty when it can."""
    body = text.strip()
    if not body:
        return [_("Ответ пуст.")]
    found = []
    limit = (MESSAGE_LIMITS if private else REPLY_LIMITS).get(network, DEFAULT_LIMIT)
    where = str(NETWORK_LABELS_RU.get(network, network))
    if len(body) > limit:
        found.append(
            _("%(where)s: ответ длиннее %(limit)s символов (сейчас %(length)s).")
            % {"where": where, "limit": limit, "length": len(body)}
        )
    found.extend(_link_problems(body, network, where))
    return found


def _link_problems(body: str, network: str, where: str) -> list[str]:
    links = [m.group(0) for m in URL.finditer(body)]
    if not links:
        return []
    if network in NO_LINKS:
        return [_("%(where)s: ссылки в ответах не разрешены — уберите %(link)s.")
                % {"where": where, "link": links[0]}]  # fmt: skip
    blocked = [link for link in links if any(host in link.lower() for host in BLOCKED_HOSTS)]
    if blocked:
        return [_("Ссылка на заблокированную в России соцсеть не допускается: %(link)s.")
                % {"link": blocked[0]}]  # fmt: skip
    return []
