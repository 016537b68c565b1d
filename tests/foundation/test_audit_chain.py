from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from gospablik.audit.log import record, verify
from gospablik.audit.models import AuditEntry


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
