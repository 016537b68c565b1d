from __future__ import annotations

import threading
import uuid

import pytest

from gospablik.networks.ratelimit import InProcessRateLimiter, RedisRateLimiter, token_key


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))


def test_it_spaces_calls_of_one_key_by_the_rate():
    clock = FakeClock()
    limiter = InProcessRateLimiter(clock, clock.sleep)
    for _ in range(4):
        limiter.acquire("k", 3.0)
    assert clock.slept == [pytest.approx(1 / 3), pytest.approx(2 / 3), pytest.approx(1.0)]


def test_keys_do_not_wait_for_each_other():
    clock = FakeClock()
    limiter = InProcessRateLimiter(clock, clock.sleep)
    limiter.acquire("user", 3.0)
    limiter.acquire("community", 20.0)
    assert clock.slept == []


def test_a_quiet_key_starts_fresh():
    clock = FakeClock()
    limiter = InProcessRateLimiter(clock, clock.sleep)
    limiter.acquire("k", 3.0)
    clock.now += 10
    limiter.acquire("k", 3.0)
    assert clock.slept == []


def test_threads_get_distinct_slots():
    limiter = InProcessRateLimiter(lambda: 0.0, lambda s: None)
    waits: list[float] = []
    threads = [
        threading.Thread(target=lambda: waits.append(limiter.reserve("k", 10.0))) for _ in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(round(w, 6) for w in waits) == [round(n / 10, 6) for n in range(20)]


def test_the_key_does_not_contain_the_token():
    key = token_key("vk", "vk1.a.very-secret")
    assert "secret" not in key and key.startswith("rl:vk:")


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis on 127.0.0.1:6379 is not reachable")
    yield client
    client.close()


def test_two_workers_share_the_redis_limit(redis_client):
    prefix = f"test-{uuid.uuid4().hex}:"
    first = RedisRateLimiter(client=redis_client, prefix=prefix, sleep=lambda s: None)
    second = RedisRateLimiter(client=redis_client, prefix=prefix, sleep=lambda s: None)
    waits = [first.reserve("k", 5.0), second.reserve("k", 5.0), first.reserve("k", 5.0)]
    assert waits[0] == pytest.approx(0.0, abs=0.05)
    assert waits[1] == pytest.approx(0.2, abs=0.05) and waits[2] == pytest.approx(0.4, abs=0.05)
    keys = redis_client.keys(f"{prefix}*")
    assert len(keys) == 1 and redis_client.pttl(keys[0]) > 0
    redis_client.delete(*keys)


def test_redis_keys_are_hashes_not_tokens(redis_client):
    prefix = f"test-{uuid.uuid4().hex}:"
    limiter = RedisRateLimiter(client=redis_client, prefix=prefix, sleep=lambda s: None)
    limiter.acquire(token_key("vk", "vk1.a.plain-token"), 3.0)
    (key,) = redis_client.keys(f"{prefix}*")
    assert b"plain-token" not in key
    redis_client.delete(key)


def test_connectors_share_one_in_process_limiter_by_default():
    from gospablik.networks.http import HttpClient
    from gospablik.networks.vk.connector import VKConnector

    a = VKConnector({"group_id": 1}, {"user_token": "t"}, http=HttpClient())
    b = VKConnector({"group_id": 2}, {"user_token": "t"}, http=HttpClient())
    assert a.limiter is b.limiter
