"""Uploaded files: content must match the name, script-capable formats never pass."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gospablik.security.uploads import DOCUMENTS, IMAGES, problem, storage_name, validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_an_svg_is_never_an_image():
    assert problem("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x">', 50, IMAGES)


def test_html_named_as_a_picture_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    with pytest.raises(ValidationError, match="не похож"):
        validate_upload(upload, IMAGES)


def test_a_real_png_passes_and_stays_readable():
    upload = SimpleUploadedFile("схема.png", PNG, "image/png")
    validate_upload(upload, IMAGES)
    assert upload.read() == PNG


def test_a_document_is_not_a_picture():
    assert problem("отчёт.pdf", b"%PDF-1.7", 10, IMAGES)
    assert problem("отчёт.pdf", b"%PDF-1.7", 10, DOCUMENTS) == ""


def test_too_big_is_refused():
    assert "больше 20 МБ" in problem("a.png", PNG, 21 * 1024 * 1024, IMAGES)


def test_stored_names_are_random():
    assert storage_name("a.png") != storage_name("a.png")
