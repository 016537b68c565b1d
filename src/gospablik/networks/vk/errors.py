"""VK API error codes -> ConnectorError (codes from VKCOM/vk-api-schema errors.json).

>>> e = to_connector_error({"error_code": 6, "error_msg": "Too many requests per second"})
>>> (e.permanent, e.retry_after, e.code)
(False, 1.0, 6)
>>> to_connector_error({"error_code": 5, "error_msg": "User authorization failed"}).needs_person
True
"""

from __future__ import annotations

from typing import Any

from ..base import ConnectorError
from ..error_rules import Rule

__all__ = ["RULES", "Rule", "to_connector_error"]


_EXPIRED = "Ключ доступа ВКонтакте недействителен или отозван — нужно заново подключить аккаунт"

RULES: dict[int, Rule] = {
    1: Rule("ВКонтакте: неизвестная ошибка сервера, повторим позже", False, 5.0),
    10: Rule("ВКонтакте: внутренняя ошибка сервера, повторим позже", False, 10.0),
    6: Rule("ВКонтакте: слишком много запросов в секунду, повтор через 1 с", False, 1.0),
    9: Rule("ВКонтакте: слишком много однотипных действий, повтор через час", False, 3600.0),
    29: Rule("ВКонтакте: исчерпан суточный лимит вызовов метода, повтор позже", False, 3600.0),
    5: Rule(_EXPIRED, needs_person=True),
    27: Rule(
        "Ключ сообщества ВКонтакте недействителен или не подходит для этого действия",
        needs_person=True,
    ),
    28: Rule("Ключ приложения ВКонтакте недействителен", needs_person=True),
    14: Rule("ВКонтакте требует ввести капчу — нужен человек", needs_person=True),
    17: Rule("ВКонтакте требует подтвердить вход (валидация) — нужен человек", needs_person=True),
    703: Rule(
        "Для этого действия ВКонтакте требует двухфакторную аутентификацию у администратора",
        needs_person=True,
    ),
    7: Rule("ВКонтакте: нет прав на это действие"),
    15: Rule("ВКонтакте: доступ запрещён (нет прав администратора или нужного разрешения)"),
    18: Rule("ВКонтакте: страница пользователя удалена или заблокирована"),
    19: Rule("ВКонтакте: контент заблокирован"),
    30: Rule("ВКонтакте: профиль закрыт"),
    100: Rule("ВКонтакте: неверный или отсутствующий параметр запроса"),
    104: Rule("ВКонтакте: объект не найден"),
    113: Rule("ВКонтакте: неверный идентификатор пользователя"),
    125: Rule("ВКонтакте: неверный идентификатор сообщества"),
    129: Rule("ВКонтакте: неверное изображение"),
    203: Rule("ВКонтакте: нет доступа к сообществу"),
    210: Rule("ВКонтакте: нет доступа к записи на стене"),
    211: Rule("ВКонтакте: нет доступа к комментарию"),
    212: Rule("ВКонтакте: нет доступа к комментариям записи"),
    213: Rule("ВКонтакте: нет доступа к ответам на запись"),
    214: Rule(
        "ВКонтакте: публикация запрещена (нет прав или достигнут лимит записей/отложенных записей)"
    ),
    219: Rule("ВКонтакте: рекламная запись уже недавно опубликована"),
    220: Rule("ВКонтакте: слишком много получателей"),
    222: Rule("ВКонтакте: ссылки в записи запрещены"),
    223: Rule("ВКонтакте: слишком много ответов"),
    224: Rule("ВКонтакте: превышен лимит рекламных записей"),
    225: Rule("ВКонтакте: VK Donut отключён"),
    243: Rule("ВКонтакте: комментарий не был удалён, восстанавливать нечего"),
}


def to_connector_error(error: dict[str, Any]) -> ConnectorError:
    """Map VK's ``{"error": {...}}`` object to our one error type."""
    code = int(error.get("error_code", 0))
    vk_text = str(error.get("error_msg", ""))
    rule = RULES.get(code) or Rule(f"ВКонтакте вернул ошибку {code}: {vk_text}")
    details: dict[str, Any] = {
        k: error[k] for k in ("captcha_sid", "captcha_img", "redirect_uri") if k in error
    }
    return rule.error("vk", code, details)
