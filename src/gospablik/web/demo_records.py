"""Demo of the records a working ministry accumulates: a poster on a draft post, a
blacklisted author with an appeal, an unlawful-content rule, a security alert, a style
entry, a queued analytics report and, where the policy has approvals, a submission and an
information request with their files. Both ministries get them, so every page has
something to show (and the URL guard in the tests has an object of each kind).
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gospablik.orgs.models import Ministry, Organization
from gospablik.registry.models import Account
from gospablik.styleguide.models import StyleEntry

# ministry -> (editor, moderator, security officer, head)
STAFF = {
    "kuzbass-health-335": ("komiac", "moderator", "security", "head"),
    "kuzbass-social-protection-draft": ("szn_org", "szn_moderator", "csvi_security", "szn_head"),
}
RESIDENT = {  # a resident's question, an offensive comment; (id, name) of each author
    "kuzbass-health-335": (
        ("420", "Наталья Орлова"),
        ("421", "Гена Злобин"),
        "Когда в поликлинике на Ленина начнут принимать детей?",
        "Врачи ваши — бездельники и ворюги, сидят за наши деньги",
    ),
    "kuzbass-social-protection-draft": (
        ("520", "Вера Лаптева"),
        ("521", "Стас Грубов"),
        "Подскажите, как оформить единое пособие на второго ребёнка?",
        "Соцзащита — сборище ворюг, заткнитесь уже со своими пособиями",
    ),
}
STYLE = ("в целях информирования населения", "bureaucratese", "сообщаем",
         "Канцелярит: пишите просто")  # fmt: skip


def load_records(ministry: Ministry) -> None:
    """Add the records to a ministry of the demo (inside the loader's transaction)."""
    editor, moderator, security, head = (
        get_user_model().objects.get(username=name) for name in STAFF[ministry.key]
    )
    account = Account.objects.filter(ministry=ministry, network="vk", status="active").first()
    assert account is not None, "the demo ministry has a VK community"
    _media(ministry, account, editor)
    _moderation(ministry, account, moderator)
    _alert(account, security)
    StyleEntry.objects.get_or_create(
        ministry=ministry, phrase=STYLE[0],
        defaults={"category": STYLE[1], "suggestion": STYLE[2], "note": STYLE[3]},
    )  # fmt: skip
    _report(ministry, head)
    if ministry.key == "kuzbass-health-335":
        _approvals(ministry)


def png(width: int = 800, height: int = 600) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 110, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _media(ministry: Ministry, account: Account, editor: Any) -> None:
    from gospablik.content.actions import do_create_post
    from gospablik.content.attachments import do_attach_media
    from gospablik.content.occasions import do_create_occasion

    occasion = do_create_occasion(
        ministry,
        {"title": "Неделя приёма граждан", "source": "Приёмная министра",
         "occurred_on": timezone.localdate(), "facts_provider": "Приёмная министра",
         "description": "Министр и заместители принимают граждан по записи."},
        actor=editor,
    )  # fmt: skip
    post = do_create_post(
        ministry,
        {
            "format": "text",
            "occasion": occasion,
            "text": "Афиша недели: приёмы граждан и горячие линии.",
        },
        [account],
        actor=editor,
    )
    do_attach_media(post, "афиша.png", png(), alt="Афиша: даты приёма граждан", actor=editor)


def _moderation(ministry: Ministry, account: Account, moderator: Any) -> None:
    from gospablik.moderation.ladder import do_file_appeal, do_sanction
    from gospablik.moderation.legal import do_save_rule
    from gospablik.web.demo_dialogue import _comment, _message

    at = timezone.now() - timedelta(hours=5)
    (resident, name), (troll, troll_name), question, insult = RESIDENT[ministry.key]
    answer = f"{name.split()[0]}, здравствуйте! Ответили вам в личных сообщениях."
    _comment(account, 100, at, resident, name, question, answer, moderator)
    _message(account, 100, at, resident, name, question)
    from gospablik.moderation.models import Comment

    offensive = Comment.objects.create(
        ministry=ministry, account=account, network=account.network,
        network_comment_id="demo-101", post_id="3", author_id=troll,
        author_name=troll_name, text=insult, posted_at=at, received_at=at,
        status=Comment.Status.DELETED,
    )  # fmt: skip
    sanction = do_sanction(offensive, category="insult", actor=moderator)
    if sanction is not None:
        do_file_appeal(sanction, actor=moderator, text="Прошу разблокировать, погорячился.")
    do_save_rule(
        ministry,
        {"key": "casino-links", "kind": "domain", "pattern": "kazino-bonus.example",
         "norm": "п. 1 ч. 1 ст. 15.1 Закона № 149-ФЗ",
         "description": "Реклама азартных игр", "active": True},
        actor=moderator,
    )  # fmt: skip


def _alert(account: Account, security: Any) -> None:
    """An allowed admin on record, and an alert about a title changed outside the system."""
    from gospablik.security.actions import do_allow_admin
    from gospablik.security.alerts import do_raise_alerts
    from gospablik.security.changes import Change

    summary = "Название сообщества изменено не через систему"
    after = f"{account.title} (официально)"
    details = {"before": account.title, "after": after}
    change = Change("title", "high", "title:demo", summary, details)
    do_allow_admin(account, user_id="1001", name="Пресс-секретарь", role="editor", actor=security)
    do_raise_alerts(account, [change], source="snapshot", since=timezone.now())


def _report(ministry: Ministry, head: Any) -> None:
    from gospablik.analytics.period import Period
    from gospablik.analytics.reports import do_request_report

    today = timezone.localdate()
    do_request_report(ministry, Period(today - timedelta(days=30), today), actor=head)


def _approvals(ministry: Ministry) -> None:
    """A submitted special project with a poster, and an answered information request."""
    from gospablik.approvals.actions.requests import do_answer_request, do_file_request
    from gospablik.approvals.actions.submissions import (
        ItemData,
        SubmissionData,
        do_create_submission,
        do_submit,
    )

    users = get_user_model().objects
    cur, answerer = users.get(username="cur"), users.get(username="komiac")
    org = Organization.objects.get(ministry=ministry, key="cur-kuzbass")
    poster = SimpleUploadedFile("плакат.png", png(), content_type="image/png")
    item = ItemData(text="Прививка от гриппа бесплатна в каждой поликлинике", networks=["vk"],
                    files=[poster])  # fmt: skip
    submission = do_create_submission(
        ministry, actor=cur, cur_org=org,
        data=SubmissionData("special_project", "Неделя вакцинации", "Акция в поликлиниках"),
        items=[item],
    )  # fmt: skip
    do_submit(submission, actor=cur)
    request = do_file_request(
        ministry, actor=cur, cur_org=org, topic="Часы работы поликлиник",
        questions="Когда работают поликлиники в праздники?",
        needed_by=timezone.localdate() + timedelta(days=10),
    )  # fmt: skip
    schedule = SimpleUploadedFile("график.pdf", b"%PDF-1.4\n%demo\n", "application/pdf")
    do_answer_request(request, actor=answerer, text="График во вложении.", files=[schedule])
