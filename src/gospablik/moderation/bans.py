"""Sanctions on the networks: the network's own ban on every connected account of the
ministry on that network, after the sanction's record has committed.

What each network can do (from its connector's capabilities):

* ban with an end date (VK ``groups.ban``, Telegram) — the ladder's term is the network's;
* ban without an end date but with unban (Facebook) — banned, and :func:`lift_expired`
  unbans when the term ends;
* ban without end date nor unban (MAX), or block only when deleting a comment (OK) —
  the block is indefinite on the network; the sanction says so, a person lifts it there;
* no ban at all — the sanction is recorded only, and says so.

``applied`` keeps, per account id, ``{"ok": bool, "note": str, "lift": bool}``. Each
network ban (and unban) is one operation of the outbound queue per account, queued in the
sanction's transaction; its outcome fills ``applied`` and, once every account has one,
finishes the sanction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.moderation.decide import CATEGORY_RU, ban_reason
from gospablik.moderation.models import Sanction
from gospablik.networks.base import BaseConnector, Capability
from gospablik.networks.connections import capabilities_of
from gospablik.networks.models import Connection
from gospablik.networks.outbound import (
    Operation,
    enqueue,
    executor,
    on_outcome,
    on_retry,
    run_one,
)
from gospablik.registry.models import Account

C = Capability
S = Operation.State
BAN = "moderation.ban"
UNBAN = "moderation.unban"
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


def queue_sanction(sanction: Sanction) -> list[Operation]:
    """In the sanction's transaction: one ban operation per account whose network bans;
    the others get their outcome now (see the module doc). Returns the operations."""
    if sanction.action == Sanction.Action.WARNING:
        _finish(sanction, WARNING_NOTE)
        return []
    operations = []
    for account in accounts_for(sanction):
        caps = capabilities_of(account.network)
        if C.BAN_USER in caps:
            payload = {"sanction": sanction.pk, "account": account.pk}
            operations.append(enqueue(BAN, account.connection, payload,
                                      key=f"sanction:{sanction.pk}", subject=sanction,
                                      run_now=False))  # fmt: skip
        else:
            sanction.applied[str(account.pk)] = _without_ban(account, sanction, caps)
    Sanction.objects.filter(pk=sanction.pk).update(applied=sanction.applied)
    _finish_if_complete(sanction.pk)
    return operations


def _without_ban(
    account: Account, sanction: Sanction, caps: frozenset[Capability]
) -> dict[str, Any]:
    if C.BLOCK_AUTHOR_ON_DELETE in caps:
        if sanction.comment is not None and sanction.comment.account_id == account.pk:
            note = "заблокирован при удалении комментария (бессрочно: так блокирует соцсеть)"
            return {"ok": True, "note": note, "lift": False}
        note = "не применено: соцсеть блокирует автора только при удалении его комментария"
        return {"ok": False, "note": note, "lift": False}
    return {"ok": False, "note": "не применено: соцсеть не даёт блокировать через API",
            "lift": False}  # fmt: skip


def _sanction(op: Operation) -> Sanction:
    return Sanction.objects.select_related("offender").get(pk=op.payload["sanction"])


@executor(BAN)
def ban(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    sanction = _sanction(op)
    if sanction.status != Sanction.Status.ACTIVE:
        return {"skipped": sanction.status}
    until = sanction.until if C.BAN_END_DATE in type(connector).capabilities else None
    connector.ban(
        sanction.offender.author_id,
        reason=ban_reason(sanction.category),
        until=until,
        comment=f"Нарушение правил: {CATEGORY_RU.get(sanction.category, 'нарушение')}",
    )
    return {"until": until.isoformat() if until else None}


@on_outcome(BAN)
def banned(op: Operation) -> None:
    sanction = Sanction.objects.select_for_update().get(pk=op.payload["sanction"])
    sanction.applied[str(op.payload["account"])] = _ban_outcome(op, sanction)
    Sanction.objects.filter(pk=sanction.pk).update(
        applied=sanction.applied, network_attempts=min(op.attempts, 32767)
    )
    _finish_if_complete(sanction.pk)


def _ban_outcome(op: Operation, sanction: Sanction) -> dict[str, Any]:
    if op.state != S.DONE:
        return {"ok": False, "note": f"ошибка: {op.last_error}", "lift": False}
    if op.result.get("skipped"):
        return {"ok": False, "note": "не применено: санкция снята", "lift": False}
    if sanction.until is not None and op.result.get("until") is None:
        network = op.connection.account.network
        lift = C.UNBAN_USER in capabilities_of(network)
        note = NO_TERM + ("; снимем по сроку" if lift else "; снимите вручную в соцсети по сроку")
        return {"ok": True, "note": note, "lift": lift}
    return {"ok": True, "note": "заблокирован", "lift": False}


@on_retry(BAN)
def ban_retry(op: Operation) -> None:
    Sanction.objects.filter(pk=op.payload["sanction"]).update(
        network_note=op.last_error,
        network_next_try_at=op.next_try_at,
        network_attempts=min(op.attempts, 32767),
    )


def _finish_if_complete(sanction_pk: int) -> None:
    sanction = Sanction.objects.select_related("offender").get(pk=sanction_pk)
    if sanction.network_done_at is None and all(
        str(a.pk) in sanction.applied for a in accounts_for(sanction)
    ):
        _finish(sanction, _summary(sanction))


def _summary(sanction: Sanction) -> str:
    if not sanction.applied:
        return "Нет подключённых аккаунтов в этой соцсети: санкция только записана."
    return "; ".join(f"аккаунт {pk}: {v['note']}" for pk, v in sorted(sanction.applied.items()))


@transaction.atomic
def _finish(sanction: Sanction, note: str) -> None:
    sanction.network_done_at, sanction.network_next_try_at = timezone.now(), None
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


# --- lifting ------------------------------------------------------------------------------


def unban_on_networks(
    sanction: Sanction, mark: str = "снята", only_ours: bool = False
) -> list[str]:
    """Lift a sanction's network bans where it was banned; return Russian error notes.
    ``only_ours``: just the bans the network cannot end by itself. Each unban is an
    operation of the queue, attempted now (waiting for its rate-limit slot)."""
    errors: list[str] = []
    for account in accounts_for(sanction):
        outcome = sanction.applied.get(str(account.pk))
        if not outcome or not outcome.get("ok") or outcome.get("lifted"):
            continue
        if only_ours and not outcome.get("lift"):
            continue
        errors += _unban_on(account, sanction, mark)
    sanction.refresh_from_db(fields=["applied"])
    return errors


def _unban_on(account: Account, sanction: Sanction, mark: str) -> list[str]:
    if C.UNBAN_USER not in capabilities_of(account.network):
        return [f"«{account.title}»: соцсеть не даёт снять блокировку через API — снимите вручную"]
    connection = Connection.objects.filter(account=account).first()
    if connection is None or not connection.is_usable:
        return [f"«{account.title}»: подключение к соцсети не работает"]
    payload = {"sanction": sanction.pk, "account": account.pk, "mark": mark}
    op = enqueue(UNBAN, connection, payload, key=f"sanction:{sanction.pk}:unban",
                 subject=sanction, run_now=False)  # fmt: skip
    run_one(op.pk)
    op.refresh_from_db()
    if op.state in (S.FAILED, S.NEEDS_PERSON) or op.last_error:
        return [f"«{account.title}»: {op.last_error}"]
    return []


@executor(UNBAN)
def unban(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    connector.unban(_sanction(op).offender.author_id)
    return {}


@on_outcome(UNBAN)
def unbanned(op: Operation) -> None:
    if op.state != S.DONE:
        return
    sanction = Sanction.objects.select_for_update().get(pk=op.payload["sanction"])
    outcome = sanction.applied.get(str(op.payload["account"]))
    if outcome is not None:
        outcome.update(lifted=True, note=f"{outcome['note']}; {op.payload['mark']}")
        Sanction.objects.filter(pk=sanction.pk).update(applied=sanction.applied)


def lift_expired(now: Any = None) -> int:
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
