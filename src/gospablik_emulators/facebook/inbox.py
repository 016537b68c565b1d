"""Direct-message conversations as Meta keeps them, for the Facebook and Instagram
emulators: a person writes; the Page (or the Instagram account) may answer within 24
hours of their last message; both directions reach the webhook, the owner's own
messages as echoes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .graph import GraphApiError

REPLY_WINDOW = 24 * 3600  # standard messaging: answer within 24 h of the person's message


class MetaInbox:
    def __init__(
        self,
        owner_id: str,
        webhook_object: str,
        *,
        now: Callable[[], float],
        new_mid: Callable[[], str],
        publish: Callable[[dict[str, Any]], None],
        echo_extra: dict[str, Any] | None = None,
    ) -> None:
        self.owner_id, self.webhook_object = owner_id, webhook_object
        self.now, self.new_mid, self.publish = now, new_mid, publish
        self.echo_extra = echo_extra or {}
        self.conversations: dict[str, dict[str, Any]] = {}  # person -> last_in, messages

    def person_writes(self, person: str, text: str) -> dict[str, Any]:
        conversation = self.conversations.setdefault(person, {"last_in": 0.0, "messages": []})
        conversation["last_in"] = self.now()
        message = {"mid": self.new_mid(), "text": text}
        conversation["messages"].append({**message, "from": person})
        self._notify(person, self.owner_id, message)
        return message

    def owner_writes(self, person: str, text: str, window_subcode: int) -> dict[str, Any]:
        """The owner's answer; refused as Meta refuses it: no such person (100/2018001),
        the 24-hour window closed (10/``window_subcode``)."""
        conversation = self.conversations.get(person)
        if conversation is None:
            raise GraphApiError(100, "(#100) No matching user found", 2018001)
        if self.now() - conversation["last_in"] > REPLY_WINDOW:
            raise GraphApiError(10, "(#10) This message is sent outside of allowed window.",
                                window_subcode)  # fmt: skip
        message = {"mid": self.new_mid(), "text": text}
        conversation["messages"].append({**message, "from": self.owner_id})
        self._notify(self.owner_id, person, {**message, "is_echo": True, **self.echo_extra})
        return message

    def answers(self, person: str) -> list[dict[str, Any]]:
        """What the owner wrote to ``person``, oldest first."""
        conversation = self.conversations.get(person) or {"messages": []}
        return [m for m in conversation["messages"] if m["from"] == self.owner_id]

    def age(self, person: str, seconds: float) -> None:
        """Move the person's last message ``seconds`` into the past."""
        self.conversations[person]["last_in"] -= seconds

    def _notify(self, sender: str, recipient: str, message: dict[str, Any]) -> None:
        ms = int(self.now() * 1000)
        event = {"sender": {"id": sender}, "recipient": {"id": recipient}, "timestamp": ms,
                 "message": message}  # fmt: skip
        entry = {"id": self.owner_id, "time": ms, "messaging": [event]}
        self.publish({"object": self.webhook_object, "entry": [entry]})
