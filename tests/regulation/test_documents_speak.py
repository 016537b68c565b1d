"""The letter and the remarks document cite the order in human form and inflect names."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document

from gospablik.duties.models import Duty
from tests.foundation.factories import register

CITATION = "абз. 4 п. 2 приказа Министерства здравоохранения Кузбасса от 21.05.2024 № 335"
MINISTRY_GENT = "реестре аккаунтов Министерства здравоохранения Кузбасса"
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode())


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter_url(health, keeper):
    register(health, keeper, title="Первое сообщество")
    register(
        health,
        keeper,
        title="Одноклассники министерства",
        network="ok",
        url="https://ok.ru/group/2",
    )
    ids = ",".join(str(d.pk) for d in Duty.objects.order_by("pk"))
    return f"/{health.key}/duties/letter.{{fmt}}?ids={ids}"


def test_the_docx_letter_cites_the_order_and_inflects_the_ministry(client, keeper, letter_url):
    client.force_login(keeper)
    doc = Document(io.BytesIO(client.get(letter_url.format(fmt="docx")).content))
    text = " ".join(p.text for p in doc.paragraphs)
    assert f"В соответствии с {CITATION}" in text and MINISTRY_GENT in text
    assert "000 п.2" not in text
    assert "Центру управления регионом" in text  # the addressee in the dative


@needs_pdftotext
def test_the_pdf_letter_cites_the_order_and_keeps_words_whole(client, keeper, letter_url):
    client.force_login(keeper)
    text = pdf_text(client.get(letter_url.format(fmt="pdf")).content)
    assert CITATION in text and MINISTRY_GENT in text and "000 п.2" not in text
    assert "Одноклассники" in text  # a network's name is not broken in its column


@needs_pdftotext
def test_the_remarks_pdf_cites_the_order_and_inflects_the_ministry(health, cur, make_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gospablik.approvals.actions.remarks import do_add_remark
    from gospablik.approvals.actions.signing import do_sign_round
    from tests.approvals.conftest import fresh_code, make_submission

    signer = make_user("komiac_head", health, "komiac", "head")
    device = TOTPDevice.objects.create(user=signer, name="телефон", confirmed=True)
    submission = make_submission(health, cur)
    do_add_remark(submission, actor=signer, text="Уточните адреса")
    round_ = do_sign_round(
        submission, actor=signer, decision="returned", otp_code=fresh_code(device)
    )
    with round_.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "абз. 5–8 п. 2 приказа Министерства здравоохранения Кузбасса от 21.05.2024 № 335" in text
    assert "для аккаунтов Министерства здравоохранения Кузбасса" in text
    assert "Кому: Центру управления регионом" in text
    assert "000 п.2" not in text


def test_pages_cite_the_order_not_its_code(client, health, keeper):
    register(health, keeper, created_on=__import__("datetime").date(2025, 3, 3))
    client.force_login(keeper)
    duty = Duty.objects.get(kind="account_created_notice")
    page = client.get(f"/{health.key}/duties/{duty.pk}/").content.decode()
    assert CITATION in page and "000 п.2" not in page
    board = client.get(f"/{health.key}/").content.decode()
    assert "000 п.2" not in board
