"""Each value of the policy changes what gospablik does (the meta-test counts the markers).

Every test stores a new policy version with one value changed and shows the behaviour
change: a refusal, a duty, its owner, deadline or clause.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml

from gospablik.duties.engine import tick
from gospablik.duties.models import Duty, Notification
from gospablik.orgs.models import Ministry, Organization
from gospablik.policy.actions import do_setup_ministry, do_update_policy
from gospablik.policy.loader import PolicyError, load_preset
from gospablik.policy.order import do_record_order_signed
from gospablik.policy.schema import Policy
from gospablik.policy.store import current_version, policy_for
from gospablik.registry.actions import do_mark_account_deleted
from tests.foundation.factories import change_policy, register

KEMEROVO = ZoneInfo("Asia/Novokuznetsk")
SIGNED = date(2024, 5, 21)


def policy_data(ministry: Ministry) -> dict:
    return yaml.safe_load(current_version(ministry).text)


def notice(account) -> Duty:
    return Duty.objects.get(subject_id=str(account.pk), kind="account_created_notice")


# --- the document itself -------------------------------------------------------------


@pytest.mark.policy_field("key")
def test_a_policy_of_another_ministry_is_refused(health, head):
    data = policy_data(health) | {"key": "other-ministry"}
    with pytest.raises(PolicyError, match="other-ministry"):
        do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=head, comment="")


@pytest.mark.policy_field("version")
def test_the_ministry_numbers_its_own_versions(health, head, legal):
    change_policy(health, {"version": 7}, head)
    assert current_version(health).version == 7
    assert do_record_order_signed(health, SIGNED, actor=legal).policy_version == 7
    change_policy(health, {"version": 7}, head)  # the same number again: the next one
    assert current_version(health).version == 8


@pytest.mark.policy_field("title")
def test_the_policy_page_shows_the_title(client, health, head):
    client.force_login(head)
    change_policy(health, {"title": "Порядок ведения аккаунтов, редакция 2"})
    assert "редакция 2" in client.get(f"/{health.key}/policy/").content.decode()


@pytest.mark.policy_field("timezone")
def test_deadlines_end_in_the_policy_time_zone(health, legal):
    change_policy(health, {"timezone": "Europe/Moscow"})
    duty = do_record_order_signed(health, SIGNED, actor=legal)
    assert duty.due_at == datetime(2024, 5, 24, 23, 59, 59, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.mark.policy_field("ministry")
def test_the_ministry_is_the_organization_the_policy_names(db):
    data = load_preset("kuzbass-health-335").model_dump(mode="json")
    data["key"] = "kuzbass-health-copy"
    data["organizations"].append(
        {"key": "minzdrav2", "kind": "ministry", "name": "Министерство Два", "short_name": "М2"}
    )
    data["ministry"] = "minzdrav2"
    ministry = do_setup_ministry(Policy.model_validate(data))
    assert ministry.name == "Министерство Два" and ministry.short_name == "М2"


# --- organizations and functions -------------------------------------------------------


@pytest.mark.policy_field("organizations.key")
@pytest.mark.policy_field("organizations.kind")
@pytest.mark.policy_field("organizations.name")
@pytest.mark.policy_field("organizations.short_name")
@pytest.mark.policy_field("organizations.parent")
def test_organizations_follow_the_policy(health):
    data = policy_data(health)
    data["organizations"].append(
        {
            "key": "press",
            "kind": "department",
            "name": "Пресс-служба Министерства здравоохранения Кузбасса",
            "short_name": "Пресс-служба",
            "parent": "kuzdrav",
        }
    )
    komiac = next(o for o in data["organizations"] if o["key"] == "komiac")
    komiac.update(name="ГАУЗ КОМИАЦ (новое имя)", short_name="КОМИАЦ", kind="department")
    do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=None, comment="")
    press = Organization.objects.get(ministry=health, key="press")
    assert press.kind == "department" and press.short_name == "Пресс-служба"
    assert press.parent.key == "kuzdrav"
    komiac_org = Organization.objects.get(ministry=health, key="komiac")
    assert (komiac_org.name, komiac_org.kind) == ("ГАУЗ КОМИАЦ (новое имя)", "department")
    assert str(komiac_org) == "КОМИАЦ"


@pytest.mark.policy_field("functions.function")
@pytest.mark.policy_field("functions.orgs")
def test_the_function_decides_who_owes_the_notice(health, keeper):
    first = register(health, keeper, created_on=date(2025, 3, 3), url="https://vk.com/one")
    assert notice(first).owner_org.key == "komiac"
    data = policy_data(health)
    for assignment in data["functions"]:
        if assignment["function"] == "account_notification":
            assignment["orgs"] = ["kuzdrav"]
    do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=None, comment="")
    second = register(health, keeper, created_on=date(2025, 3, 3), url="https://vk.com/two")
    assert notice(second).owner_org.key == "kuzdrav"


@pytest.mark.policy_field("functions.clause")
def test_the_function_clause_is_cited_on_its_duty(health, cur):
    from gospablik.approvals.actions.requests import do_file_request

    data = policy_data(health)
    for assignment in data["functions"]:
        if assignment["function"] == "information_requests":
            assignment["clause"] = "000 п.2 абз.6 (ред.)"
    do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=None, comment="")
    request = do_file_request(
        health,
        actor=cur,
        cur_org=Organization.objects.get(ministry=health, key="cur-kuzbass"),
        topic="Сколько аккаунтов",
        questions="Сколько у вас аккаунтов?",
        needed_by=datetime.now(KEMEROVO).date() + timedelta(days=5),
    )
    assert request.duty.clause == "000 п.2 абз.6 (ред.)"


# --- networks and formats ---------------------------------------------------------------


@pytest.mark.policy_field("networks.network")
def test_only_networks_of_the_policy_can_be_registered(health, keeper):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="не предусматривает"):
        register(health, keeper, network="telegram", url="https://t.me/kuzdrav")
    data = policy_data(health)
    data["networks"].append({"network": "telegram", "clause": "тест"})
    do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=None, comment="")
    assert register(health, keeper, network="telegram", url="https://t.me/kuzdrav").pk


@pytest.mark.policy_field("networks.clause")
def test_the_network_clause_is_cited_on_a_repair_duty(health, keeper):
    from gospablik.networks.base import ConnectorError
    from gospablik.networks.connections import do_connect_account, open_repair_duty

    data = policy_data(health)
    for network in data["networks"]:
        network["clause"] = f"{network['clause']} (ред.)"
    do_update_policy(health, yaml.safe_dump(data, allow_unicode=True), actor=None, comment="")
    account = register(health, keeper, url="https://vk.com/club1", network_id="1")
    connection = do_connect_account(
        account, {"group_id": "1"}, {"user_token": "a", "community_token": "b"}, actor=keeper
    )
    open_repair_duty(connection, ConnectorError("Ключ отозван", permanent=True))
    assert Duty.objects.get(kind="connection_repair").clause == "000 Порядок п.1.1 (ред.)"


@pytest.mark.policy_field("content_formats")
@pytest.mark.policy_field("content_formats_clause")
def test_a_format_outside_the_policy_cannot_be_scheduled(health, komiac):
    from gospablik.content.models import Post
    from gospablik.content.validation import MediaCounts, post_problems

    post = Post(ministry=health, format="poll", text="Опрос")
    change_policy(health, {"content_formats": ["text"], "content_formats_clause": "п. 2.3 (ред.)"})
    problems = post_problems(post, [], MediaCounts(), policy_for(health))
    assert any("не предусмотрен Порядком (п. 2.3 (ред.))" in p for p in problems)


# --- account notification -----------------------------------------------------------------


@pytest.mark.policy_field("account_notification.period")
@pytest.mark.policy_field("account_notification.clause")
@pytest.mark.policy_field("account_notification.recipient")
def test_the_notice_follows_the_policy(health, keeper):
    change_policy(
        health,
        {
            "account_notification.period": {"amount": 5, "unit": "working_days", "clause": "x"},
            "account_notification.clause": "000 п.2 абз.4 (ред.)",
            "account_notification.recipient": "kuzdrav",
        },
    )
    duty = notice(register(health, keeper, created_on=date(2025, 3, 3)))  # Monday
    assert duty.due_at == datetime(2025, 3, 10, 23, 59, 59, tzinfo=KEMEROVO)  # 3 days: 06.03
    assert duty.clause == "000 п.2 абз.4 (ред.)"
    assert duty.recipient == "Министерство здравоохранения Кузбасса"


@pytest.mark.policy_field("account_notification.events")
def test_only_the_listed_events_are_reported(health, keeper):
    change_policy(health, {"account_notification.events": ["created"]})
    account = register(health, keeper, created_on=date(2025, 3, 3))
    do_mark_account_deleted(account, date(2025, 3, 4), actor=keeper)
    assert not Duty.objects.filter(kind="account_deleted_notice").exists()


# --- approvals -----------------------------------------------------------------------------


@pytest.mark.policy_field("approvals.operational")
@pytest.mark.policy_field("approvals.special_project")
def test_review_periods_follow_the_policy(health):
    from gospablik.approvals.deadlines import round_period

    change_policy(
        health,
        {
            "approvals.operational": {"amount": 2, "unit": "hours"},
            "approvals.special_project": {"amount": 5, "unit": "working_days"},
        },
    )
    spec = policy_for(health).approvals
    assert round_period(spec, "operational").describe_ru() == "2 часа"
    assert round_period(spec, "special_project").describe_ru() == "5 рабочих дней"


@pytest.mark.policy_field("approvals.signer_role")
def test_the_signer_role_decides_who_signs(health, make_user):
    from gospablik.approvals.access import can_sign

    head = make_user("komiac_head", health, "komiac", "head")
    editor = make_user("komiac_editor", health, "komiac", "editor")
    assert can_sign(head, health) and not can_sign(editor, health)
    change_policy(health, {"approvals.signer_role": "editor"})
    assert can_sign(editor, health) and not can_sign(head, health)


@pytest.mark.policy_field("approvals.clause")
def test_the_approvals_clause_is_cited_on_the_review_duty(health, cur):
    from tests.approvals.conftest import make_submission

    change_policy(
        health,
        {
            "approvals.clause": "000 п.2 абз.5–8 (ред.)",
            "approvals.special_project": {"amount": 3, "unit": "working_days"},
        },
    )
    submission = make_submission(health, cur)
    assert submission.rounds.get().duty.clause == "000 п.2 абз.5–8 (ред.)"


# --- repost cap, style ----------------------------------------------------------------------


@pytest.mark.policy_field("repost_cap.max_share")
@pytest.mark.policy_field("repost_cap.clause")
def test_the_repost_share_and_its_clause(health, keeper):
    from gospablik.content.counting import repost_verdict

    account = register(health, keeper)
    moment = datetime(2025, 3, 5, 12, tzinfo=KEMEROVO)
    assert not repost_verdict(account, moment, policy_for(health)).allowed
    change_policy(health, {"repost_cap.max_share": 1.0})
    assert repost_verdict(account, moment, policy_for(health)).allowed
    change_policy(health, {"repost_cap.max_share": 0.5, "repost_cap.clause": "п. 2.2 (ред.)"})
    assert "(п. 2.2 (ред.))" in repost_verdict(account, moment, policy_for(health)).message


@pytest.mark.policy_field("style.clause")
def test_the_style_clause_is_cited_in_the_refusal(health, komiac):
    from gospablik.styleguide.gate import gate_problems

    change_policy(health, {"style.min_score": 9, "style.clause": "п. 2.4 (ред.)"})
    text = "В целях информирования населения сообщаем о проведении мероприятия."
    (problem,) = gate_problems(health, health, text)
    assert "(п. 2.4 (ред.))" in problem


# --- reminders and the calendar ----------------------------------------------------------


@pytest.mark.policy_field("reminders.before_hours")
def test_reminders_come_when_the_policy_says(health, keeper):
    change_policy(health, {"reminders.before_hours": [48]})
    duty = notice(register(health, keeper, created_on=date(2025, 3, 3)))
    assert duty.next_check_at == duty.due_at - timedelta(hours=48)


@pytest.mark.policy_field("reminders.escalate_to_role")
def test_an_overdue_duty_goes_to_the_role_the_policy_names(health, keeper, head, make_user):
    viewer = make_user("ministry_viewer", health, "kuzdrav", "viewer")
    change_policy(health, {"reminders.escalate_to_role": "viewer"})
    duty = notice(register(health, keeper, created_on=date(2025, 3, 3)))
    with time_machine.travel(duty.due_at + timedelta(minutes=1), tick=False):
        tick()
    assert Notification.objects.filter(user=viewer, level="escalation").exists()
    assert not Notification.objects.filter(user=head, level="escalation").exists()


@pytest.mark.policy_field("calendar.extra_days_off")
@pytest.mark.policy_field("calendar.extra_working_days")
def test_the_calendar_corrections_move_deadlines(health, keeper):
    first = notice(register(health, keeper, created_on=date(2025, 3, 3), url="https://vk.com/a"))
    assert first.due_at.astimezone(KEMEROVO).date() == date(2025, 3, 6)
    change_policy(health, {"calendar.extra_days_off": ["2025-03-04"]})
    second = notice(register(health, keeper, created_on=date(2025, 3, 3), url="https://vk.com/b"))
    assert second.due_at.astimezone(KEMEROVO).date() == date(2025, 3, 7)
    change_policy(
        health, {"calendar.extra_days_off": [], "calendar.extra_working_days": ["2025-03-01"]}
    )
    policy = policy_for(health)
    start = datetime(2025, 2, 28, 0, 0, tzinfo=KEMEROVO)  # Friday; Saturday now works
    due = policy.due_at(start, policy.account_notification.period)
    assert due.astimezone(KEMEROVO).date() == date(2025, 3, 4)


@pytest.mark.policy_field("calendar.business_hours_start")
@pytest.mark.policy_field("calendar.business_hours_end")
def test_business_hours_follow_the_policy(health):
    start = datetime(2025, 3, 3, 17, 0, tzinfo=KEMEROVO)  # Monday, an hour before 18:00

    def review_due() -> datetime:
        policy = policy_for(health)
        return policy.due_at(start, policy.moderation.review_sla).astimezone(KEMEROVO)

    assert review_due() == datetime(2025, 3, 4, 12, 0, tzinfo=KEMEROVO)  # 1 h + 3 h from 09:00
    change_policy(health, {"calendar.business_hours_start": "08:00"})
    assert review_due() == datetime(2025, 3, 4, 11, 0, tzinfo=KEMEROVO)
    change_policy(health, {"calendar.business_hours_end": "20:00"})
    assert review_due() == datetime(2025, 3, 4, 9, 0, tzinfo=KEMEROVO)  # 3 h + 1 h from 08:00
