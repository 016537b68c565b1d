"""Group messages in the OK emulator: the Bot API for groups (``/graph/me/…``).

A group key (the "access_token" from the group's settings) acts as the group; people
write to a group (:meth:`GroupChats.write`), which opens their chat with it and pushes the
documented webhook body to every URL the group subscribed; the group answers into a
chat it has. Chat and message ids look like OK's (``chat:C…``, ``mid:C….…``).
"""

from __future__ import annotations

from typing import Any

from ..emulation import PushDelivery, Request
from .emulator_state import OKError, OKState


class GroupChats:
    def __init__(self, state: OKState, push: PushDelivery) -> None:
        self.state = state
        self.push = push
        self.keys: dict[str, str] = {}  # group key -> gid
        self.subscriptions: dict[str, list[str]] = {}  # gid -> webhook URLs
        self.chats: dict[str, dict[str, Any]] = {}  # chat id -> {gid, user_id, messages}
        self._seq = 98211023614189660

    def load(self, seed: dict[str, Any]) -> None:
        for key in seed.get("bot_keys", []):
            self.keys[key["access_token"]] = str(key["gid"])

    def new_key(self, gid: str) -> str:
        """An administrator generates a new key; OK then refuses the old one."""
        with self.state.lock:
            self.keys = {k: g for k, g in self.keys.items() if g != gid}
            key = f"tkn{self.state.next_id()}"
            self.keys[key] = gid
        return key

    # --- a person on ok.ru ----------------------------------------------------------------

    def write(self, gid: str, user_id: str, text: str) -> dict[str, Any]:
        """A person writes to the group; every subscribed webhook gets the message."""
        with self.state.lock:
            self.state.group(gid)
            chat_id = self.chat_of(gid, user_id) or self._open(gid, user_id)
            update = {"sender": {"user_id": f"user:{user_id}"},
                      "recipient": {"chat_id": chat_id},
                      "message": {"text": text, **self._mid(chat_id)},
                      "timestamp": self.state.now_ms()}  # fmt: skip
            self.chats[chat_id]["messages"].append(update)
            urls = list(self.subscriptions.get(gid, []))
        for url in urls:
            self.push.deliver(url, update)
        return update

    def delete_chat(self, gid: str, user_id: str) -> None:
        """The person deletes the chat with the group (answers then find no chat)."""
        with self.state.lock:
            self.chats.pop(self.chat_of(gid, user_id) or "", None)

    def chat_of(self, gid: str, user_id: str) -> str | None:
        for chat_id, chat in self.chats.items():
            if (chat["gid"], chat["user_id"]) == (gid, user_id):
                return chat_id
        return None

    def answers(self, gid: str, user_id: str) -> list[dict[str, Any]]:
        """What the group wrote in its chat with ``user_id``, oldest first."""
        chat = self.chats.get(self.chat_of(gid, user_id) or "") or {"messages": []}
        return [m for m in chat["messages"] if m["sender"]["user_id"] == f"group:{gid}"]

    def _open(self, gid: str, user_id: str) -> str:
        chat_id = f"chat:C{int(self.state.next_id()):x}"
        self.chats[chat_id] = {"gid": gid, "user_id": user_id, "messages": []}
        return chat_id

    def _mid(self, chat_id: str) -> dict[str, Any]:
        self._seq += 1
        return {"seq": self._seq, "mid": f"mid:{chat_id.removeprefix('chat:')}.{self._seq:x}"}

    # --- the Graph API ----------------------------------------------------------------------

    def handle(self, req: Request) -> Any:
        """One ``/graph/…`` call; raises :class:`OKError` as OK answers errors."""
        gid = self.keys.get(req.query.get("access_token", ""))
        if gid is None:  # VERIFY: the code OK gives a wrong group key is not documented
            raise OKError(102, "Invalid access_token")
        path = req.path.removeprefix("/graph/")
        if req.method != "POST" or not req.headers.get("Content-Type", "").startswith(
            "application/json"
        ):
            raise OKError(3, f"{req.method} {path} with {req.headers.get('Content-Type')}")
        body = req.json()
        if not isinstance(body, dict):
            raise OKError(100, "payload must be a JSON object")
        if path == "me/subscribe":
            return self._subscribe(gid, body)
        if path == "me/messages" or path.startswith("me/messages/"):
            return self._send(gid, path.removeprefix("me/messages").strip("/"), body)
        raise OKError(3, f"Method {path} does not exist")

    def _subscribe(self, gid: str, body: dict[str, Any]) -> dict[str, Any]:
        url = str(body.get("url") or "")
        if not url.startswith(("http://", "https://")):
            raise OKError(100, "url must be an http: or https: URL")
        urls = self.subscriptions.setdefault(gid, [])
        if url not in urls:
            urls.append(url)
        return {"success": True}

    def _send(self, gid: str, in_path: str, body: dict[str, Any]) -> dict[str, Any]:
        chat_id = str((body.get("recipient") or {}).get("chat_id") or in_path)
        chat = self.chats.get(chat_id)
        if (in_path and in_path != chat_id) or chat is None or chat["gid"] != gid:
            raise OKError(300, f"Chat {chat_id or in_path} not found")
        text = str((body.get("message") or {}).get("text") or "")
        if not text:
            raise OKError(100, "message.text is required")
        ids = self._mid(chat_id)
        chat["messages"].append({"sender": {"user_id": f"group:{gid}"},
                                 "recipient": {"chat_id": chat_id},
                                 "message": {"text": text, **ids},
                                 "timestamp": self.state.now_ms()})  # fmt: skip
        return {"message_id": ids["mid"]}

    def summary(self) -> dict[str, Any]:
        return {"subscriptions": self.subscriptions, "chats": self.chats}
