"""The standard library's ``xmlrpc.client.ServerProxy`` (what LiveJournal clients are built
on; no maintained Python LJ client exists) against the blog emulator: challenge-response
login, post, edit, read back, delete, faults."""

from __future__ import annotations

import hashlib
import xmlrpc.client

import pytest

from gospablik_emulators.blog.world import DEMO_PASSWORD, DEMO_USER


def md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


@pytest.fixture
def lj(serve):
    served = serve("blog")
    proxy = xmlrpc.client.ServerProxy(f"{served.base_url}/interface/xmlrpc")
    yield proxy.LJ.XMLRPC
    proxy("close")()


def auth(lj, password: str = DEMO_PASSWORD) -> dict[str, object]:
    challenge = lj.getchallenge()["challenge"]
    return {"username": DEMO_USER, "auth_method": "challenge", "auth_challenge": challenge,
            "auth_response": md5(challenge + md5(password)), "ver": 1}  # fmt: skip


def text(value: object) -> str:
    return value.data.decode() if isinstance(value, xmlrpc.client.Binary) else str(value)


def test_a_client_logs_in_posts_edits_reads_and_deletes(lj):
    assert "fullname" in lj.login(auth(lj))
    when = {"year": 2026, "mon": 5, "day": 6, "hour": 9, "min": 0}
    posted = lj.postevent({**auth(lj), "event": "Приём граждан", "subject": "Приём", **when})
    edited = lj.editevent({**auth(lj), "itemid": posted["itemid"], "event": "Приём в субботу"})
    (entry,) = lj.getevents({**auth(lj), "selecttype": "one", "itemid": posted["itemid"]})["events"]
    assert edited["itemid"] == posted["itemid"] and text(entry["event"]) == "Приём в субботу"
    lj.editevent({**auth(lj), "itemid": posted["itemid"], "event": ""})  # LJ's delete
    gone = lj.getevents({**auth(lj), "selecttype": "one", "itemid": posted["itemid"]})
    assert gone["events"] == []


def test_faults_come_as_xmlrpc_faults(lj):
    with pytest.raises(xmlrpc.client.Fault) as wrong:
        lj.login(auth(lj, password="wrong"))
    assert wrong.value.faultCode == 101
    with pytest.raises(xmlrpc.client.Fault) as empty:
        lj.postevent({**auth(lj), "event": " "})
    assert empty.value.faultCode == 213
