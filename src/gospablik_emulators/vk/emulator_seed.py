"""Seed data for the VK emulator (the demo, ``--seed file.json``, tests)."""

from __future__ import annotations

from typing import Any

from .emulator_state import USER_SCOPES, VKState
from .emulator_wall import new_comment, new_post

DEMO_SEED: dict[str, Any] = {
    "users": [
        {"id": 100, "first_name": "Анна", "last_name": "Смирнова"},
        {"id": 101, "first_name": "Пётр", "last_name": "Иванов"},
        {"id": 200, "first_name": "Иван", "last_name": "Петров"},
        {"id": 201, "first_name": "Мария", "last_name": "Кузнецова"},
        {"id": 202, "first_name": "Ольга", "last_name": "Соколова"},
        {"id": 203, "first_name": "Сергей", "last_name": "Волков"},
    ],
    "communities": [
        {
            "id": 219000001,
            "name": "Министерство здравоохранения Кузбасса",
            "screen_name": "minzdrav_kuzbass",
            "description": "Официальная страница Министерства здравоохранения Кузбасса",
            "members_count": 12840,
            "verified": 1,
            "confirmation_code": "c0nf1rm1",
            "managers": {"100": "creator", "101": "moderator"},
        },
        {
            "id": 219000002,
            "name": "Министерство социальной защиты населения Кузбасса",
            "screen_name": "szn_kuzbass",
            "description": "Официальная страница Министерства социальной защиты населения Кузбасса",
            "members_count": 8450,
            "verified": 0,
            "confirmation_code": "c0nf1rm2",
            "managers": {"100": "administrator"},
        },
    ],
    "tokens": [
        {"token": "vk-demo-user-token", "kind": "user", "owner_id": 100},
        {"token": "vk-demo-moderator-token", "kind": "user", "owner_id": 101},
        {"token": "vk-demo-community-token", "kind": "group", "owner_id": 219000001},
        {"token": "vk-demo-community-token-2", "kind": "group", "owner_id": 219000002},
    ],
    "posts": [
        {
            "group_id": 219000001,
            "text": (
                "Приглашаем на диспансеризацию: в поликлиниках Кузбасса "
                "работают кабинеты профилактики."
            ),
            "comments": [
                {"from_id": 200, "text": "Подскажите, нужна ли запись заранее?"},
                {"from_id": 201, "text": "Спасибо за информацию!"},
            ],
        }
    ],
}


def load_seed(state: VKState, seed: dict[str, Any]) -> None:
    for user in seed.get("users", []):
        state.add_user(int(user["id"]), user.get("first_name", ""), user.get("last_name", ""))
    for raw in seed.get("communities", []):
        data = dict(raw)
        managers = {int(k): v for k, v in data.pop("managers", {}).items()}
        community = state.add_community(
            int(data.pop("id")), data.pop("name"), data.pop("screen_name"), **data
        )
        community.managers.update(managers)
    for token in seed.get("tokens", []):
        scopes = tuple(token.get("scopes", USER_SCOPES))
        state.add_token(token["token"], token["kind"], int(token["owner_id"]), scopes)
    for post in seed.get("posts", []):
        owner = -int(post["group_id"])
        created = new_post(state, owner, int(post.get("from_id", owner)), post["text"])
        created["post_source"] = {"type": "vk"}
        for comment in post.get("comments", []):
            new_comment(state, owner, created["id"], int(comment["from_id"]), comment["text"])
