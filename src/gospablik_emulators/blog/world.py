"""State of the LiveJournal emulator: users, journals, entries, issued challenges."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DEMO_USER = "minzdrav_demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 (public demo password of the emulator)
CHALLENGE_TTL = 60
MAX_EVENT_BYTES = 65535

# LiveJournal protocol error codes (LJ/Dreamwidth cgi-bin/ljprotocol.pl, table %e).
ERRORS = {
    100: "Invalid username",
    101: "Invalid password",
    105: "Challenge expired",
    153: "Incorrect time value",
    200: "Client error: Missing required argument(s)",
    201: "Client error: Unknown method",
    203: "Client error: Invalid argument(s)",
    213: "Client error: Message body is empty",
    300: "Client error: Don't have access to requested journal",
    302: "Client error: Can't edit post from requested journal",
    402: "Client error: Your IP address is temporarily banned for exceeding the login failure "
    "rate.",
    405: "Client error: Post frequency limit.",
    406: "Client error: Client is making repeated requests.  Perhaps it's broken?",
    409: "Client error: Post too large.",
    500: "Server error: Internal server error",
    502: "Server error: Database temporarily unavailable",
}


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


@dataclass
class Journal:
    name: str
    fullname: str
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_itemid: int = 1


class LiveJournalWorld:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.passwords: dict[str, str] = {DEMO_USER: DEMO_PASSWORD}
        self.journals: dict[str, Journal] = {
            DEMO_USER: Journal(DEMO_USER, "Министерство здравоохранения Кузбасса (демо)"),
        }
        self.challenges: dict[str, float] = {}  # challenge -> expiry
        self.failed_logins = 0
        self.defaultpicurl = "https://l-userpic.livejournal.com/demo/1"

    def now(self) -> float:
        return self.clock()

    def issue_challenge(self) -> dict[str, Any]:
        now = int(self.now())
        secret = secrets.token_urlsafe(15)
        challenge = f"c0:{now}:{now % 3600}:{CHALLENGE_TTL}:{secret}:{md5_hex(secret)}"
        self.challenges[challenge] = now + CHALLENGE_TTL
        return {"auth_scheme": "c0", "challenge": challenge,
                "expire_time": now + CHALLENGE_TTL, "server_time": now}  # fmt: skip

    def add_entry(self, journal: Journal, event: str, subject: str, eventtime: str,
                  props: dict[str, Any], security: str) -> dict[str, Any]:  # fmt: skip
        itemid = journal.next_itemid
        journal.next_itemid += 1
        anum = secrets.randbelow(256)
        ditemid = itemid * 256 + anum
        entry = {"itemid": itemid, "anum": anum, "ditemid": ditemid, "event": event,
                 "subject": subject, "eventtime": eventtime, "props": dict(props),
                 "security": security, "logtime": int(self.now()),
                 "url": f"https://{journal.name.replace('_', '-')}.livejournal.com/"
                        f"{ditemid}.html"}  # fmt: skip
        journal.entries[itemid] = entry
        return entry

    # --- a human in the LiveJournal web UI ---------------------------------------------------

    def post_by_hand(self, event: str, subject: str = "", journal: str = DEMO_USER) -> dict:
        eventtime = datetime.fromtimestamp(self.now(), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
        return self.add_entry(self.journals[journal], event, subject, eventtime, {}, "public")

    def change_password(self, password: str, user: str = DEMO_USER) -> None:
        self.passwords[user] = password

    def rename(self, fullname: str, journal: str = DEMO_USER) -> None:
        self.journals[journal].fullname = fullname

    def dump(self) -> dict[str, Any]:
        return {name: {"fullname": j.fullname, "entries": list(j.entries.values())}
                for name, j in self.journals.items()}  # fmt: skip
