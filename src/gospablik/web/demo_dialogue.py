"""Demo of the dialogue: residents' questions, complaints, requests and thanks on the VK and
OK communities of the Ministry of Health — some answered, some due soon, one overdue.

Comments and messages are moderation's rows (kept by moderation); threads open as intake
opens them; answered ones carry the answer the community gave.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gospablik.dialogue.actions import do_assign, do_save_template
from gospablik.dialogue.delivery import settle_sent_history
from gospablik.dialogue.models import Answer, Thread
from gospablik.dialogue.threads import open_thread
from gospablik.moderation.models import Comment, Message
from gospablik.orgs.models import Ministry
from gospablik.registry.models import Account

# (network, hours ago, author id, author name, text, answer or "")
COMMENTS = [
    (
        "vk",
        30,
        "310",
        "Ольга Смирнова",
        "Подскажите, где сделать прививку от клеща в Кемерове?",
        "Ольга, здравствуйте! Прививку делают в поликлиниках, запись на Госуслугах.",
    ),
    (
        "vk",
        26,
        "311",
        "Игорь Кузнецов",
        "Третью неделю не могу записаться к неврологу, запись всегда закрыта",
        "Игорь, передали вопрос в поликлинику, вам перезвонят до конца недели.",
    ),
    ("vk", 20, "312", "Анна Попова", "Спасибо врачам кардиоцентра за папу!", ""),
    (
        "vk",
        6,
        "313",
        "Сергей Волков",
        "Прошу разобраться с очередью в регистратуре поликлиники №3",
        "",
    ),
    ("vk", 2, "314", "Елена Морозова", "Когда откроют новый ФАП в Лесной Поляне?", ""),
    (
        "vk",
        80,
        "315",
        "Павел Лебедев",
        "В аптеке нет льготного инсулина уже месяц, что делать?",
        "",
    ),
    (
        "ok",
        28,
        "575000000201",
        "Нина Соколова",
        "Как записаться на диспансеризацию в Новокузнецке?",
        "Нина, здравствуйте! Запись — в регистратуре или на Госуслугах, с собой полис ОМС.",
    ),
    (
        "ok",
        4,
        "575000000202",
        "Виктор Орлов",
        "Помогите записать маму к эндокринологу, она не может сама",
        "",
    ),
    ("ok", 3, "575000000203", "Татьяна Белова", "Хорошая новость, давно ждали", ""),
]
MESSAGES = [
    (
        "vk",
        5,
        "320",
        "Мария Иванова",
        "Здравствуйте! Положена ли бесплатная путёвка в санаторий после инфаркта?",
    ),
]
TEMPLATES = [
    (
        "Запись к врачу",
        "question",
        "{имя}, здравствуйте! Записаться можно на Госуслугах или по телефону 122.",
    ),
    (
        "Передали в учреждение",
        "complaint",
        "{имя}, здравствуйте! Передали ваш вопрос в учреждение, ответ — в течение дня.",
    ),
    ("Благодарность", "thanks", "{имя}, спасибо за тёплые слова! Передадим коллегам."),
]


def load_dialogue_demo(ministry: Ministry, now: datetime | None = None) -> None:
    moment = now or timezone.now()
    operator = get_user_model().objects.get(username="komiac")
    accounts = {
        a.network: a for a in Account.objects.filter(ministry=ministry, network__in=("vk", "ok"))
    }
    with transaction.atomic():
        for title, category, text in TEMPLATES:
            do_save_template(ministry, title=title, text=text, category=category, actor=operator)
        for index, (network, hours, author, name, text, answer) in enumerate(COMMENTS):
            if network in accounts:
                _comment(accounts[network], index, moment - timedelta(hours=hours), author, name,
                         text, answer, operator)  # fmt: skip
        for index, (network, hours, author, name, text) in enumerate(MESSAGES):
            if network in accounts:
                _message(
                    accounts[network], index, moment - timedelta(hours=hours), author, name, text
                )


def _comment(account: Account, index: int, at: datetime, author: str, name: str, text: str,
             answer: str, operator: Any) -> None:  # fmt: skip
    comment = Comment.objects.create(
        ministry=account.ministry, account=account, network=account.network,
        network_comment_id=f"demo-{index}", post_id="3", author_id=author, author_name=name,
        text=text, posted_at=at, received_at=at, status=Comment.Status.KEPT,
    )  # fmt: skip
    thread = open_thread(comment) or Thread.objects.get(comment=comment)
    if answer:
        when = at + timedelta(hours=2)
        reply = Answer.objects.create(
            thread=thread, text=answer, text_key=f"demo-{index}", author=operator, created_at=when
        )
        settle_sent_history(reply, f"demo-reply-{index}", when)
    elif index == 3:
        do_assign(thread, operator, actor=operator)


def _message(account: Account, index: int, at: datetime, author: str, name: str, text: str) -> None:
    message = Message.objects.create(
        ministry=account.ministry, account=account, network=account.network,
        network_message_id=f"demo-message-{index}", author_id=author, author_name=name,
        text=text, posted_at=at, received_at=at,
    )  # fmt: skip
    open_thread(message)
