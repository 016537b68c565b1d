"""The page passport on the registry and the security pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from gospablik.passport.items import LABELS
from gospablik.passport.models import PagePassport

register = template.Library()


def passport_of(account: Any) -> PagePassport | None:
    if type(account).passport.is_cached(account):  # select_related("passport") on a list
        return getattr(account, "passport", None)
    return PagePassport.objects.filter(account=account).first()


@register.inclusion_tag("passport/_passport.html")
def passport_card(account: Any) -> dict[str, Any]:
    passport = passport_of(account)
    rows = [
        {**item, "label": LABELS.get(str(item["item"]), item["item"])}
        for item in (passport.items if passport else [])
    ]
    return {"passport": passport, "rows": rows, "account": account}


@register.simple_tag
def passport_missing(account: Any) -> str:
    """«Аватар, Обложка», «всё на месте» or «не проверялся»."""
    passport = passport_of(account)
    if passport is None:
        return _("не проверялся")
    missing = [str(LABELS.get(str(m["item"]), m["item"])) for m in passport.missing]
    return ", ".join(missing) if missing else _("всё на месте")
