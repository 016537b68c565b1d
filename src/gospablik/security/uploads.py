"""Checking uploaded files before they are stored (for content, approvals, moderation).

The file's first bytes must say what its name says, the kind must be allowed, the size
bounded. Script-capable formats (SVG, HTML) are never accepted. Stored names are random;
the person's file name is kept only as display text (see :func:`display_name`).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from django.utils.translation import gettext as _

MB = 1024 * 1024
KINDS: dict[str, tuple[tuple[str, ...], int]] = {  # kind -> (extensions, max bytes)
    "jpeg": ((".jpg", ".jpeg"), 20 * MB),
    "png": ((".png",), 20 * MB),
    "gif": ((".gif",), 20 * MB),
    "webp": ((".webp",), 20 * MB),
    "mp4": ((".mp4", ".m4v", ".mov"), 1024 * MB),
    "pdf": ((".pdf",), 50 * MB),
    "zip-office": ((".docx", ".xlsx", ".pptx", ".odt", ".ods"), 50 * MB),
}
IMAGES = frozenset({"jpeg", "png", "gif", "webp"})
MEDIA = IMAGES | {"mp4"}
DOCUMENTS = frozenset({"pdf", "zip-office"})


def sniff(head: bytes) -> str | None:
    """The kind of a file by its first bytes.

    >>> sniff(b"\\xff\\xd8\\xff\\xe0rest"), sniff(b"GIF89a..."), sniff(b"<svg onload=x>")
    ('jpeg', 'gif', None)
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip-office"
    return None


def problem(name: str, head: bytes, size: int, allowed: frozenset[str]) -> str:
    """What is wrong with a file, in the user's language, or "" when it may be stored.

    >>> problem("фото.jpg", b"\\xff\\xd8\\xff\\xe0", 1000, IMAGES)
    ''
    >>> problem("фото.jpg", b"<html><script>", 1000, IMAGES)
    'Файл «фото.jpg» не похож на разрешённый формат'
    >>> problem("фото.png", b"\\xff\\xd8\\xff\\xe0", 1000, IMAGES)
    'Расширение файла «фото.png» не совпадает с его содержимым'
    """
    shown = display_name(name)
    kind = sniff(head)
    if kind is None or kind not in allowed:
        return _("Файл «%(name)s» не похож на разрешённый формат") % {"name": shown}
    extensions, limit = KINDS[kind]
    if PurePosixPath(name.lower()).suffix not in extensions:
        return _("Расширение файла «%(name)s» не совпадает с его содержимым") % {"name": shown}
    if size > limit:
        return _("Файл «%(name)s» больше %(mb)s МБ") % {"name": shown, "mb": limit // MB}
    return ""


def display_name(name: str, limit: int = 120) -> str:
    """A person's file name without directories and control characters (still escape it
    when shown: it is text from a person).

    >>> display_name("C:\\\\Users\\\\x\\\\../отчёт\\u202e.docx")
    'отчёт.docx'
    """
    base = PureWindowsPath(PurePosixPath(name).name).name
    clean = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    return re.sub(r"\s+", " ", clean).strip()[:limit] or "файл"


def storage_name(name: str) -> str:
    """A random name with the checked extension, for the file on disk.

    >>> storage_name("../../etc/passwd.jpg").endswith(".jpg")
    True
    """
    return f"{uuid.uuid4().hex}{PurePosixPath(name.lower()).suffix}"


def too_many_pixels(name: str, file: Any) -> str:
    """For an image: "" unless its header declares more pixels than Pillow's bomb limit (a
    decompression bomb: a small file that would take gigabytes once decoded)."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:  # reads the header only
                image.size  # noqa: B018
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return _("«%(name)s»: изображение слишком большое по числу пикселей") % {
            "name": display_name(name)
        }
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ""  # a damaged header: nothing gets decoded from it here
    finally:
        file.seek(0)
    return ""


def validate_upload(file: Any, allowed: frozenset[str] = MEDIA) -> None:
    """For forms: raise ValidationError for an uploaded file that must not be stored."""
    from django.core.exceptions import ValidationError

    head = file.read(16)
    file.seek(0)
    name = str(file.name or "")
    error = problem(name, head, int(file.size or 0), allowed)
    if not error and sniff(head) in IMAGES:
        error = too_many_pixels(name, file)
    if error:
        raise ValidationError(error)
