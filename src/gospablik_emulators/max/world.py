"""State of the MAX emulator: a channel, its posts and comments, the update log.

Times are milliseconds since the epoch (UTC), as in the MAX Bot API. The "human in the UI"
methods (``add_comment``, ``post_as_admin``, ``add_admin`` …) change the world the way a
person in the MAX app would.
"""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_TOKEN = "max-demo-token-gospablik-0001"  # noqa: S105 (public demo token of the emulator)
CHANNEL_ID = -70000000000001
BOT_PERMISSIONS = ["read_all_messages", "add_remove_members", "change_chat_info", "write",
                   "edit", "delete", "pin_message", "edit_link"]  # fmt: skip
OWNER_PERMISSIONS = [*BOT_PERMISSIONS, "add_admins", "can_call", "view_stats"]


def make_user(user_id: int, first_name: str, last_name: str = "", *, bot: bool = False) -> dict:
    """A MAX ``User`` object.

    >>> make_user(7, "Анна", "Орлова")["name"]
    'Анна Орлова'
    """
    name = " ".join(p for p in (first_name, last_name) if p)
    return {"user_id": user_id, "first_name": first_name, "last_name": last_name or None,
            "username": None, "is_bot": bot, "last_activity_time": 0, "name": name}  # fmt: skip


@dataclass
class MaxChat:
    chat_id: int
    title: str
    link: str
    description: str = ""
    participants_count: int = 0
    owner_id: int = 0
    admins: list[dict[str, Any]] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)

    def as_max(self, now: int) -> dict[str, Any]:
        return {"chat_id": self.chat_id, "type": "channel", "status": "active",
                "title": self.title, "icon": {"url": "https://i.oneme.ru/demo/icon.png"},
                "last_event_time": now, "participants_count": self.participants_count,
                "owner_id": self.owner_id, "is_public": True, "link": self.link,
                "description": self.description, "messages_count": 0}  # fmt: skip

    def member(self, user_id: int) -> dict[str, Any] | None:
        return next((a for a in self.admins if a["user_id"] == user_id), None)


class MaxWorld:
    """Everything the emulated MAX knows."""

    def __init__(self, token: str = DEMO_TOKEN, clock: Callable[[], float] = time.time) -> None:
        self.token = token
        self.clock = clock
        self.bot = make_user(229229229, "Госпаблик (демо)", bot=True)
        self.bot["username"] = "gospablik_demo_bot"
        self.chats: dict[int, MaxChat] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # mid -> Message
        self.comments: dict[str, dict[str, dict[str, Any]]] = {}  # post mid -> mid -> Comment
        self.updates: list[dict[str, Any]] = []
        self.marker = 1
        self.subscriptions: list[dict[str, Any]] = []
        self.uploads: dict[str, str] = {}  # token -> type
        self.dialogs: dict[int, dict[str, Any]] = {}  # user id -> {chat_id, stopped, messages}
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._seq = 116327994376978687
        self._next_user_id = 500000001
        self._demo()

    def _demo(self) -> None:
        owner = make_user(123123123, "Мария", "Иванова")
        chat = MaxChat(CHANNEL_ID, "Минздрав Кузбасса (демо)", "https://max.ru/minzdrav_demo",
                       "Официальный канал (эмулятор)", 860, owner["user_id"])  # fmt: skip
        chat.admins.append(self._member(owner, OWNER_PERMISSIONS, owner=True))
        chat.admins.append(self._member(self.bot, BOT_PERMISSIONS))
        self.chats[chat.chat_id] = chat

    def _member(self, user: dict, permissions: list[str], owner: bool = False) -> dict:
        now = self.now()
        return {**user, "avatar_url": "", "full_avatar_url": "", "description": None,
                "last_access_time": now, "is_owner": owner, "is_admin": True, "join_time": now,
                "permissions": list(permissions), "alias": None}  # fmt: skip

    # --- ids, time, lookups ---------------------------------------------------------------

    def now(self) -> int:
        return int(self.clock() * 1000)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def new_mid(self, seq: int) -> str:
        return f"mid.{seq:032x}"

    def channel(self) -> MaxChat:
        return self.chats[CHANNEL_ID]

    def bot_can(self, chat: MaxChat, permission: str) -> bool:
        entry = chat.member(self.bot["user_id"])
        return entry is not None and permission in entry["permissions"]

    # --- updates -----------------------------------------------------------------------------

    def emit(self, update_type: str, **fields: Any) -> dict[str, Any]:
        update = {**copy.deepcopy(fields), "timestamp": self.now(), "update_type": update_type}
        self.updates.append({"_marker": self.marker + len(self.updates), **update})
        for listener in self.listeners:
            listener(update)
        return update

    def pending(self, marker: int | None) -> list[dict[str, Any]]:
        if marker is not None:
            self.updates = [u for u in self.updates if u["_marker"] >= marker]
        return self.updates

    # --- posting -------------------------------------------------------------------------------

    def post(self, chat: MaxChat, body: dict[str, Any], sender: dict | None = None) -> dict:
        seq = self.next_seq()
        mid = self.new_mid(seq)
        message: dict[str, Any] = {
            "recipient": {"chat_id": chat.chat_id, "chat_type": "channel", "user_id": None},
            "timestamp": self.now(),
            "body": {"mid": mid, "seq": seq, "text": body.get("text") or "",
                     "attachments": body.get("attachments") or []},
            "stat": {"views": 0},
            "url": f"{chat.link}/{mid.removeprefix('mid.')}",
        }  # fmt: skip
        if sender is not None:
            message["sender"] = sender
        self.messages[mid] = message
        self.comments[mid] = {}
        return message

    def comment(self, post_mid: str, text: str, sender: dict, reply_to: str | None) -> dict:
        post = self.messages[post_mid]
        seq = self.next_seq()
        comment: dict[str, Any] = {
            "recipient": {"chat_id": post["recipient"]["chat_id"], "chat_type": "channel",
                          "post_id": post_mid},
            "timestamp": self.now(),
            "body": {"mid": self.new_mid(seq), "seq": seq, "text": text},
            "sender": sender,
        }  # fmt: skip
        if reply_to:
            comment["link"] = {"type": "reply", "mid": reply_to}
        self.comments[post_mid][comment["body"]["mid"]] = comment
        return comment

    # --- a human in the MAX app --------------------------------------------------------------

    def new_user(self, first_name: str = "Иван", last_name: str = "Петров") -> dict[str, Any]:
        user = make_user(self._next_user_id, first_name, last_name)
        self._next_user_id += 1
        return user

    def add_comment(
        self, post_mid: str, text: str, user: dict | None = None, reply_to: str | None = None
    ) -> dict[str, Any]:
        author = user or self.new_user()
        chat = self.chats[self.messages[post_mid]["recipient"]["chat_id"]]
        if author["user_id"] in chat.blocked:
            raise PermissionError(f"user {author['user_id']} is blocked in the channel")
        comment = self.comment(post_mid, text, author, reply_to)
        self.emit("comment_created", message=comment)
        return comment

    def dialog_post(self, user_id: int, text: str, sender: dict[str, Any]) -> dict[str, Any]:
        """A message in the dialog of ``user_id`` with the bot (from either side)."""
        dialog = self.dialogs[user_id]
        seq = self.next_seq()
        by_bot = sender["user_id"] == self.bot["user_id"]
        message: dict[str, Any] = {
            "recipient": {"chat_id": dialog["chat_id"], "chat_type": "dialog",
                          "user_id": user_id if by_bot else self.bot["user_id"]},
            "timestamp": self.now(), "sender": sender,
            "body": {"mid": self.new_mid(seq), "seq": seq, "text": text},
        }  # fmt: skip
        dialog["messages"].append(message)
        return message

    def write_to_bot(self, text: str, user: dict | None = None) -> dict[str, Any]:
        """A person opens the dialog with the bot (or writes in it again)."""
        author = user or self.new_user()
        dialog = self.dialogs.setdefault(author["user_id"], {"chat_id": 900000000 + len(
            self.dialogs), "stopped": False, "messages": []})  # fmt: skip
        dialog["stopped"] = False
        message = self.dialog_post(author["user_id"], text, author)
        self.emit("message_created", message=message, user_locale="ru")
        return message

    def stop_bot(self, user_id: int) -> None:
        """The person stops (blocks) the bot in the app."""
        self.dialogs[user_id]["stopped"] = True
        self.emit("bot_stopped", chat_id=self.dialogs[user_id]["chat_id"],
                  user=make_user(user_id, ""))  # fmt: skip

    def answers(self, user_id: int) -> list[dict[str, Any]]:
        """What the bot wrote in its dialog with ``user_id``, oldest first."""
        dialog = self.dialogs.get(user_id) or {"messages": []}
        return [m for m in dialog["messages"] if m["sender"]["user_id"] == self.bot["user_id"]]

    def edit_comment(self, post_mid: str, comment_mid: str, text: str) -> dict[str, Any]:
        comment = self.comments[post_mid][comment_mid]
        comment["body"]["text"] = text
        self.emit("comment_edited", message=comment)
        return comment

    def post_as_admin(self, text: str) -> dict[str, Any]:
        chat = self.channel()
        message = self.post(chat, {"text": text})
        self.emit("message_created", message=message)
        return message

    def add_admin(self, user: dict[str, Any], permissions: list[str] | None = None) -> None:
        self.channel().admins.append(self._member(user, permissions or ["write"]))

    def remove_admin(self, user_id: int) -> None:
        chat = self.channel()
        chat.admins = [a for a in chat.admins if a["user_id"] != user_id]

    def rename(self, title: str) -> None:
        self.channel().title = title

    def set_description(self, text: str) -> None:
        self.channel().description = text

    def set_bot_permissions(self, permissions: list[str]) -> None:
        entry = self.channel().member(self.bot["user_id"])
        if entry is not None:
            entry["permissions"] = list(permissions)

    def add_views(self, mid: str, views: int) -> None:
        self.messages[mid]["stat"]["views"] += views

    def revoke_token(self) -> str:
        """@MasterBot /revoke: the old token stops working (401)."""
        self.token = secrets.token_urlsafe(24)
        return self.token

    def dump(self) -> dict[str, Any]:
        return {
            "bot": self.bot,
            "chats": {str(c.chat_id): {**c.as_max(self.now()), "admins": c.admins,
                                       "blocked": sorted(c.blocked)}
                      for c in self.chats.values()},
            "messages": list(self.messages.values()),
            "comments": {mid: list(c.values()) for mid, c in self.comments.items()},
            "pending_updates": self.updates,
            "subscriptions": [{k: v for k, v in s.items() if k != "secret"}
                              for s in self.subscriptions],
        }  # fmt: skip
