"""Networks an account can live on, with the hosts their URLs use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NETWORK_LABELS = {
    "vk": _("ВКонтакте"),
    "ok": _("Одноклассники"),
    "telegram": _("Telegram"),
    "max": _("MAX"),
    "facebook": _("Facebook"),
    "instagram": _("Instagram"),
    "blog": _("Блог"),
}
NETWORK_CHOICES = list(NETWORK_LABELS.items())

NETWORK_HOSTS = {
    "vk": ("vk.com", "vk.ru", "m.vk.com"),
    "ok": ("ok.ru", "m.ok.ru", "odnoklassniki.ru"),
    "telegram": ("t.me", "telegram.me"),
    "max": ("max.ru", "web.max.ru"),
    "facebook": ("facebook.com", "www.facebook.com", "fb.com", "m.facebook.com"),
    "instagram": ("instagram.com", "www.instagram.com"),
}


def host_matches(network: str, host: str) -> bool:
    """Whether a URL host belongs to the network (blogs may live anywhere).

    >>> host_matches("vk", "vk.com"), host_matches("vk", "ok.ru"), host_matches("blog", "x.ru")
    (True, False, True)
    """
    hosts = NETWORK_HOSTS.get(network)
    if hosts is None:
        return True
    host = host.lower()
    return host in hosts or host.removeprefix("www.") in hosts
