from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError, PostDraft
from gospablik.networks.ok.errors import to_connector_error

from .conftest import topics

TRANSIENT = {1: 5.0, 2: 5.0, 8: 3600.0, 11: 3600.0, 704: 10.0, 5000: 10.0, 9999: 10.0}
NEEDS_PERSON = (7, 9, 101, 102, 103, 104, 210, 453, 511, 514, 900)
PERMANENT = (
    3,
    4,
    10,
    50,
    100,
    105,
    106,
    110,
    141,
    160,
    200,
    300,
    454,
    456,
    457,
    458,
    600,
    601,
    607,
)


def _fail(ok, emulator, code: int) -> ConnectorError:
    emulator.faults.push("error", code=code, method="group.getInfo")
    with pytest.raises(ConnectorError) as error:
        ok.read_profile()
    return error.value


@pytest.mark.parametrize(("code", "wait"), sorted(TRANSIENT.items()))
def test_it_retries_transient_codes(ok, emulator, code, wait):
    error = _fail(ok, emulator, code)
    assert (error.code, error.permanent, error.retry_after) == (code, False, wait)


@pytest.mark.parametrize("code", NEEDS_PERSON)
def test_it_calls_a_person(ok, emulator, code):
    error = _fail(ok, emulator, code)
    assert (error.code, error.permanent, error.needs_person) == (code, True, True)


@pytest.mark.parametrize("code", PERMANENT)
def test_it_gives_up(ok, emulator, code):
    error = _fail(ok, emulator, code)
    assert (error.code, error.permanent, error.needs_person) == (code, True, False)
    assert error.message.startswith("Одноклассники")


def test_an_unknown_code_is_permanent_and_explained():
    error = to_connector_error({"error_code": 4242, "error_msg": "NEW_THING : x"})
    assert error.permanent and "4242" in error.message


def test_an_expired_session_stops_the_account(ok, emulator):
    emulator.state.tokens["ok-demo-access-token"]["valid"] = False
    with pytest.raises(ConnectorError) as error:
        ok.read_wall()
    assert (error.value.code, error.value.needs_person) == (102, True)


def test_a_member_cannot_post_for_the_group(http, emulator):
    from .conftest import connect

    with pytest.raises(ConnectorError) as error:
        connect(http, access_token="ok-demo-member-token").publish(PostDraft("Текст", "f-0"))
    assert (error.value.code, error.value.permanent) == (10, True)


def test_a_timeout_may_have_been_applied(ok, emulator):
    before = len(topics(emulator))
    emulator.faults.push("timeout", method="mediatopic.post")
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Таймаут", "f-1"))
    assert (error.value.permanent, error.value.maybe_applied) == (False, True)
    assert len(topics(emulator)) == before


def test_a_server_error_is_temporary(ok, emulator):
    emulator.faults.push("http_500", method="mediatopic.getTopics")
    with pytest.raises(ConnectorError) as error:
        ok.read_wall()
    assert (error.value.code, error.value.permanent) == (500, False)


def test_an_accepted_but_lost_publish_leaves_one_topic(ok, emulator):
    before = len(topics(emulator))
    emulator.faults.push("accept_then_drop", method="mediatopic.post")
    with pytest.raises(ConnectorError):
        ok.publish(PostDraft("Принято", "f-2"))
    assert len(topics(emulator)) == before + 1


def test_a_flood_error_waits_an_hour(ok, emulator):
    emulator.faults.push(8, method="mediatopic.post")
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Флуд", "f-3"))
    assert (error.value.permanent, error.value.retry_after) == (False, 3600.0)


def test_an_upload_failure_is_temporary(ok, emulator):
    from gospablik.networks.base import MediaFile

    emulator.faults.push("http_500", method="upload")
    with pytest.raises(ConnectorError) as error:
        ok.publish(PostDraft("Фото", "f-4", photos=[MediaFile("a.jpg", b"x", "image/jpeg")]))
    assert error.value.permanent is False


def test_a_rate_limit_fault_is_ok_limit_reached(ok, emulator):
    emulator.faults.push("rate_limit", method="group.getInfo")
    with pytest.raises(ConnectorError) as error:
        ok.read_profile()
    assert (error.value.code, error.value.permanent, error.value.retry_after) == (11, False, 3600.0)
