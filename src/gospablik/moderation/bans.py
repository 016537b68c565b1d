"""Sanctions on the networks: the network's own ban on every connected account of the
ministry on that network, after the sanction's record has committed.

What each network can do (from its connector's capabilities):

* ban with an end date (VK ``groups.ban``, Telegram) — the ladder's term is the network's;
* ban without an end date but with unban (Facebook) — banned, and :func:`lift_expired`
  unbans when the term ends;
* ban without end date nor unban (MAX), or block only when deleting a comment (OK) —
  the block is indefinite on the network; the sanction says so, a person lifts it there;
* no ban at all — the sanction is recorded only, and says so.

``applied`` keeps, per account id, ``{"ok": bool, "note": str, "lift": bool}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation.decide import CATEGORY_RU, ban_reason
from gospablik.moderation.models import Sanction
from gospablik.moderation.network import (
    PERSON_WAIT,
    backoff,
    claim,
    limiter_for,
    release,
    usable_connection,
)
from gospablik.networks.base import Capability, ConnectorError
from gospablik.networks.connections import capabilities_of, connector_for, note_failure
from gospablik.networks.ratelimit import LimiterBusy, RateLimiter
from gospablik.registry.models import Account

C = Capability
WARNING_NOTE = "Предупреждение записано в чёрный список; соцсеть не сообщает его автору."
NO_TERM = "заблокирован бессрочно: соцсеть не ставит срок блокировки"


def accounts_for(sanction: Sanction) -> list[Account]:
    offender = sanction.offender
    return list(
        Account.objects.filter(
            ministry_id=offender.ministry_id,
            network=offender.network,
            connection__isnull=False,
        )
        .exclude(status=Account.Status.DELETED)
        .order_by("pk")
    )


def apply_sanction(
    sanction_pk: int, now: datetime | None = None, *, in_request: bool = False
) -> str:
    """Apply a sanction on the networks: "done", "retry", "skipped" or (``in_request``
    and the rate limiter saturated, see :mod:`.network`) "deferred"."""
    moment = now or timezone.now()
    if not claim(Sanction, sanction_pk, moment, status=Sanction.Status.ACTIVE):
        return "skipped"
    sanction = Sanction.objects.select_related("offender", "comment").get(pk=sanction_pk)
    if sanction.action == Sanction.Action.WARNING:
        _finish(sanction, moment, WARNING_NOTE)
        return "done"
    try:
        retry = _apply_everywhere(sanction, limiter_for(in_request))
    except LimiterBusy:  # raised before the first network call: nothing was applied
        release(Sanction, sanction_pk, moment)
        return "deferred"
    if retry is None:
        _finish(sanction, moment, _summary(sanction))
        return "done"
    _postpone(sanction, moment, retry)
    return "retry"


def _apply_everywhere(sanction: Sanction, limiter: RateLimiter | None) -> ConnectorError | None:
    """Apply on every account not yet done; the last error to retry, if any."""
    retry: ConnectorError | None = None
    for account in accounts_for(sanction):
        if str(account.pk) in sanction.applied:
            continue
        try:
            sanction.applied[str(account.pk)] = _apply_on(account, sanction, limiter)
        except ConnectorError as error:
            retry = error
    return retry


def _apply_on(
    account: Account, sanction: Sanction, limiter: RateLimiter | None = None
) -> dict[str, Any]:
    """The outcome on one account; raises ConnectorError when it should be retried."""
    caps = capabilities_of(account.network)
    if C.BAN_USER in caps:
        return _ban(account, sanction, caps, limiter)
    if C.BLOCK_AUTHOR_ON_DELETE in caps:
        if sanction.comment is not None and sanction.comment.account_id == account.pk:
            note = "заблокирован при удалении комментария (бессрочно: так блокирует соцсеть)"
            return {"ok": True, "note": note, "lift": False}
        note = "не применено: соцсеть блокирует автора только при удалении его комментария"
        return {"ok": False, "note": note, "lift": False}
    return {
        "ok": False,
        "note": "не применено: соцсеть не даёт блокировать через API",
        "lift": False,
    }


def _ban(
    account: Account,
    sanction: Sanction,
    caps: frozenset[Capability],
    limiter: RateLimiter | None = None,
) -> dict[str, Any]:
    connection = usable_connection(account)
    if connection is None:
        raise ConnectorError("Подключение к соцсети не работает", network=account.network)
    until = sanction.until if C.BAN_END_DATE in caps else None
    text = f"Нарушение правил: {CATEGORY_RU.get(sanction.category, 'нарушение')}"
    try:
        connector_for(connection, limiter).ban(
            sanction.offender.author_id,
            reason=ban_reason(sanction.category),
            until=until,
            comment=text,
        )
    except ConnectorError as error:
        if error.needs_person:
            note_failure(connection, error)
        if not error.permanent or error.needs_person:
            raise
        return {"ok": False, "note": f"ошибка: {error.message}", "lift": False}
    if sanction.until is not None and until is None:
        lift = C.UNBAN_USER in caps
        note = NO_TERM + ("; снимем по сроку" if lift else "; снимите вручную в соцсети по сроку")
        return {"ok": True, "note": note, "lift": lift}
    return {"ok": True, "note": "заблокирован", "lift": False}


def _summary(sanction: Sanction) -> str:
    if not sanction.applied:
        return "Нет подключённых аккаунтов в этой соцсети: санкция только записана."
    return "; ".join(f"аккаунт {pk}: {v['note']}" for pk, v in sorted(sanction.applied.items()))


@transaction.atomic
def _finish(sanction: Sanction, now: datetime, note: str) -> None:
    sanction.network_done_at, sanction.network_next_try_at = now, None
    sanction.network_note = note
    sanction.save(
        update_fields=["applied", "network_done_at", "network_next_try_at", "network_note"]
    )
    record(
        "moderation.sanction_network",
        obj=sanction,
        ministry=sanction.offender.ministry_id,
        after={"applied": sanction.applied, "note": note},
    )


def _postpone(sanction: Sanction, now: datetime, error: ConnectorError) -> None:
    wait = (
        PERSON_WAIT if error.needs_person else backoff(sanction.network_attempts, error.retry_after)
    )
    sanction.network_next_try_at, sanction.network_note = now + wait, error.message
    sanction.save(update_fields=["applied", "network_next_try_at", "network_note"])


def unban_on_networks(
    sanction: Sanction, mark: str = "снята", only_ours: bool = False
) -> list[str]:
    """Lift a sanction's network bans where it was banned; return Russian error notes.
    ``only_ours``: just the bans the network cannot end by itself."""
    errors: list[str] = []
    for account in accounts_for(sanction):
        outcome = sanction.applied.get(str(account.pk))
        if not outcome or not outcome.get("ok") or outcome.get("lifted"):
            continue
        if only_ours and not outcome.get("lift"):
            continue
        errors += _unban_on(account, sanction, outcome, mark)
    Sanction.objects.filter(pk=sanction.pk).update(applied=sanction.applied)
    return errors


def _unban_on(
    account: Account, sanction: Sanction, outcome: dict[str, Any], mark: str
) -> list[str]:
    if C.UNBAN_USER not in capabilities_of(account.network):
        return [f"«{account.title}»: соцсеть не даёт снять блокировку через API — снимите вручную"]
    connection = usable_connection(account)
    try:
        if connection is None:
            raise ConnectorError("подключение к соцсети не работает", network=account.network)
        connector_for(connection).unban(sanction.offender.author_id)
    except ConnectorError as error:
        return [f"«{account.title}»: {error.message}"]
    outcome.update(lifted=True, note=f"{outcome['note']}; {mark}")
    return []


def lift_expired(now: datetime | None = None) -> int:
    """Unban, when their term ends, bans the network could not give an end date."""
    moment = now or timezone.now()
    due = Sanction.objects.filter(
        action=Sanction.Action.BAN, status=Sanction.Status.ACTIVE, until__lte=moment
    ).exclude(network_done_at=None)
    lifted = 0
    for sanction in due.select_related("offender"):
        if any(v.get("lift") and not v.get("lifted") for v in sanction.applied.values()):
            unban_on_networks(sanction, mark="снята по сроку", only_ours=True)
            lifted += 1
    return lifted
