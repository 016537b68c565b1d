"""Checking attached media: type (by content, not by name), size, dimensions.

>>> from io import BytesIO
>>> from PIL import Image
>>> buffer = BytesIO(); Image.new("RGB", (800, 600)).save(buffer, "PNG")
>>> inspect_media("plan.png", buffer.getvalue())
MediaInfo(kind='image', mime='image/png', width=800, height=600, size=...)
>>> inspect_media("virus.exe", b"MZ\\x90\\x00")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
gospablik.content.media.MediaError: «virus.exe»: неподдерживаемый тип файла. Можно: JPEG, ...
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, UnidentifiedImageError

from gospablik.numbers import number

MB = 1024 * 1024
MAX_BYTES = {"image": 10 * MB, "gif": 20 * MB, "video": 50 * MB}  # 50 MB: Telegram Bot API
MIN_SIDE = 100
MAX_SIDE = 10000
MAX_SIDES_SUM = 14000  # VK: width + height of a wall photo
MAX_RATIO = 20
IMAGE_MIMES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
KIND_LABELS = {"image": "изображение", "gif": "анимация GIF", "video": "видео MP4"}
SUPPORTED = "JPEG, PNG, WebP (фото), GIF (анимация), MP4 (видео)"


class MediaError(ValueError):
    pass


@dataclass(frozen=True)
class MediaInfo:
    kind: str  # "image" | "gif" | "video"
    mime: str
    width: int
    height: int
    size: int

    def __repr__(self) -> str:  # size varies with the encoder: keep doctests stable
        return (
            f"MediaInfo(kind={self.kind!r}, mime={self.mime!r}, width={self.width}, "
            f"height={self.height}, size=...)"
        )


def inspect_media(filename: str, content: bytes) -> MediaInfo:
    """Identify and check one file; raise :class:`MediaError` with a Russian reason."""
    info = _identify(filename, content)
    _check_size(filename, info)
    _check_dimensions(filename, info)
    return info


def _identify(filename: str, content: bytes) -> MediaInfo:
    if content[4:8] == b"ftyp":
        width, height = mp4_dimensions(content) or (0, 0)
        return MediaInfo("video", "video/mp4", width, height, len(content))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(content)) as image:  # reads the header, decodes nothing
                fmt, (width, height) = image.format or "", image.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise MediaError(
            f"«{filename}»: изображение слишком большое — нужно не больше {MAX_SIDE} пикселей "
            "по стороне"
        ) from None
    except (UnidentifiedImageError, OSError):
        raise MediaError(f"«{filename}»: неподдерживаемый тип файла. Можно: {SUPPORTED}") from None
    if fmt not in IMAGE_MIMES:
        raise MediaError(f"«{filename}»: формат {fmt} не поддерживается. Можно: {SUPPORTED}")
    kind = "gif" if fmt == "GIF" else "image"
    return MediaInfo(kind, IMAGE_MIMES[fmt], width, height, len(content))


def _check_size(filename: str, info: MediaInfo) -> None:
    limit = MAX_BYTES[info.kind]
    if info.size > limit:
        raise MediaError(
            f"«{filename}»: {KIND_LABELS[info.kind]} весит {number(info.size / MB, 1)} МБ, "
            f"допускается не больше {number(limit // MB)} МБ"
        )


def _check_dimensions(filename: str, info: MediaInfo) -> None:
    w, h = info.width, info.height
    if info.kind == "video" and not (w and h):
        raise MediaError(f"«{filename}»: не удалось прочитать размеры видео — файл повреждён?")
    if min(w, h) < MIN_SIDE:
        raise MediaError(
            f"«{filename}»: {w}×{h} пикселей — слишком мало, нужно от {MIN_SIDE} "
            "пикселей по каждой стороне"
        )
    if max(w, h) > MAX_SIDE or w + h > MAX_SIDES_SUM:
        raise MediaError(
            f"«{filename}»: {w}×{h} пикселей — слишком много, нужно не больше "
            f"{MAX_SIDE} по стороне и {MAX_SIDES_SUM} в сумме"
        )
    if max(w, h) > MAX_RATIO * min(w, h):
        raise MediaError(f"«{filename}»: соотношение сторон {w}×{h} больше 1:{MAX_RATIO}")


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """ISO BMFF boxes in data[start:end] as (type, payload start, box end)."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = struct.unpack(">Q", data[pos + 8 : pos + 16])[0], 16
        elif size == 0:
            size = end - pos
        if size < header:
            return
        yield kind, pos + header, min(pos + size, end)
        pos += size


def _child(data: bytes, start: int, end: int, kind: bytes) -> Iterator[tuple[int, int]]:
    return ((s, e) for k, s, e in _boxes(data, start, end) if k == kind)


def mp4_dimensions(data: bytes) -> tuple[int, int] | None:
    """Width and height of the first visual track (from its ``tkhd`` box).

    >>> mp4_dimensions(b"\\x00\\x00\\x00\\x08ftyp") is None
    True
    """
    for moov in _child(data, 0, len(data), b"moov"):
        for trak in _child(data, *moov, b"trak"):
            for start, end in _child(data, *trak, b"tkhd"):
                if end - start >= 8:
                    width, height = struct.unpack(">II", data[end - 8 : end])
                    if width and height:
                        return width >> 16, height >> 16
    return None


def mp4_stub(width: int, height: int) -> bytes:
    """A minimal MP4 header (ftyp + moov/trak/tkhd) for tests and the demo.

    >>> mp4_dimensions(mp4_stub(640, 360))
    (640, 360)
    """
    tkhd_payload = bytes(76) + struct.pack(">II", width << 16, height << 16)
    tkhd = _box(b"tkhd", tkhd_payload)
    return _box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + _box(b"moov", _box(b"trak", tkhd))


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", len(payload) + 8, kind) + payload
