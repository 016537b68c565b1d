"""The page passport: read from the emulated VK and OK pages; a missing item opens a duty
for the organization holding the maintenance function."""

from __future__ import annotations

import pytest

from gospablik.duties.models import Duty
from gospablik.passport.check import check_account
from tests.conftest import VK_GROUP
from tests.foundation.factories import change_policy

DESCRIPTION = (
    "Официальная страница Министерства здравоохранения Кузбасса. Телефон 8 (3842) 36-42-00, "
    "г. Кемерово, пр. Советский, 58. Приём: пн–пт 9:00–18:00."
)


def complete(community) -> None:
    """Everything the policy of order 000 asks for is on the page."""
    community.name = "Министерство здравоохранения Кузбасса"
    community.description = DESCRIPTION
    community.photo_200 = "https://sun.userapi.com/avatar.jpg"
    community.cover_images = [{"url": "https://sun.userapi.com/cover.jpg", "width": 1590}]
    community.action_button = {"action_type": "open_app", "is_enabled": True}
    community.live_cover = True
    community.is_government_organization = True
    community.wall = 1
    community.contacts, community.main_address = [], {}  # contacts come from the description


@pytest.fixture
def page(vk_account, vk_emulator):
    community = vk_emulator.state.community(VK_GROUP)
    complete(community)
    return community


def duty():
    return Duty.objects.filter(kind="page_passport", status="open").first()


def test_a_complete_page_opens_no_duty(vk_account, page):
    passport = check_account(vk_account)
    assert passport.missing == [] and duty() is None
    assert {i["item"] for i in passport.items} >= {"avatar", "gov_mark", "contacts"}


@pytest.mark.parametrize(
    ("item", "spoil", "label"),
    [
        ("name_matches", {"name": "Здоровье Кузбасса"}, "Название совпадает с официальным"),
        (
            "description",
            {"description": "", "site": "Телефон 8 (3842) 36-42-00, ул. Красная, 9, 9:00–18:00"},
            "Описание",
        ),
        ("contacts", {"description": "Официальная страница министерства"}, "часы работы"),
        ("avatar", {"photo_200": ""}, "Аватар"),
        ("cover", {"cover_images": []}, "Обложка"),
        ("widgets", {"action_button": {}}, "Приложения и виджеты"),
        ("live_cover", {"live_cover": False}, "Динамическая обложка"),
        ("gov_mark", {"is_government_organization": False}, "Госорганизация"),
        ("comments_open", {"wall": 0}, "Комментарии открыты"),
    ],
)
def test_each_missing_item_opens_a_duty(vk_account, page, item, spoil, label):
    for name, value in spoil.items():
        setattr(page, name, value)
    passport = check_account(vk_account)
    assert [m["item"] for m in passport.missing] == [item]
    opened = duty()
    assert label in opened.description and opened.owner_org.key == "komiac"


def test_the_duty_is_done_when_the_page_is_fixed(vk_account, page):
    page.photo_200 = ""
    check_account(vk_account)
    page.photo_200 = "https://sun.userapi.com/new.jpg"
    check_account(vk_account)
    assert duty() is None
    assert Duty.objects.get(kind="page_passport").status == "done"


def test_contacts_say_what_is_missing(vk_account, page):
    page.description = "Официальная страница. Телефон 8 (3842) 36-42-00"
    check_account(vk_account)
    assert "нет адреса, часов работы" in duty().description


def test_contacts_may_come_from_the_contact_fields(vk_account, page):
    page.description = "Официальная страница министерства"
    page.main_address = {
        "address": "ул. Красная, 9",
        "timetable": {"mon": {"open_time": 540, "close_time": 1080}},
        "work_info_status": "timetable",
    }
    page.contacts = [{"user_id": 1, "desc": "Приёмная", "phone": "+7 (3842) 36-42-00"}]
    assert check_account(vk_account).missing == []


def test_a_reading_error_is_stored_and_changes_no_duty(vk_account, page, vk_emulator):
    vk_emulator.state.tokens.clear()
    passport = check_account(vk_account)
    assert passport.error and duty() is None


@pytest.mark.policy_field("profile.description_required")
def test_description_required_switch(health, vk_account, page):
    page.description = ""
    assert [m["item"] for m in check_account(vk_account).missing] == ["description", "contacts"]
    change_policy(health, {"profile.description_required": False})
    assert [m["item"] for m in check_account(vk_account).missing] == ["contacts"]


@pytest.mark.policy_field("profile.design_required")
def test_design_required_switch(health, vk_account, page):
    page.photo_200, page.cover_images = "", []
    assert {m["item"] for m in check_account(vk_account).missing} == {"avatar", "cover"}
    change_policy(health, {"profile.design_required": False})
    assert check_account(vk_account).missing == []


@pytest.mark.policy_field("profile.use_new_features")
def test_new_features_switch(health, vk_account, page):
    page.action_button, page.live_cover = {}, False
    assert {m["item"] for m in check_account(vk_account).missing} == {"widgets", "live_cover"}
    change_policy(health, {"profile.use_new_features": False})
    assert check_account(vk_account).missing == []


@pytest.mark.policy_field("profile.clause")
@pytest.mark.policy_field("profile.passport.item")
@pytest.mark.policy_field("profile.passport.clause")
def test_each_item_cites_its_source(health, vk_account, page):
    page.photo_200, page.is_government_organization = "", False
    change_policy(
        health,
        {
            "profile.clause": "п. 2.4 Порядка (ред.)",
            "profile.passport": [{"item": "gov_mark", "clause": "ст. 10.1 8-ФЗ"}],
        },
    )
    check_account(vk_account)
    text = duty().description
    assert "Аватар — п. 2.4 Порядка (ред.)" in text
    assert "Отметка «Госорганизация» — ст. 10.1 8-ФЗ" in text
    change_policy(health, {"profile.passport": []})
    assert [m["item"] for m in check_account(vk_account).missing] == ["avatar"]


@pytest.fixture
def ok_page(health, keeper):
    """The ministry's OK group, connected through the emulator (group.getInfo fields)."""
    from gospablik.networks.connections import TRANSPORT_OVERRIDES, do_connect_account
    from gospablik_emulators.emulation import emulator_transport
    from gospablik_emulators.ok.emulator import make_app
    from tests.foundation.factories import register

    emulator = make_app()
    TRANSPORT_OVERRIDES["ok"] = emulator_transport(emulator)
    account = register(health, keeper, network="ok", url="https://ok.ru/group/70000000000001")
    secrets = {
        "application_key": "CBAOKDEMOAPPKEY",
        "application_secret_key": "ok-demo-secret",
        "access_token": "ok-demo-access-token",
    }
    do_connect_account(account, {"group_id": "70000000000001"}, secrets, actor=keeper)
    group = emulator.state.group("70000000000001")
    group.description, group.pic_avatar = DESCRIPTION, "https://i.mycdn.me/avatar.jpg"
    group.cover_photos = [{"id": "1", "pic_max": "https://i.mycdn.me/cover.jpg"}]
    yield account, group
    TRANSPORT_OVERRIDES.pop("ok", None)


def test_an_ok_page_is_read_from_group_get_info(ok_page):
    account, group = ok_page
    passport = check_account(account)
    shown = {i["item"]: i["ok"] for i in passport.items}
    assert shown["avatar"] and shown["cover"] and shown["contacts"] and shown["name_matches"]
    assert shown["gov_mark"] is None and shown["comments_open"] is None  # not in OK's API
    assert passport.missing == [] and duty() is None


def test_an_ok_page_without_a_cover_opens_a_duty(ok_page):
    account, group = ok_page
    group.cover_photos = []
    assert [m["item"] for m in check_account(account).missing] == ["cover"]
    assert "Обложка" in duty().description


def test_ok_contacts_come_from_phone_and_address(ok_page):
    account, group = ok_page
    group.description = "Официальная группа министерства"
    group.phone, group.address = "+7 (3842) 36-42-00", "г. Кемерово, ул. Красная, 9"
    assert "нет часов работы" in duty_after(account)


def duty_after(account) -> str:
    check_account(account)
    return duty().description


def test_the_registry_and_the_security_overview_show_the_passport(
    client, health, keeper, head, vk_account, page
):
    page.photo_200 = ""
    check_account(vk_account)
    client.force_login(keeper)
    account_page = client.get(f"/{health.key}/registry/{vk_account.pk}/").content.decode()
    assert 'id="passport"' in account_page and "✗</td><td>Аватар" in account_page
    client.force_login(head)
    overview = client.get(f"/{health.key}/security/").content.decode()
    assert '<td class="passport">Аватар</td>' in overview
