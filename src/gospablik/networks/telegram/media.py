"""How a draft's media become Bot API calls (``sendPhoto``, ``sendMediaGroup`` …)."""

from __future__ import annotations

from typing import Any

from ..base import MediaFile, PostDraft

Step = tuple[str, dict[str, Any], dict[str, tuple[str, bytes, str]] | None]


def _upload(media: MediaFile) -> tuple[str, bytes, str]:
    return (media.filename, media.content, media.mime)


def media_steps(draft: PostDraft, chat: dict[str, Any], caption: str) -> list[Step]:
    """Animation, then photos/video (albums of up to 10); the caption goes on the first."""
    steps: list[Step] = []
    if draft.animation:
        steps.append(("sendAnimation", dict(chat), {"animation": _upload(draft.animation)}))
    items = [("photo", p) for p in draft.photos] + ([("video", draft.video)] if draft.video else [])
    for start in range(0, len(items), 10):
        chunk = items[start : start + 10]
        steps.append(_single(*chunk[0], chat) if len(chunk) == 1 else _album(chunk, chat))
    if steps and caption:
        _set_caption(steps[0], caption)
    return steps


def _single(kind: str, media: MediaFile, chat: dict[str, Any]) -> Step:
    method = "sendPhoto" if kind == "photo" else "sendVideo"
    return (method, dict(chat), {kind: _upload(media)})


def _album(items: list[tuple[str, MediaFile]], chat: dict[str, Any]) -> Step:
    files = {f"file{i}": _upload(m) for i, (_, m) in enumerate(items)}
    media = [{"type": kind, "media": f"attach://file{i}"} for i, (kind, _) in enumerate(items)]
    return ("sendMediaGroup", {**chat, "media": media}, files)


def _set_caption(step: Step, caption: str) -> None:
    params = step[1]
    if step[0] == "sendMediaGroup":
        params["media"][0]["caption"] = caption
    else:
        params["caption"] = caption
