"""State of the Telegram emulator: a channel, its linked discussion group, the update log.

The "human in the UI" methods (``add_comment``, ``post_as_admin``, ``add_admin`` …) change
the world the way a person in a Telegram client would, so tests and the demo can make
things happen that the Bot API itself cannot do.
"""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_TOKEN = "7000000001:AAGospablikDemoTokenForTheEmulator01"  # noqa: S105 (public demo token)
SERVICE_USER = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
CHANNEL_ID = -1001000000001
GROUP_ID = -1001000000002
BOT_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": False,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_post_messages": True,
    "can_edit_messages": True,
}


def make_user(user_id: int, first_name: str, last_name: str = "", username: str = "") -> dict:
    """A Telegram ``User`` object.

    >>> make_user(5, "Анна")["first_name"]
    'Анна'
    """
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    return user


@dataclass
class Chat:
    id: int
    type: str  # "channel" | "supergroup" | "private" (a person's chat with the bot)
    title: str
    username: str | None
    description: str = ""
    linked_chat_id: int | None = None
    member_count: int = 0
    admins: list[dict[str, Any]] = field(default_factory=list)
    banned: dict[int, int] = field(default_factory=dict)  # user_id -> until_date (0 = forever)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_message_id: int = 1

    def short(self) -> dict[str, Any]:
        if self.type == "private":
            return {"id": self.id, "first_name": self.title, "type": "private"}
        info: dict[str, Any] = {"id": self.id, "title": self.title, "type": self.type}
        if self.username:
            info["username"] = self.username
        return info

    def full(self) -> dict[str, Any]:
        info = {**self.short(), "accent_color_id": 0, "max_reaction_count": 11}
        info["description"] = self.description
        if self.linked_chat_id:
            info["linked_chat_id"] = self.linked_chat_id
        info["accepted_gift_types"] = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return info

    def add(self, message: dict[str, Any]) -> dict[str, Any]:
        stored = {"message_id": self.next_message_id, **message}
        self.next_message_id += 1
        self.messages[stored["message_id"]] = stored
        return stored

    def admin(self, user_id: int) -> dict[str, Any] | None:
        return next((a for a in self.admins if a["user"]["id"] == user_id), None)


class TelegramWorld:
    """Everything the emulated Telegram knows."""

    def __init__(self, token: str = DEMO_TOKEN, clock: Callable[[], float] = time.time) -> None:
        self.token = token
        self.clock = clock
        bot_id = int(token.split(":", 1)[0])
        self.bot: dict[str, Any] = {"id": bot_id, "is_bot": True, "first_name": "Госпаблик (демо)",
                    "username": "gospablik_demo_bot"}  # fmt: skip
        self.chats: dict[int, Chat] = {}
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 100000001
        self.webhook: dict[str, Any] = {"url": "", "secret_token": "", "allowed_updates": []}
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self.users: set[int] = set()  # people the emulated Telegram knows
        self.blocked_bot: set[int] = set()  # people who blocked the bot
        self._next_user_id = 500000001
        self._demo()

    def _demo(self) -> None:
        owner = make_user(400000001, "Мария", "Иванова", "pressa_minzdrav")
        bot_admin = {"status": "administrator", "user": self.bot, **BOT_RIGHTS}
        creator = {"status": "creator", "user": owner, "is_anonymous": False}
        self.chats[CHANNEL_ID] = Chat(
            CHANNEL_ID, "channel", "Минздрав Кузбасса (демо)", "minzdrav_kuzbass_demo",
            "Официальный канал (эмулятор)", GROUP_ID, 1520, [creator, dict(bot_admin)],
        )  # fmt: skip
        self.chats[GROUP_ID] = Chat(
            GROUP_ID, "supergroup", "Минздрав Кузбасса — обсуждение", None,
            "Комментарии к постам канала", CHANNEL_ID, 310, [dict(creator), dict(bot_admin)],
        )  # fmt: skip

    # --- lookups -------------------------------------------------------------------

    def now(self) -> int:
        return int(self.clock())

    def chat(self, ref: Any) -> Chat | None:
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            return next(
                (c for c in self.chats.values() if (c.username or "").lower() == name), None
            )
        try:
            return self.chats.get(int(ref))
        except (TypeError, ValueError):
            return None

    def chat_is_user(self, ref: Any) -> bool:
        try:
            return int(ref) in self.users
        except (TypeError, ValueError):
            return False

    def channel(self) -> Chat:
        return self.chats[CHANNEL_ID]

    def group(self) -> Chat:
        return self.chats[GROUP_ID]

    # --- the update log --------------------------------------------------------------

    def emit(self, kind: str, message: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self.next_update_id, kind: copy.deepcopy(message)}
        self.next_update_id += 1
        self.updates.append(update)
        for listener in self.listeners:
            listener(update)
        return update

    def confirm(self, offset: int) -> None:
        self.updates = [u for u in self.updates if u["update_id"] >= offset]

    # --- posting -----------------------------------------------------------------------

    def post(self, chat: Chat, content: dict[str, Any], *, by_bot: bool = True) -> dict:
        """A new message in ``chat``; channel posts are auto-forwarded to the linked group."""
        message: dict[str, Any] = {"date": self.now(), "chat": chat.short(), **content}
        if chat.type == "channel":
            message = {"sender_chat": chat.short(), **message}
        else:
            message = {"from": self.bot, **message}
        message = chat.add(message)
        if chat.type == "channel" and not by_bot:
            self.emit("channel_post", message)  # bots never get updates on their own posts
        if chat.type == "channel" and chat.linked_chat_id in self.chats:
            self._auto_forward(chat, message)
        return message

    def _auto_forward(self, channel: Chat, post: dict[str, Any]) -> None:
        group = self.chats[int(channel.linked_chat_id or 0)]
        content = {k: v for k, v in post.items() if k not in ("message_id", "chat", "sender_chat")}
        origin = {"type": "channel", "chat": channel.short(), "message_id": post["message_id"],
                  "date": post["date"]}  # fmt: skip
        copy_ = {"from": SERVICE_USER, "sender_chat": channel.short(), "chat": group.short(),
                 **content, "forward_origin": origin, "is_automatic_forward": True}  # fmt: skip
        copy_["date"] = self.now()
        self.emit("message", group.add(copy_))

    def forwarded_copy(self, post_id: int) -> dict[str, Any] | None:
        for message in self.group().messages.values():
            origin = message.get("forward_origin") or {}
            if message.get("is_automatic_forward") and origin.get("message_id") == post_id:
                return message
        return None

    # --- a human in a Telegram client --------------------------------------------------

    def new_user(self, first_name: str = "Иван", last_name: str = "Петров") -> dict[str, Any]:
        user = make_user(self._next_user_id, first_name, last_name)
        self._next_user_id += 1
        self.users.add(user["id"])
        return user

    def add_comment(
        self,
        post_id: int,
        text: str,
        user: dict[str, Any] | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """A subscriber comments on channel post ``post_id`` (or replies to a comment)."""
        root = self.forwarded_copy(post_id)
        if root is None:
            raise KeyError(f"post {post_id} has no discussion thread")
        group = self.group()
        parent = group.messages[reply_to] if reply_to else root
        shallow = {k: v for k, v in parent.items() if k != "reply_to_message"}
        author = user or self.new_user()
        if author["id"] in group.banned:
            raise PermissionError(f"user {author['id']} is banned in the discussion group")
        message = {"from": author, "chat": group.short(), "date": self.now(), "text": text,
                   "message_thread_id": root["message_id"],
                   "reply_to_message": shallow}  # fmt: skip
        stored = group.add(message)
        self.emit("message", stored)
        return stored

    def write_to_bot(self, text: str, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """A person writes to the bot in a private chat (which opens the dialog)."""
        author = user or self.new_user()
        self.users.add(author["id"])
        chat = self.chats.setdefault(
            author["id"], Chat(author["id"], "private", author["first_name"], None)
        )
        message = chat.add({"from": author, "chat": chat.short(), "date": self.now(),
                            "text": text})  # fmt: skip
        self.emit("message", message)
        return message

    def block_bot(self, user_id: int) -> None:
        """The person presses "Stop and block bot"."""
        self.blocked_bot.add(user_id)

    def answers(self, user_id: int) -> list[dict[str, Any]]:
        """What the bot wrote in its private chat with ``user_id``, oldest first."""
        chat = self.chats.get(user_id)
        mine = [] if chat is None or chat.type != "private" else list(chat.messages.values())
        return [m for m in mine if m.get("from", {}).get("id") == self.bot["id"]]

    def edit_comment(self, message_id: int, text: str) -> dict[str, Any]:
        message = self.group().messages[message_id]
        message.update(text=text, edit_date=self.now())
        self.emit("edited_message", message)
        return message

    def post_as_admin(self, text: str) -> dict[str, Any]:
        """A channel admin posts by hand in the Telegram app."""
        return self.post(self.channel(), {"text": text}, by_bot=False)

    def add_admin(self, user: dict[str, Any], status: str = "administrator") -> None:
        for chat in (self.channel(), self.group()):
            chat.admins.append({"status": status, "user": user, "is_anonymous": False})

    def remove_admin(self, user_id: int) -> None:
        for chat in (self.channel(), self.group()):
            chat.admins = [a for a in chat.admins if a["user"]["id"] != user_id]

    def rename(self, title: str) -> None:
        self.channel().title = title

    def set_description(self, text: str) -> None:
        self.channel().description = text

    def set_bot_rights(self, **rights: bool) -> None:
        for chat in (self.channel(), self.group()):
            entry = chat.admin(self.bot["id"])
            if entry is not None:
                entry.update(rights)

    def revoke_token(self) -> str:
        """@BotFather /revoke: the old token stops working (401)."""
        self.token = f"{self.bot['id']}:{secrets.token_urlsafe(26)}"
        return self.token

    def age(self, chat_id: int, message_id: int, seconds: int) -> None:
        self.chats[chat_id].messages[message_id]["date"] -= seconds

    def dump(self) -> dict[str, Any]:
        return {
            "bot": self.bot,
            "chats": {
                str(c.id): {
                    **c.full(),
                    "member_count": c.member_count,
                    "admins": c.admins,
                    "banned": c.banned,
                    "messages": list(c.messages.values()),
                }
                for c in self.chats.values()
            },  # fmt: skip
            "pending_updates": self.updates,
            "webhook": {"url": self.webhook["url"]},
        }
