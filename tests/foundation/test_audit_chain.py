from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from gospablik.audit.anchor import write_checkpoint
from gospablik.audit.chain import GENESIS, entry_hash
from gospablik.audit.log import _hashed_fields, record, verify
from gospablik.audit.models import AuditEntry, AuditHead


@pytest.fixture
def entries(db):
    for n in range(5):
        record("test.action", object_type="test", object_id=str(n), after={"n": n})
    return AuditEntry.objects.order_by("seq")


def test_it_verifies_an_intact_chain(entries):
    result = verify()
    assert result.ok and result.checked == 5


def test_it_detects_an_edited_entry(entries):
    AuditEntry.objects.filter(seq=3).update(after={"n": 999})
    result = verify()
    assert not result.ok and "#3" in result.problem


def test_it_detects_a_deleted_entry_in_the_middle(entries):
    AuditEntry.objects.filter(seq=2).delete()
    assert "#2 is missing" in verify().problem


def test_it_detects_deleted_entries_at_the_end(entries):
    AuditEntry.objects.filter(seq=5).delete()
    assert "deleted" in verify().problem


def test_it_refuses_to_update_an_entry_through_the_model(entries):
    entry = entries.first()
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()


def test_it_fails_the_verify_command_on_tampering(entries, capsys):
    call_command("audit", "verify")
    assert "chain intact" in capsys.readouterr().out
    AuditEntry.objects.filter(seq=1).update(actor_repr="someone else")
    with pytest.raises(CommandError, match="altered"):
        call_command("audit", "verify")


def test_it_catches_a_cut_tail_with_the_head_moved_back(entries):
    """Delete the last entries and set the head to the new last one: the chain alone is
    consistent; the checkpoint written before catches it."""
    call_command("audit", "checkpoint")
    AuditEntry.objects.filter(seq__gte=4).delete()
    last = AuditEntry.objects.get(seq=3)
    AuditHead.objects.filter(pk=1).update(last_seq=3, last_hash=last.hash)
    result = verify()
    assert not result.ok and "deleted" in result.problem


def test_it_catches_a_cut_tail_with_the_head_deleted(entries):
    write_checkpoint()
    AuditEntry.objects.filter(seq__gte=4).delete()
    AuditHead.objects.all().delete()
    assert "deleted" in verify().problem


def test_it_catches_a_full_recomputation_after_an_edit(entries):
    """Without the key, whoever edits an entry cannot recompute the chain: recomputing
    it with plain SHA-256 (as the chain once was) fails."""
    write_checkpoint()
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        fields = _hashed_fields(entry) | ({"after": {"n": -1}} if entry.seq == 2 else {})
        new_hash = entry_hash(prev, fields)
        AuditEntry.objects.filter(pk=entry.pk).update(
            after=fields["after"], prev_hash=prev, hash=new_hash, key_id=""
        )
        prev = new_hash
    AuditHead.objects.filter(pk=1).update(last_hash=prev)
    assert not verify().ok


def test_it_catches_a_recomputation_with_a_guessed_key(entries, settings):
    write_checkpoint()
    settings.AUDIT_KEYS = "k9:a-guessed-key"
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        new_hash = entry_hash(prev, _hashed_fields(entry), b"a-guessed-key")
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=prev, hash=new_hash, key_id="k9")
        prev = new_hash
    AuditHead.objects.filter(pk=1).update(last_hash=prev)
    # the checkpoint was signed with the real key, which the attacker's config lacks
    assert not verify().ok


def test_it_refuses_a_forged_checkpoint_line(entries, settings):
    write_checkpoint()
    with open(settings.AUDIT_CHECKPOINT_FILE, "a") as file:
        file.write('{"seq": 5, "hash": "x", "at": "now", "key_id": "k", "sig": "y"}\n')
    assert "checkpoint line 2" in verify().problem


def test_entries_from_before_the_key_still_verify(db):
    """Entries written before the chain was keyed (plain SHA-256) verify, and the keyed
    chain continues from them."""
    record("test.action", object_type="test", object_id="1")
    old = AuditEntry.objects.get()
    plain = entry_hash(GENESIS, _hashed_fields(old))
    AuditEntry.objects.filter(pk=old.pk).update(hash=plain, key_id="")
    AuditHead.objects.filter(pk=1).update(last_hash=plain)
    record("test.action", object_type="test", object_id="2")
    assert AuditEntry.objects.get(seq=2).key_id
    assert verify().ok
    write_checkpoint()
    assert verify().ok


def test_the_keys_rotate_and_old_entries_verify(entries, settings):
    old = settings.AUDIT_KEYS
    settings.AUDIT_KEYS = f"k-new:a-new-secret,{old}"
    record("test.action", object_type="test", object_id="6")
    assert AuditEntry.objects.get(seq=6).key_id == "k-new"
    assert verify().ok


def test_the_beat_writes_checkpoints():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["audit-checkpoint"]
    assert entry["task"] == "gospablik.audit.tasks.checkpoint" and entry["schedule"] <= 600


def test_the_checkpoint_task_appends_a_signed_line(entries, settings):
    from gospablik.audit.tasks import checkpoint

    assert checkpoint() == 5
    assert checkpoint() == 5
    lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert len(lines) == 2 and '"seq": 5' in lines[0]
