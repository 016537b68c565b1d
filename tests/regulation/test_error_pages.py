"""403, 404 and 500 pages in the app's layout and language, with a way back."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation


def test_404_is_in_the_layout_with_a_way_back(client, health, keeper):
    client.force_login(keeper)
    response = client.get(f"/{health.key}/registry/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert 'class="brand"' in page and "Страница не найдена" in page and "На главную" in page


def test_403_says_why_in_the_layout(client, health, keeper):
    client.force_login(keeper)
    response = client.get(f"/{health.key}/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="brand"' in page and "Нет доступа" in page and "403 Forbidden" not in page


def test_403_speaks_english(client, health, keeper):
    client.force_login(keeper)
    client.cookies["django_language"] = "en"
    page = client.get(f"/{health.key}/audit/").content.decode()
    assert "Access denied" in page and "Нет доступа" not in page


@pytest.mark.parametrize("language", ["ru", "en"])
def test_500_renders_without_a_request(language):
    with translation.override(language):
        page = render_to_string("500.html")
    assert ("Ошибка на сервере" if language == "ru" else "Server error") in page


def test_a_reviewer_sees_who_signs(client, health, cur, make_user):
    from tests.approvals.conftest import make_submission

    reviewer = make_user("komiac_reviewer", health, "komiac", "reviewer")
    submission = make_submission(health, cur)
    client.force_login(reviewer)
    page = client.get(f"/{health.key}/approvals/{submission.pk}/").content.decode()
    assert "Подписывает руководитель ГАУЗ «КОМИАЦ им. Р.М. Зельковича»: у вас нет этой роли" in page
