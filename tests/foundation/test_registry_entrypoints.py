"""Registering an account through the UI, the API and the CLI opens the same duty."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client

from gospablik.duties.models import Duty
from gospablik.registry.models import Account
from tests.conftest import PASSWORD

DUE_000 = datetime(2024, 5, 3, 23, 59, 59, tzinfo=ZoneInfo("Asia/Novokuznetsk"))


def login(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def form(org_id: int, **overrides: str) -> dict[str, str]:
    data = {
        "network": "vk",
        "url": "https://vk.com/kuzdrav_ui",
        "title": "Из формы",
        "status": "active",
        "created_on": "2024-04-26",
        "responsible_org": str(org_id),
        "tier": "",
    }
    data.update(overrides)
    return data


def test_it_registers_through_the_page(health, keeper, komiac_org):
    response = login(keeper).post("/kuzbass-health-335/registry/new/", form(komiac_org.pk))
    account = Account.objects.get(title="Из формы")
    assert response.status_code == 302
    assert Duty.objects.get(subject_id=str(account.pk)).due_at == DUE_000


def test_it_keeps_a_rejected_form_filled_in(health, keeper, komiac_org):
    data = form(
        komiac_org.pk,
        network="facebook",
        url="https://facebook.com/x",
        description="Длинное описание, которое нельзя потерять",
    )
    response = login(keeper).post("/kuzbass-health-335/registry/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "не предусматривает" in page
    assert "Длинное описание, которое нельзя потерять" in page
    assert not Account.objects.exists()


def test_it_registers_through_the_api(health, keeper, komiac_org):
    payload = form(komiac_org.pk, title="Из API")
    payload["responsible_org"] = komiac_org.pk
    response = login(keeper).post(
        "/api/m/kuzbass-health-335/accounts/", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert Duty.objects.get(subject_id=str(response.json()["id"])).due_at == DUE_000


def test_it_answers_api_errors_in_russian(health, keeper, komiac_org):
    payload = {**form(komiac_org.pk, created_on="2099-01-01"), "responsible_org": komiac_org.pk}
    response = login(keeper).post(
        "/api/m/kuzbass-health-335/accounts/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert "в будущем" in response.json()["created_on"][0]


def test_it_registers_through_the_cli(health, keeper, capsys):
    call_command(
        "registry",
        "add",
        "--ministry",
        "kuzbass-health-335",
        "--as",
        "keeper",
        "--network",
        "ok",
        "--url",
        "https://ok.ru/group/kuzdrav_cli",
        "--title",
        "Из CLI",
        "--created",
        "2024-04-26",
        "--org",
        "komiac",
    )
    account_id = capsys.readouterr().out.strip()
    assert Duty.objects.get(subject_id=account_id).due_at == DUE_000


def test_it_completes_a_duty_with_how_and_when_it_was_sent(health, keeper, komiac_org):
    client = login(keeper)
    client.post("/kuzbass-health-335/registry/new/", form(komiac_org.pk))
    duty = Duty.objects.get()
    response = client.post(
        f"/kuzbass-health-335/duties/{duty.pk}/",
        {"method": "edo", "done_on": "2024-05-02", "reference": "01-12/345"},
    )
    duty.refresh_from_db()
    assert response.status_code == 302
    assert duty.status == "done"
    assert duty.resolution["reference"] == "01-12/345"


def test_it_marks_an_account_deleted_through_the_page(health, keeper, komiac_org):
    client = login(keeper)
    client.post("/kuzbass-health-335/registry/new/", form(komiac_org.pk))
    account = Account.objects.get()
    client.post(f"/kuzbass-health-335/registry/{account.pk}/delete/", {"deleted_on": "2024-06-03"})
    account.refresh_from_db()
    assert account.status == "deleted"
    assert Duty.objects.filter(kind="account_deleted_notice").count() == 1


def test_it_searches_and_filters_the_registry(health, keeper, komiac_org):
    client = login(keeper)
    client.post("/kuzbass-health-335/registry/new/", form(komiac_org.pk))
    client.post(
        "/kuzbass-health-335/registry/new/",
        form(komiac_org.pk, network="ok", url="https://ok.ru/group/x", title="Второй"),
    )
    page = client.get("/kuzbass-health-335/registry/?network=ok").content.decode()
    assert "Второй" in page and "Из формы" not in page
    page = client.get("/kuzbass-health-335/registry/?q=форм").content.decode()
    assert "Из формы" in page and "Второй" not in page
