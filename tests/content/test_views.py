"""The pages: editor, preview, style check, plan, reschedule, post page, media, compliance."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from PIL import Image

from gospablik.audit.models import AuditEntry
from gospablik.content.models import Post
from gospablik.networks.outbound import run_once
from tests.conftest import PASSWORD

from .conftest import gif, make_post, png

TZ = ZoneInfo("Asia/Novokuznetsk")
NOW = datetime(2024, 5, 13, 10, 0, tzinfo=TZ)
M = "/kuzbass-health-335/content"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editor(komiac):
    client = Client()
    assert client.login(username=komiac.username, password=PASSWORD)
    return client


def form(accounts, **data):
    base = {
        "format": "text",
        "text": "Завтра открываем поликлинику",
        "accounts": accounts,
        "action": "schedule",
        "publish_at": "2024-05-14T09:30",
    }
    return base | data


def test_the_editor_schedules_a_post_in_the_ministry_time_zone(editor, vk_account, ok_account):
    response = editor.post(f"{M}/posts/new/", form([vk_account.pk, ok_account.pk]))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/posts/{post.pk}/")
    assert post.status == "scheduled"
    assert post.publish_at == datetime(2024, 5, 14, 9, 30, tzinfo=TZ)
    assert set(post.publications.values_list("status", flat=True)) == {"pending"}


def test_the_editor_refuses_what_a_network_cannot_take_and_saves_nothing(editor, vk_account):
    upload = SimpleUploadedFile("a.gif", gif(), content_type="image/gif")
    data = form([vk_account.pk], format="animation", media_files=upload)
    response = editor.post(f"{M}/posts/new/", data)
    assert response.status_code == 200
    assert "ВКонтакте: нельзя опубликовать GIF-анимацию" in response.content.decode()
    assert not Post.objects.exists()


def test_the_editor_attaches_photos_with_alt_text(editor, vk_account):
    files = [SimpleUploadedFile(f"{n}.png", png(), content_type="image/png") for n in range(2)]
    data = form(
        [vk_account.pk], format="infographic", media_files=files, alt="Схема записи", action="draft"
    )
    editor.post(f"{M}/posts/new/", data)
    post = Post.objects.get()
    assert [m.alt for m in post.media.all()] == ["Схема записи"] * 2
    media = post.media.first()
    response = editor.get(f"{M}/media/{media.pk}/")
    assert response["Content-Type"] == "image/png" and b"".join(response.streaming_content)


def test_a_bad_file_gets_a_clear_error(editor, vk_account):
    upload = SimpleUploadedFile("doc.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    response = editor.post(f"{M}/posts/new/", form([vk_account.pk], media_files=upload))
    assert "«doc.pdf»: неподдерживаемый тип файла" in response.content.decode()


def test_the_preview_adapts_the_text_per_network(editor, vk_account, ok_account):
    data = form([vk_account.pk, ok_account.pk], hashtags="здоровье", link="https://kuzdrav.ru/news")
    result = editor.post(f"{M}/preview/", data).json()
    assert result["problems"] == []
    texts = {p["network"]: p["text"] for p in result["plans"]}
    assert texts["vk"] == "Завтра открываем поликлинику\n\n#здоровье"
    assert {p["network"]: p["limit"] for p in result["plans"]} == {"vk": 16384, "ok": 10000}
    assert result["cap"][0]["cap"] == 25


def test_the_preview_says_what_is_wrong_before_scheduling(editor, vk_account):
    data = form([vk_account.pk], format="poll", text="Опрос", new_media="gif")
    problems = editor.post(f"{M}/preview/", data).json()["problems"]
    assert "Укажите вопрос опроса" in problems
    assert "ВКонтакте: нельзя опубликовать GIF-анимацию" in problems


def test_the_style_check_answers_with_score_and_issues(editor):
    text = "В целях информирования населения сообщаем о проведении мероприятия."
    result = editor.post(f"{M}/style-check/", {"text": text}).json()
    assert result["score"] < 8 and result["issues"]
    assert {"rule", "category", "start", "end", "message", "suggestion"} <= set(result["issues"][0])


def test_the_plan_shows_posts_on_their_day_and_filters_them(
    editor, scheduled, vk_account, ok_account
):
    scheduled([vk_account], NOW + timedelta(days=1), text="Во вторник во ВКонтакте")
    scheduled([ok_account], NOW + timedelta(days=2), text="В среду в Одноклассниках")
    page = editor.get(f"{M}/").content.decode()
    assert "Во вторник во ВКонтакте" in page and "В среду в Одноклассниках" in page
    only_ok = editor.get(f"{M}/?network=ok").content.decode()
    assert "Во вторник" not in only_ok and "В среду" in only_ok
    month = editor.get(f"{M}/?view=month&date=2024-05-01").content.decode()
    assert "Май 2024" in month and "В среду" in month


def test_dragging_to_another_day_keeps_the_time_and_is_audited(editor, scheduled, vk_account):
    post = scheduled([vk_account], NOW + timedelta(days=1, hours=2))
    response = editor.post(f"{M}/posts/{post.pk}/reschedule/", {"date": "2024-05-17"})
    assert response.json()["ok"] is True
    post.refresh_from_db()
    assert post.publish_at == datetime(2024, 5, 17, 12, 0, tzinfo=TZ)
    assert post.publications.get().due_at == post.publish_at
    entry = AuditEntry.objects.filter(action="content.post.reschedule").get()
    assert entry.before["publish_at"] != entry.after["publish_at"]


def test_rescheduling_into_the_past_is_refused(editor, scheduled, vk_account):
    post = scheduled([vk_account], NOW + timedelta(days=1))
    result = editor.post(f"{M}/posts/{post.pk}/reschedule/", {"date": "2024-05-01"}).json()
    assert result == {
        "ok": False,
        "errors": ["Время публикации уже прошло — выберите время в будущем"],
    }


def test_a_failed_publication_shows_the_error_and_retries(editor, scheduled, vk_account, emulators):
    emulators["vk"].faults.push(15, method="wall.post")
    post = scheduled([vk_account], NOW)
    run_once()
    page = editor.get(f"{M}/posts/{post.pk}/").content.decode()
    assert "ВКонтакте: доступ запрещён" in page and "Повторить" in page
    pub = post.publications.get()
    editor.post(f"{M}/publications/{pub.pk}/retry/")
    assert run_once().outcomes == {"done": 1}
    assert "Открыть в соцсети" in editor.get(f"{M}/posts/{post.pk}/").content.decode()


def test_cancelling_asks_to_confirm_when_the_cap_would_break(editor, scheduled, vk_account):
    originals = [scheduled([vk_account], NOW + timedelta(hours=n), text=f"О{n}") for n in (1, 2, 3)]
    scheduled(
        [vk_account], NOW + timedelta(hours=4), format="repost", text="", repost_source="wall-1_1"
    )
    url = f"{M}/posts/{originals[0].pk}/cancel/"
    page = editor.post(url).content.decode()
    assert "Всё равно продолжить" in page and "больше допустимых 25 %" in page
    editor.post(url, {"confirm": "1"})
    originals[0].refresh_from_db()
    assert originals[0].status == "cancelled"


def test_compliance_page_and_xlsx(editor, scheduled, vk_account):
    for n in range(3):
        scheduled([vk_account], NOW, text=f"Оригинал {n}")
    run_once()
    page = editor.get(f"{M}/compliance/?from=2024-05-13&to=2024-05-19").content.decode()
    assert "13.05–19.05.2024" in page and "Текст: 3" in page
    response = editor.get(f"{M}/compliance.xlsx?from=2024-05-13&to=2024-05-19")
    sheet = load_workbook(BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert row[header.index("Оригинальных")] == 3 and row[header.index("Соблюдён")] == "да"


def test_an_occasion_is_created_and_posts_link_to_it(editor, health, komiac, vk_account):
    editor.post(
        f"{M}/occasions/new/",
        {
            "title": "Открытие поликлиники",
            "source": "Приказ",
            "occurred_on": "2024-05-13",
            "facts_provider": "ГБУЗ",
        },
    )
    from gospablik.content.models import InfoOccasion

    occasion = InfoOccasion.objects.get()
    editor.post(f"{M}/posts/new/", form([vk_account.pk], occasion=occasion.pk, action="draft"))
    assert Post.objects.get().occasion == occasion
    assert "Открытие поликлиники" in editor.get(f"{M}/occasions/").content.decode()


def test_the_post_page_escapes_user_text(editor, health, komiac, vk_account):
    post = make_post(health, komiac, [vk_account], text="<script>alert(1)</script>")
    page = editor.get(f"{M}/posts/{post.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_publish_now_goes_out_on_the_next_tick(editor, health, komiac, vk_account, emulators):
    post = make_post(health, komiac, [vk_account], text="Срочно")
    editor.post(f"{M}/posts/{post.pk}/publish-now/")
    assert run_once().outcomes == {"done": 1}


def test_a_decompression_bomb_is_refused_with_a_message(editor, vk_account):
    """A 20000×20000 PNG (small on disk, 400 million pixels) once gave 500 (issue 16)."""
    buffer = BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    response = editor.post(f"{M}/posts/new/", form([vk_account.pk], media_files=upload))
    assert response.status_code == 200
    assert "«bomb.png»: изображение слишком большое" in response.content.decode()
    assert not Post.objects.exists()
