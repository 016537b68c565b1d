from __future__ import annotations

import httpx
import pytest

from gospablik.networks.base import ConnectorError, PostDraft

from .conftest import posts


def test_a_timeout_is_temporary_and_may_have_been_applied(vk, emulator):
    before = len(posts(emulator))
    emulator.faults.push("timeout", method="wall.post")
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Таймаут", "t-1"))
    assert (error.value.permanent, error.value.maybe_applied) == (False, True)
    assert len(posts(emulator)) == before  # the emulator hung before applying


def test_a_server_error_is_temporary(vk, emulator):
    emulator.faults.push("http_500", method="wall.get")
    with pytest.raises(ConnectorError) as error:
        vk.read_wall()
    assert (error.value.code, error.value.permanent) == (500, False)


def test_a_lost_response_leaves_the_post_in_place(vk, emulator):
    before = len(posts(emulator))
    emulator.faults.push("accept_then_drop", method="wall.post")
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Принято", "t-2"))
    assert error.value.maybe_applied
    assert len(posts(emulator)) == before + 1


def test_a_retry_with_the_same_guid_after_a_lost_response_makes_no_duplicate(vk, emulator):
    before = len(posts(emulator))
    emulator.faults.push("accept_then_drop", method="wall.post")
    with pytest.raises(ConnectorError):
        vk.publish(PostDraft("Повтор", "t-3"))
    vk.publish(PostDraft("Повтор", "t-3"))
    assert len(posts(emulator)) == before + 1


def test_a_fault_counts_down_and_then_clears(vk, emulator):
    emulator.faults.push(6, count=2, method="wall.get")
    for _ in range(2):
        with pytest.raises(ConnectorError):
            vk.read_wall()
    assert vk.read_wall()


def test_a_fault_for_another_method_does_not_fire(vk, emulator):
    emulator.faults.push(6, method="wall.post")
    assert vk.read_wall()
    assert emulator.faults.pending() == [
        {"kind": "error", "count": 1, "method": "wall.post", "code": 6}
    ]


def test_faults_can_be_set_over_http(vk, emulator):
    client = httpx.Client(transport=httpx.WSGITransport(app=emulator), base_url="http://vk")
    client.post("/__emulator__/faults", json={"kind": "error", "code": 9, "method": "wall.get"})
    with pytest.raises(ConnectorError) as error:
        vk.read_wall()
    assert error.value.code == 9
    client.post("/__emulator__/faults", json={"kind": "http_500"})
    assert client.delete("/__emulator__/faults").json() == {"faults": []}


def test_an_upload_server_failure_is_temporary(vk, emulator):
    from gospablik.networks.base import MediaFile

    emulator.faults.push("http_500", method="upload")
    with pytest.raises(ConnectorError) as error:
        vk.publish(PostDraft("Фото", "t-4", photos=[MediaFile("a.jpg", b"x", "image/jpeg")]))
    assert error.value.permanent is False


def test_a_rate_limit_fault_is_vk_error_6(vk, emulator):
    emulator.faults.push("rate_limit", method="wall.get")
    with pytest.raises(ConnectorError) as error:
        vk.read_wall()
    assert (error.value.code, error.value.permanent, error.value.retry_after) == (6, False, 1.0)
