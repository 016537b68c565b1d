"""Uploaded files: content must match the name, script-capable formats never pass."""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from gospablik.approvals.actions.requests import do_file_request
from gospablik.approvals.models import ItemFile, RequestFile, Submission
from gospablik.content.models import Post
from gospablik.orgs.models import Ministry, Organization
from gospablik.security.uploads import DOCUMENTS, IMAGES, problem, storage_name, validate_upload
from tests.approvals.conftest import client_for as approvals_client
from tests.approvals.test_pages import form_data
from tests.security.conftest import client_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_an_svg_is_never_an_image():
    assert problem("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x">', 50, IMAGES)


def test_html_named_as_a_picture_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    with pytest.raises(ValidationError, match="не похож"):
        validate_upload(upload, IMAGES)


def test_the_reason_is_in_the_user_s_language():
    with translation.override("en"):
        assert problem("photo.jpg", b"<html>", 10, IMAGES) == (
            "The file «photo.jpg» does not look like an allowed format"
        )
    assert problem("фото.jpg", b"<html>", 10, IMAGES).startswith("Файл «фото.jpg»")


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


# --- every upload field of the pages: approvals items, request answers, post media ---------


def bomb_png(side: int = 20000) -> bytes:
    """A PNG whose header declares side×side pixels (400 million): a few bytes on disk."""
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")  # fmt: skip


HOSTILE = {  # file -> the message the person reads
    "bomb": (lambda: SimpleUploadedFile("плакат.png", bomb_png(), "image/png"),
             "слишком большое по числу пикселей"),
    "disguised": (lambda: SimpleUploadedFile("плакат.png", b"<html><script>x</script>",
                                             "image/png"), "не похож на разрешённый формат"),
    "pdf as picture": (lambda: SimpleUploadedFile("плакат.jpg", b"%PDF-1.4 x", "image/jpeg"),
                       "не похож на разрешённый формат"),
    "oversize": (lambda: SimpleUploadedFile("плакат.png", PNG + b"\x00" * (21 * 1024 * 1024),
                                            "image/png"), "больше 20 МБ"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(HOSTILE))
def test_approvals_attachments_are_checked_and_the_form_keeps_its_data(cur, case):
    make, message = HOSTILE[case]
    data = form_data(**{"items-0-attachments": [make()]})
    response = approvals_client(cur).post("/kuzbass-health-335/approvals/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "Марафон здоровья" in page and "Старт марафона здоровья" in page
    assert not Submission.objects.exists() and not ItemFile.objects.exists()


def test_a_request_answer_refuses_a_disguised_file_and_keeps_the_text(cur, komiac):
    request = do_file_request(
        Ministry.objects.get(key="kuzbass-health-335"), actor=cur,
        cur_org=Organization.objects.get(key="cur-kuzbass"), topic="График", questions="?",
        needed_by=timezone.localdate() + timedelta(days=5),
    )  # fmt: skip
    upload = SimpleUploadedFile("график.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = approvals_client(komiac).post(
        f"/kuzbass-health-335/approvals/requests/{request.pk}/",
        {"op": "answer", "text": "С 8 до 20 по будням", "attachments": [upload]},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "не похож на разрешённый формат" in page
    assert "С 8 до 20 по будням" in page and not RequestFile.objects.exists()


def test_post_media_refuses_a_bomb_and_keeps_the_text(komiac, health):
    """Post media have the content module's own stricter check (content.media): a header
    decoded by Pillow, size and pixel limits per network; the form keeps the text."""
    upload = SimpleUploadedFile("плакат.png", bomb_png(), "image/png")
    response = client_for(komiac).post(
        "/kuzbass-health-335/content/posts/new/",
        {"format": "text", "text": "Текст о прививках", "media_files": [upload],
         "action": "draft"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "«плакат.png»: изображение слишком большое" in page
    assert "Текст о прививках" in page and not Post.objects.exists()
