"""Kinds of duty. Each module that creates duties adds its kinds here, with a label."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DUTY_KINDS = {
    "account_created_notice": _("Сообщить о созданном аккаунте"),
    "account_deleted_notice": _("Сообщить об удалённом аккаунте"),
    "order_publication": _("Разместить приказ на сайте"),
    "order_publication_step": _("Зарегистрировать и опубликовать приказ"),
    "page_passport": _("Оформить страницу аккаунта"),
    "content_approval_operational": _("Согласовать оперативный контент"),
    "content_approval_special": _("Согласовать специальный проект"),
    "information_request": _("Ответить на запрос информации ЦУР"),
    "moderation_review": _("Рассмотреть комментарии в очереди модерации"),
    "security_alert": _("Разобрать оповещение безопасности"),
    "credential_rotation": _("Обновить ключ доступа"),
    "connection_repair": _("Восстановить подключение к соцсети"),
    "content_results": _("Подвести итоги конкурса или акции"),
    "dialogue_answer": _("Ответить жителю"),
    "dialogue_final_answer": _("Дать окончательный ответ жителю"),
    "dialogue_formal_appeal": _("Ответить на обращение гражданина (59-ФЗ)"),
    "dialogue_approval": _("Согласовать ответ жителю"),
    "outbound_operation": _("Разобрать невыполненное действие в соцсети"),
    "page_below_norm": _("Поднять активность страницы до нормы"),
    "job_failure": _("Устранить сбой фоновой задачи"),
}
KIND_CHOICES = list(DUTY_KINDS.items())
