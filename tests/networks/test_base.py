from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gospablik.networks.base import (
    CAPABILITY_LABELS_RU,
    NETWORK_LABELS_RU,
    BaseConnector,
    Capability,
    ConfigField,
    ConnectorError,
    MediaFile,
    PostDraft,
    Unsupported,
    check_draft,
)
from gospablik.networks.http import HttpClient


class Blog(BaseConnector):
    network = "blog"
    capabilities = frozenset({Capability.PUBLISH_TEXT})
    config_schema = (ConfigField("site", "Адрес сайта"), ConfigField("token", "Ключ", secret=True))


def make(**config: str) -> Blog:
    return Blog(config or {"site": "https://blog.example"}, {"token": "t"}, http=HttpClient())


def test_every_capability_has_a_russian_label():
    assert set(CAPABILITY_LABELS_RU) == set(Capability)


def test_a_needs_person_error_is_permanent():
    error = ConnectorError("Нужна капча", needs_person=True)
    assert (error.permanent, error.needs_person, error.maybe_applied) == (True, True, False)


def test_unsupported_is_a_permanent_connector_error_with_a_russian_message():
    with pytest.raises(Unsupported) as error:
        make().ban("1", reason="spam", until=None)
    assert isinstance(error.value, ConnectorError) and error.value.permanent
    assert error.value.message == "Блокировка пользователя: недоступно в соцсети «Блог»"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.publish(PostDraft("x", "k")),
        lambda c: c.find_published("k", datetime.now(UTC)),
        lambda c: c.delete_post("1"),
        lambda c: c.repost("x"),
        lambda c: c.read_wall(),
        lambda c: c.read_comments("1"),
        lambda c: c.unban("1"),
        lambda c: c.read_profile(),
        lambda c: c.read_admins(),
        lambda c: c.upload_cover(MediaFile("a", b"", "image/png")),
        lambda c: c.read_stats(datetime.now(UTC).date(), datetime.now(UTC).date()),
    ],
)
def test_no_operation_is_a_silent_no_op(call):
    with pytest.raises(Unsupported):
        call(make())


def test_a_missing_required_field_is_named_in_russian():
    with pytest.raises(ConnectorError) as error:
        Blog({}, {"token": "t"}, http=HttpClient())
    assert error.value.message == "Не заполнено поле «Адрес сайта»"


def test_check_draft_refuses_media_the_network_lacks():
    draft = PostDraft("x", "k", photos=[MediaFile("a.jpg", b"", "image/jpeg")])
    with pytest.raises(Unsupported) as error:
        check_draft(make(), draft)
    assert error.value.code == "publish_photo"


def test_all_seven_networks_have_a_russian_name():
    assert set(NETWORK_LABELS_RU) == {
        "vk",
        "ok",
        "telegram",
        "max",
        "facebook",
        "instagram",
        "blog",
    }
