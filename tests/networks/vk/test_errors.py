"""Every VK error code we rely on, injected by the emulator and mapped by the connector."""

from __future__ import annotations

import pytest

from gospablik.networks.base import ConnectorError
from gospablik.networks.vk.errors import to_connector_error

TRANSIENT = {1: 5.0, 6: 1.0, 9: 3600.0, 10: 10.0, 29: 3600.0}
NEEDS_PERSON = (5, 14, 17, 27, 28, 703)
PERMANENT = (7, 15, 18, 19, 30, 100, 104, 113, 125, 129, 203, 210, 211, 212, 213, 214, 219,
             220, 222, 223, 224, 225, 243)  # fmt: skip


def _fail_read(vk, emulator, code: int) -> ConnectorError:
    emulator.faults.push("error", code=code, method="wall.get")
    with pytest.raises(ConnectorError) as error:
        vk.read_wall()
    return error.value


@pytest.mark.parametrize(("code", "wait"), sorted(TRANSIENT.items()))
def test_it_retries_transient_codes_later(vk, emulator, code, wait):
    error = _fail_read(vk, emulator, code)
    assert (error.code, error.permanent, error.needs_person, error.retry_after) == (
        code,
        False,
        False,
        wait,
    )


@pytest.mark.parametrize("code", NEEDS_PERSON)
def test_it_stops_and_calls_a_person(vk, emulator, code):
    error = _fail_read(vk, emulator, code)
    assert (error.code, error.permanent, error.needs_person) == (code, True, True)


@pytest.mark.parametrize("code", PERMANENT)
def test_it_gives_up_on_permanent_codes(vk, emulator, code):
    error = _fail_read(vk, emulator, code)
    assert (error.code, error.permanent, error.needs_person) == (code, True, False)
    assert error.message.startswith("ВКонтакте")


def test_it_passes_the_captcha_to_the_person(vk, emulator):
    error = _fail_read(vk, emulator, 14)
    assert error.details["captcha_sid"] == "239633676097"
    assert "captcha.php" in error.details["captcha_img"]


def test_it_explains_an_unknown_code_with_vks_text():
    error = to_connector_error({"error_code": 9999, "error_msg": "Something new"})
    assert error.permanent and "9999" in error.message and "Something new" in error.message


def test_the_flood_error_is_not_a_retry_loop(vk, emulator):
    error = _fail_read(vk, emulator, 9)
    assert error.retry_after is not None and error.retry_after >= 3600
