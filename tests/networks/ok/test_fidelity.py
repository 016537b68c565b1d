"""OK's group.getInfo needs ``fields`` (https://apiok.ru/dev/methods/rest/group/group.getInfo)
and answers only the fields asked for."""

from __future__ import annotations

from .conftest import GID
from .test_fixtures import Session


def test_group_get_info_requires_fields():
    refused = Session().call("group.getInfo", uids=GID)
    assert refused["error_code"] == 100 and "fields" in refused["error_msg"]


def test_group_get_info_answers_the_fields_asked_for():
    (group,) = Session().call("group.getInfo", uids=GID, fields="name,pic_avatar")["groups"]
    assert set(group) == {"uid", "name", "picAvatar"}
