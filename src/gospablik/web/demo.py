"""The demo: both ministries from the seeds, people in every role, a dozen accounts, duties.

Some duties are overdue on purpose so that the board shows what lateness looks like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gospablik.duties.actions import Subject, do_complete_duty, open_duties_for
from gospablik.duties.engine import tick
from gospablik.duties.models import Duty
from gospablik.orgs.models import Membership, Ministry, Organization
from gospablik.policy.actions import do_setup_ministry
from gospablik.policy.loader import load_preset
from gospablik.policy.order import do_record_order_signed
from gospablik.registry.actions import do_mark_account_deleted, do_register_account
from gospablik.registry.models import Account
from gospablik.web.demo_dialogue import load_dialogue_demo
from gospablik.web.demo_networks import connect_demo_accounts
from gospablik.web.demo_records import load_records

DEMO_PASSWORD = "gospablik-demo"  # noqa: S105 — printed for the demo only, never used in production


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    ministry: str
    org: str
    role: str


PEOPLE = [
    Person("head", "Ирина Министрова", "kuzbass-health-335", "kuzdrav", "head"),
    Person("mz_editor", "Олег Редакторов", "kuzbass-health-335", "kuzdrav", "editor"),
    Person("mz_reviewer", "Анна Согласова", "kuzbass-health-335", "kuzdrav", "reviewer"),
    Person("mz_legal", "Павел Юристов", "kuzbass-health-335", "kuzdrav-legal", "legal"),
    Person("komiac", "Мария Операторова", "kuzbass-health-335", "komiac", "editor"),
    Person("komiac_registry", "Денис Реестров", "kuzbass-health-335", "komiac", "registry_keeper"),
    Person("moderator", "Светлана Модераторова", "kuzbass-health-335", "komiac", "moderator"),
    Person("security", "Игорь Защитин", "kuzbass-health-335", "komiac", "security_officer"),
    # Order 000 п.2 абз.7: the head of КОМИАЦ signs the consolidated remarks to ЦУР
    Person("komiac_head", "Роман Зельков", "kuzbass-health-335", "komiac", "head"),
    Person("komiac_reviewer", "Татьяна Сверкина", "kuzbass-health-335", "komiac", "reviewer"),
    Person("cur", "Елена Цурова", "kuzbass-health-335", "cur-kuzbass", "editor"),
    Person(
        "szn_head", "Евгения Соцзащитова", "kuzbass-social-protection-draft", "kuzsocial", "head"
    ),
    Person(
        "szn_org", "Николай Делопроизводов", "kuzbass-social-protection-draft", "orgwork", "editor"
    ),
    Person(
        "szn_moderator", "Ольга Отделова", "kuzbass-social-protection-draft", "orgwork", "moderator"
    ),
    Person(
        "csvi_security",
        "Артём Информатизов",
        "kuzbass-social-protection-draft",
        "csvi",
        "security_officer",
    ),
    Person("cur", "Елена Цурова", "kuzbass-social-protection-draft", "cur-kuzbass", "viewer"),
]

ACCOUNTS = {
    "kuzbass-health-335": [
        ("vk", "https://vk.com/kuzdrav", "Минздрав Кузбасса", 400, "komiac", True),
        ("ok", "https://ok.ru/group/kuzdrav", "Минздрав Кузбасса", 380, "komiac", True),
        ("vk", "https://vk.com/kuzdrav_vaccine", "Прививка Кузбасс", 200, "komiac", False),
        ("ok", "https://ok.ru/group/kuzdrav_zozh", "Здоровый Кузбасс", 120, "komiac", False),
        (
            "blog",
            "https://kuzdrav.livejournal.com/",
            "Блог Минздрава Кузбасса",
            900,
            "komiac",
            False,
        ),
        ("vk", "https://vk.com/kuzdrav_donor", "Доноры Кузбасса", 2, "komiac", False),
        ("ok", "https://ok.ru/group/kuzdrav_mama", "Мама Кузбасс", 6, "komiac", False),
    ],
    "kuzbass-social-protection-draft": [
        ("vk", "https://vk.com/kuzsocial", "Соцзащита Кузбасса", 500, "orgwork", True),
        ("ok", "https://ok.ru/group/kuzsocial", "Соцзащита Кузбасса", 480, "orgwork", True),
        (
            "facebook",
            "https://facebook.com/kuzsocial",
            "Соцзащита Кузбасса (Facebook)",
            700,
            "orgwork",
            False,
        ),
        (
            "instagram",
            "https://instagram.com/kuzsocial",
            "Соцзащита Кузбасса (Instagram)",
            650,
            "orgwork",
            False,
        ),
        ("vk", "https://vk.com/kuzsocial_family", "Семья Кузбасса", 3, "orgwork", False),
    ],
}


def load_demo(today: date | None = None) -> list[Person]:
    """Create the demo data unless it exists; return the people for the login list."""
    if Ministry.objects.filter(key__in=ACCOUNTS).exists():
        return PEOPLE
    today = today or timezone.localdate()
    with transaction.atomic():
        for key in ACCOUNTS:
            do_setup_ministry(load_preset(key), actor="demo")
        for person in PEOPLE:
            _person(person)
        for key, accounts in ACCOUNTS.items():
            _accounts(Ministry.objects.get(key=key), accounts, today)
        health = Ministry.objects.get(key="kuzbass-health-335")
        do_record_order_signed(health, today - timedelta(days=1), actor="demo")
        connect_demo_accounts()
        _content(health, today)
        load_dialogue_demo(health)
        for key in ACCOUNTS:
            load_records(Ministry.objects.get(key=key))
    tick()
    return PEOPLE


def _person(person: Person) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=person.username)
    if created:
        first, last = person.name.split(" ", 1)
        user.first_name, user.last_name = first, last
        user.email = f"{person.username}@demo.gospablik.local"
        user.set_password(DEMO_PASSWORD)
        user.save()
    org = Organization.objects.get(ministry__key=person.ministry, key=person.org)
    Membership.objects.get_or_create(user=user, organization=org, role=person.role)


def _content(ministry: Ministry, today: date) -> None:
    """An info occasion with posts: one going out in a few minutes, one tomorrow, a draft."""
    from gospablik.content.actions import do_create_post, do_schedule
    from gospablik.content.occasions import do_create_occasion

    actor = get_user_model().objects.get(username="komiac")
    accounts = list(
        Account.objects.filter(
            ministry=ministry,
            status="active",
            url__in=["https://vk.com/kuzdrav", "https://ok.ru/group/kuzdrav"],
        )
    )
    occasion = do_create_occasion(
        ministry,
        {
            "title": "Открытие поликлиники на Ленина, 5",
            "source": "Пресс-служба больницы №3",
            "occurred_on": today,
            "facts_provider": "Главный врач И. Петров",
            "description": "Новая поликлиника принимает взрослых с понедельника.",
        },
        actor=actor,
    )
    now = timezone.now()
    for text, offset in [
        (
            "С понедельника открываем новую поликлинику на Ленина, 5. Запись — на Госуслугах "
            "или по телефону 122. Приходите!",
            timedelta(minutes=3),
        ),
        (
            "Завтра с 9 до 15 в поликлинике на Ленина, 5 делаем прививки от гриппа без записи. "
            "Возьмите паспорт и полис.",
            timedelta(days=1),
        ),
    ]:
        post = do_create_post(
            ministry, {"format": "text", "text": text, "occasion": occasion}, accounts, actor=actor
        )
        do_schedule(post, now + offset, actor=actor)
    do_create_post(
        ministry,
        {
            "format": "text",
            "occasion": occasion,
            "text": "В целях информирования населения сообщаем о проведении "
            "мероприятий по вакцинации.",
        },
        accounts,
        actor=actor,
    )


def _report_on_time(account: Account, actor: object) -> None:
    """Old accounts were reported long ago: close their notices as sent on time."""
    for duty in open_duties_for(Subject.of(account)):
        sent = duty.started_at + timedelta(days=1)
        do_complete_duty(
            duty,
            actor=actor,
            resolution={
                "method": "letter",
                "done_on": sent.date().isoformat(),
                "reference": "исх. 01-12/demo",
                "comment": "Отправлено письмом",
            },
        )
        Duty.objects.filter(pk=duty.pk).update(done_at=sent)


def _accounts(
    ministry: Ministry, accounts: list[tuple[str, str, str, int, str, bool]], today: date
) -> None:
    actor = get_user_model().objects.get(
        username="komiac" if ministry.key.endswith("335") else "szn_org"
    )
    for network, url, title, age, org_key, verified in accounts:
        org = Organization.objects.get(ministry=ministry, key=org_key)
        account = do_register_account(
            ministry,
            {
                "network": network,
                "url": url,
                "title": title,
                "status": "active",
                "created_on": today - timedelta(days=age),
                "responsible_org": org,
                "responsible_person": actor.get_full_name(),
                "verified": verified,
                "has_avatar": True,
                "has_cover": verified,
                "description": f"Официальная страница: {title}",
            },
            actor=actor,
        )
        if age > 30:
            _report_on_time(account, actor)
        if age == 900:
            do_mark_account_deleted(
                account,
                today - timedelta(days=1),
                actor=actor,
                reason="Блог переведён на сайт министерства",
            )
