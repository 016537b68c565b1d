"""«Диалоги» pages: inbox, thread, actions, person card, metrics; escaping; doors."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from gospablik.audit.models import AuditEntry
from gospablik.dialogue.models import Note, Reclassification, Template
from tests.conftest import PASSWORD
from tests.dialogue.conftest import QUESTION, make_comment

BASE = "/kuzbass-health-335/dialogue"


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_inbox_lists_threads_and_escapes_their_text(account, komiac) -> None:
    make_comment(account, "<script>alert(1)</script> Когда откроют запись?")
    page = client_for(komiac).get(f"{BASE}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Вопрос" in page


def test_the_inbox_pages_by_keyset(account, komiac) -> None:
    for i in range(55):
        make_comment(account, f"Вопрос номер {i}?")
    client = client_for(komiac)
    first = client.get(f"{BASE}/").content.decode()
    assert first.count('class="thread-row') == 50 and 'id="next-page"' in first
    cursor = first.split('id="next-page" href="?')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(f"{BASE}/?{cursor}").content.decode()
    assert second.count('class="thread-row') == 5


def test_the_menu_counts_open_threads(account, komiac) -> None:
    make_comment(account, QUESTION)
    page = client_for(komiac).get(f"{BASE}/").content.decode()
    assert 'title="открытые / просроченные">1</span>' in page


def test_the_thread_page_shows_the_text_and_the_reasons(account, komiac) -> None:
    thread = make_comment(account, QUESTION).thread
    page = client_for(komiac).get(f"{BASE}/threads/{thread.pk}/").content.decode()
    assert QUESTION in page and "вопросительный знак" in page and "нужен ответ" in page


def test_an_empty_answer_keeps_the_page_with_a_russian_message(account, komiac) -> None:
    thread = make_comment(account).thread
    response = client_for(komiac).post(f"{BASE}/threads/{thread.pk}/answer/", {"text": ""})
    assert response.status_code == 400 and "Ответ пуст." in response.content.decode()


def test_a_too_long_answer_keeps_the_draft(account, komiac) -> None:
    thread = make_comment(account).thread
    draft = "Черновик ответа " * 1100
    response = client_for(komiac).post(f"{BASE}/threads/{thread.pk}/answer/", {"text": draft})
    body = response.content.decode()
    assert response.status_code == 400 and "длиннее 16384" in body and "Черновик ответа" in body


def test_notes_reclassification_and_assignment_are_audited(account, komiac) -> None:
    thread = make_comment(account).thread
    client = client_for(komiac)
    client.post(f"{BASE}/threads/{thread.pk}/note/", {"note-text": "Уточнить в регистратуре"})
    client.post(f"{BASE}/threads/{thread.pk}/category/", {"category": "complaint"})
    client.post(f"{BASE}/threads/{thread.pk}/assign/", {"assignee": komiac.pk})
    assert Note.objects.get(thread=thread).text == "Уточнить в регистратуре"
    assert Reclassification.objects.get(thread=thread).after == "complaint"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"dialogue.note", "dialogue.reclassify", "dialogue.assign"} <= actions


def test_an_unknown_action_is_not_found(account, komiac) -> None:
    thread = make_comment(account).thread
    assert client_for(komiac).post(f"{BASE}/threads/{thread.pk}/explode/").status_code == 404


def test_the_template_list_is_on_the_thread_page(account, komiac, health) -> None:
    Template.objects.create(ministry=health, title="Запись", text="{имя}, запись открыта")
    thread = make_comment(account).thread
    page = client_for(komiac).get(f"{BASE}/threads/{thread.pk}/").content.decode()
    assert 'data-text="{имя}, запись открыта"' in page


def test_the_person_card_and_metrics_render(account, komiac) -> None:
    make_comment(account)
    client = client_for(komiac)
    assert "Мария Иванова" in client.get(f"{BASE}/people/vk/200/").content.decode()
    page = client.get(f"{BASE}/metrics/?week=bad").content.decode()
    assert "ГГГГ-Wнн" in page and "ВКонтакте" in page


def test_another_ministry_gets_404_and_a_viewer_403(account, foreign, make_user, health) -> None:
    thread = make_comment(account).thread
    assert client_for(foreign).get(f"{BASE}/threads/{thread.pk}/").status_code == 404
    viewer = make_user("viewer", health, "kuzdrav", "viewer")
    assert client_for(viewer).get(f"{BASE}/").status_code == 403


def test_metrics_export_as_xlsx(account, komiac) -> None:
    import io

    from openpyxl import load_workbook

    make_comment(account)
    week = "{}-W{:02d}".format(*timezone.now().isocalendar()[:2])
    response = client_for(komiac).get(f"{BASE}/metrics/export.xlsx?week={week}")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Сводка", "По аккаунтам", "По соцсетям", "По организациям"]
    assert book["Сводка"]["B3"].value == 1 and book["По соцсетям"]["A2"].value == "ВКонтакте"
    bad = client_for(komiac).get(f"{BASE}/metrics/export.xlsx?week=x")
    assert bad.status_code == 400
