"""The pages, end to end through the Django test client."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from gospablik.approvals.actions.remarks import do_add_remark
from gospablik.approvals.models import InformationRequest, Remark, Submission
from tests.approvals.conftest import H, client_for, fresh_code

BASE = f"/{H}/approvals"


def form_data(**overrides) -> dict:
    data = {
        "kind": "special_project",
        "title": "Марафон здоровья",
        "description": "Неделя постов о профилактике",
        "schedule": "Пн — старт, Пт — итоги",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-text": "Старт марафона здоровья",
        "items-0-networks": ["vk", "ok"],
        "items-0-planned_at": "2030-05-20T10:00",
        "items-1-text": "",
        "go": "submit",
    }
    data.update(overrides)
    return data


def test_cur_submits_a_special_project_through_the_form(cur):
    response = client_for(cur).post(f"{BASE}/new/", form_data())
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{submission.pk}/")
    assert submission.status == "submitted" and submission.items.count() == 1
    assert submission.items.get().networks == ["vk", "ok"]
    assert submission.rounds.get().duty.is_open


def test_a_half_filled_form_keeps_its_data(cur):
    response = client_for(cur).post(f"{BASE}/new/", form_data(kind=""))
    page = response.content.decode()
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "Марафон здоровья" in page and "Старт марафона здоровья" in page


def test_a_form_without_posts_is_refused(cur):
    data = form_data(**{"items-0-text": "", "items-0-networks": [], "items-0-planned_at": ""})
    response = client_for(cur).post(f"{BASE}/new/", data)
    assert "хотя бы одну публикацию" in response.content.decode()


def test_a_reviewer_anchors_a_remark_to_a_selected_passage(special, komiac):
    item = special.items.get()
    data = {
        "anchor": "passage",
        "item": item.pk,
        "start": 9,
        "end": 15,
        "quote": "от гри",
        "text": "Уточните вид прививки",
    }
    response = client_for(komiac).post(f"{BASE}/{special.pk}/remarks/", data)
    remark = Remark.objects.get()
    assert response.status_code == 302
    assert (remark.start, remark.end, remark.quote) == (9, 15, "от гри")
    page = client_for(komiac).get(f"{BASE}/{special.pk}/").content.decode()
    assert '<mark title="№1">от гри</mark>' in page


def test_a_quote_typed_by_hand_is_found(special, komiac):
    data = {
        "anchor": "passage",
        "item": special.items.get().pk,
        "quote": "поликлинике",
        "text": "Какой?",
    }
    client_for(komiac).post(f"{BASE}/{special.pk}/remarks/", data)
    assert Remark.objects.get().start == len("Прививка от гриппа бесплатна в каждой ")


def test_a_quote_that_is_not_in_the_text_is_refused(special, komiac):
    data = {"anchor": "passage", "item": special.items.get().pk, "quote": "нет такого", "text": "?"}
    response = client_for(komiac).post(f"{BASE}/{special.pk}/remarks/", data)
    assert response.status_code == 400 and "Такого фрагмента нет" in response.content.decode()
    assert not Remark.objects.exists()


def test_cur_does_not_see_remarks_before_they_are_signed(special, komiac, cur, signer, device):
    do_add_remark(special, actor=komiac, text="Внутреннее замечание")
    assert (
        "Внутреннее замечание" not in client_for(cur).get(f"{BASE}/{special.pk}/").content.decode()
    )
    client_for(signer).post(
        f"{BASE}/{special.pk}/sign/", {"decision": "returned", "otp": fresh_code(device)}
    )
    assert "Внутреннее замечание" in client_for(cur).get(f"{BASE}/{special.pk}/").content.decode()


def test_the_signer_consolidates_and_signs_on_the_page(special, komiac, reviewer, signer, device):
    first = do_add_remark(special, actor=komiac, text="Первое")
    second = do_add_remark(special, actor=reviewer, text="Второе")
    third = do_add_remark(special, actor=reviewer, text="Третье")
    client = client_for(signer)
    url = f"{BASE}/{special.pk}/consolidate/"
    assert "Первое" in client.get(url).content.decode()
    client.post(url, {"op": "merge", "remark": [first.pk, second.pk], "text": "Первое и второе"})
    client.post(url, {"op": "drop", "remark": third.pk})
    response = client.post(
        f"{BASE}/{special.pk}/sign/", {"decision": "returned", "otp": fresh_code(device)}
    )
    assert response.status_code == 302
    docx = client.get(f"{BASE}/{special.pk}/rounds/1/remarks.docx")
    text = [p.text for p in Document(io.BytesIO(b"".join(docx.streaming_content))).paragraphs]
    assert [p for p in text if p.startswith("1.") or p.startswith("2.")] == [
        "1. Материал в целом. Первое и второе"
    ]


def test_a_wrong_code_keeps_the_signing_page(special, signer, device):
    response = client_for(signer).post(
        f"{BASE}/{special.pk}/sign/", {"decision": "approved", "otp": "abc"}
    )
    assert response.status_code == 400 and "неверен" in response.content.decode()


def test_history_shows_the_whole_timeline(special, komiac, signer, device):
    do_add_remark(special, actor=komiac, text="Про адреса")
    client_for(signer).post(
        f"{BASE}/{special.pk}/sign/", {"decision": "returned", "otp": fresh_code(device)}
    )
    page = client_for(signer).get(f"{BASE}/{special.pk}/history/").content.decode()
    assert "23:59" in page  # the due moment in Kuzbass time (end of the working day)
    for text in (
        "Материал создан",
        "Отправлено на согласование",
        "Про адреса",
        "Подписано решение",
        "в срок",
    ):
        assert text in page


def test_the_report_counts_on_time_answers_and_exports_xlsx(special, signer, device):
    client_for(signer).post(
        f"{BASE}/{special.pk}/sign/", {"decision": "approved", "otp": fresh_code(device)}
    )
    month = special.rounds.get().due_at.astimezone().strftime("%Y-%m")
    response = client_for(signer).get(f"{BASE}/report/export.xlsx?month={month}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    special_row = next(r for r in rows if r[0] == "Согласовать специальный проект")
    assert special_row[1:] == (1, 1, 0, 0, 1)


def test_cur_files_a_request_and_accepts_the_answer(cur, komiac):
    client_for(cur).post(
        f"{BASE}/requests/new/",
        {"topic": "График приёма", "questions": "Когда?", "needed_by": "2099-01-01"},
    )
    request = InformationRequest.objects.get()
    upload = SimpleUploadedFile("график.pdf", b"%PDF-1.4 8-20")
    client_for(komiac).post(
        f"{BASE}/requests/{request.pk}/",
        {"op": "answer", "text": "С 8 до 20", "attachments": [upload]},
    )
    client_for(cur).post(f"{BASE}/requests/{request.pk}/", {"op": "accept"})
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.messages.get(kind="answer").files.get().name == "график.pdf"


@pytest.mark.parametrize("needed_by", ["2000-01-01", ""])
def test_a_bad_request_date_keeps_the_form(cur, needed_by):
    response = client_for(cur).post(
        f"{BASE}/requests/new/", {"topic": "Тема", "questions": "?", "needed_by": needed_by}
    )
    assert response.status_code == 200 and "Тема" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_the_list_shows_the_time_left(special, komiac):
    page = client_for(komiac).get(f"{BASE}/").content.decode()
    assert "Неделя вакцинации" in page and "осталось" in page
