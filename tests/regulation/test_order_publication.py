"""Publishing the order (000 п.3.1, 3.2): every step a duty with its own evidence."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from gospablik.duties.actions import do_complete_duty
from gospablik.duties.models import Duty
from gospablik.policy.order import do_record_order_signed, order_steps, publication_done
from tests.foundation.factories import change_policy

SIGNED = date(2024, 5, 21)
KEMEROVO = ZoneInfo("Asia/Novokuznetsk")


def evidence(reference: str) -> dict[str, str]:
    return {"method": "site", "done_on": "2024-05-22", "reference": reference, "comment": ""}


@pytest.mark.policy_field("order_publication.extra_steps.action")
@pytest.mark.policy_field("order_publication.extra_steps.where")
def test_each_extra_step_is_a_duty(health, legal):
    do_record_order_signed(health, SIGNED, actor=legal)
    step = Duty.objects.get(kind="order_publication_step")
    assert step.title.startswith("Государственная регистрация приказа")
    assert "www.pravo.gov.ru" in step.title and "bulleten-kuzbass" in step.title
    assert step.owner_org.key == "kuzdrav-legal"


def test_without_extra_steps_only_the_placement_is_a_duty(health, legal):
    change_policy(health, {"order_publication.extra_steps": []})
    do_record_order_signed(health, SIGNED, actor=legal)
    assert [d.kind for d in order_steps(health)] == ["order_publication"]


@pytest.mark.policy_field("order_publication.extra_steps.period")
@pytest.mark.policy_field("order_publication.extra_steps.clause")
def test_a_step_has_its_own_deadline_and_clause(health, legal):
    (step,) = _steps(health)
    step["period"] = {"amount": 7, "unit": "calendar_days", "clause": "000 п.3.1"}
    step["clause"] = "000 п.3.1 (ред. 2)"
    change_policy(health, {"order_publication.extra_steps": [step]})
    do_record_order_signed(health, SIGNED, actor=legal)
    duty = Duty.objects.get(kind="order_publication_step")
    assert duty.due_at == datetime(2024, 5, 28, 23, 59, 59, tzinfo=KEMEROVO)
    assert duty.clause == "000 п.3.1 (ред. 2)"


def test_a_step_is_closed_only_with_evidence(health, legal):
    do_record_order_signed(health, SIGNED, actor=legal)
    step = Duty.objects.get(kind="order_publication_step")
    with pytest.raises(ValidationError, match="регистрационный номер"):
        do_complete_duty(step, actor=legal, resolution=evidence("сделали"))
    do_complete_duty(step, actor=legal, resolution=evidence("№ 12-3456"))
    step.refresh_from_db()
    assert step.status == "done" and step.resolution["reference"] == "№ 12-3456"


def test_the_publication_is_done_only_when_every_step_is(health, legal):
    main = do_record_order_signed(health, SIGNED, actor=legal)
    assert not publication_done(health)
    do_complete_duty(main, actor=legal, resolution=evidence("https://kuzdrav.ru/docs/335"))
    assert not publication_done(health)
    step = Duty.objects.get(kind="order_publication_step")
    do_complete_duty(
        step, actor=legal, resolution=evidence("https://pravo.gov.ru/4200202405210001")
    )
    assert publication_done(health)


@pytest.mark.policy_field("order_publication.responsible")
@pytest.mark.policy_field("order_publication.where")
@pytest.mark.policy_field("order_publication.clause")
@pytest.mark.policy_field("document")
def test_the_placement_duty_follows_the_policy(health, legal):
    change_policy(
        health,
        {
            "order_publication.responsible": "komiac",
            "order_publication.where": ["сайт kuzdrav.example"],
            "order_publication.clause": "000 п.3.2 (ред.)",
            "document": "Приказ Министерства здравоохранения Кузбасса от 21.05.2024 № 999",
        },
    )
    main = do_record_order_signed(health, SIGNED, actor=legal)
    assert main.owner_org.key == "komiac"
    assert "kuzdrav.example" in main.title
    assert main.clause == "000 п.3.2 (ред.)"
    assert main.description.endswith("№ 999")


@pytest.mark.policy_field("order_publication.period")
def test_the_placement_deadline_follows_the_policy(health, legal):
    main = do_record_order_signed(health, SIGNED, actor=legal)
    assert main.due_at == datetime(2024, 5, 24, 23, 59, 59, tzinfo=KEMEROVO)
    change_policy(health, {"order_publication.period": None})
    assert do_record_order_signed(health, SIGNED, actor=legal).due_at is None


def _steps(ministry):
    import yaml

    from gospablik.policy.store import current_version

    return yaml.safe_load(current_version(ministry).text)["order_publication"]["extra_steps"]


@pytest.mark.policy_field("signed_on")
def test_the_signing_form_offers_the_policy_date(client, health, head):
    client.force_login(head)
    page = client.get(f"/{health.key}/policy/order-signed/").content.decode()
    assert "2024-05-21" in page
    change_policy(health, {"signed_on": "2024-06-03"})
    page = client.get(f"/{health.key}/policy/order-signed/").content.decode()
    assert "2024-06-03" in page


def test_the_policy_page_shows_each_step_and_its_evidence(client, health, head, legal):
    main = do_record_order_signed(health, SIGNED, actor=legal)
    do_complete_duty(main, actor=legal, resolution=evidence("https://kuzdrav.ru/docs/335"))
    client.force_login(head)
    page = client.get(f"/{health.key}/policy/").content.decode()
    assert "https://kuzdrav.ru/docs/335" in page and "Не все шаги выполнены" in page
