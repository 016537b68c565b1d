"""Client-side rate limits per token (VK: 3 rps for a user token, 20 rps for a community one).

Both limiters hand out *reservations*: each ``acquire`` takes the next free slot for its
key (slots are ``1 / rate`` seconds apart) and sleeps until that slot. So at most
``ceil(rate)`` calls start in any one-second window, however many threads (in-process) or
worker processes on however many machines (Redis) share the key. Keys are hashes of the
token (:func:`token_key`); a raw token is never stored.

Work done inside a request that must answer quickly (a VK Callback) uses
:class:`NoWaitLimiter`: its first call takes a slot only if one is free soon enough, and
otherwise raises :class:`LimiterBusy` without reserving anything, so the caller can hand
the work to a background task instead of sleeping.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol


def token_key(network: str, token: str) -> str:
    """A stable limiter key for a token that does not reveal it.

    >>> token_key("vk", "secret-token")
    'rl:vk:930bbdc51b6aed5c'
    """
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    return f"rl:{network}:{digest}"


class RateLimiter(Protocol):
    def acquire(self, key: str, rate_per_sec: float) -> None:
        """Block until a call under ``key`` may start."""
        ...


class ReservingLimiter(RateLimiter, Protocol):
    def try_reserve(self, key: str, rate_per_sec: float, max_wait: float) -> float | None:
        """Take the next slot only if it starts within ``max_wait`` seconds; return the
        wait, or None (nothing reserved) when the key is busy for longer."""
        ...


class LimiterBusy(Exception):
    """The call would have to wait for its rate-limit slot longer than allowed."""


class InProcessRateLimiter:
    """Thread-safe limiter for one process (the embedded default)."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._next_free: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, key: str, rate_per_sec: float) -> float:
        """Take the next slot for ``key``; return how many seconds to wait for it."""
        wait = self.try_reserve(key, rate_per_sec, float("inf"))
        assert wait is not None
        return wait

    def try_reserve(self, key: str, rate_per_sec: float, max_wait: float) -> float | None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_free.get(key, now))
            if slot - now > max_wait:
                return None
            self._next_free[key] = slot + 1.0 / rate_per_sec
            return slot - now

    def acquire(self, key: str, rate_per_sec: float) -> None:
        wait = self.reserve(key, rate_per_sec)
        if wait > 0:
            self._sleep(wait)


# KEYS[1] = limiter key, ARGV[1] = interval between slots in microseconds, ARGV[2] = the
# longest acceptable wait in microseconds (-1: any). Returns the wait in microseconds, or
# -1 without reserving when the slot is further away. Uses the Redis clock so all agree.
_RESERVE_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local max_wait = tonumber(ARGV[2] or '-1')
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nxt)
if max_wait >= 0 and slot - now > max_wait then
  return -1
end
local ttl_ms = math.ceil((slot + interval - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%d', slot + interval), 'PX', ttl_ms)
return slot - now
"""


class RedisRateLimiter:
    """Limiter shared by every worker process through Redis (production)."""

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        client: Any = None,
        sleep: Callable[[float], None] = time.sleep,
        prefix: str = "gospablik:",
    ) -> None:
        if client is None:
            import redis

            client = redis.Redis.from_url(url)
        self._redis = client
        self._script = client.register_script(_RESERVE_LUA)
        self._sleep = sleep
        self._prefix = prefix

    def reserve(self, key: str, rate_per_sec: float) -> float:
        wait = self.try_reserve(key, rate_per_sec, -1.0)
        assert wait is not None
        return wait

    def try_reserve(self, key: str, rate_per_sec: float, max_wait: float) -> float | None:
        """``max_wait`` < 0: any wait (a plain reservation)."""
        interval_us = int(1_000_000 / rate_per_sec)
        limit_us = -1 if max_wait < 0 else int(max_wait * 1_000_000)
        wait_us = int(self._script(keys=[self._prefix + key], args=[interval_us, limit_us]))
        return None if wait_us < 0 else wait_us / 1_000_000

    def acquire(self, key: str, rate_per_sec: float) -> None:
        wait = self.reserve(key, rate_per_sec)
        if wait > 0:
            self._sleep(wait)


_SHARED = InProcessRateLimiter()


def get_limiter(redis_url: str | None = None) -> RateLimiter:
    """The process-wide limiter: Redis-backed when ``redis_url`` is given (production,
    shared by all workers), else one in-process limiter shared by every connector.

    >>> get_limiter() is get_limiter()
    True
    """
    if redis_url:
        return RedisRateLimiter(redis_url)
    return _SHARED


class NoRateLimiter:
    """For emulator-only tests that must not wait at all."""

    def acquire(self, key: str, rate_per_sec: float) -> None:
        return None

    def try_reserve(self, key: str, rate_per_sec: float, max_wait: float) -> float | None:
        return 0.0


class NoWaitLimiter:
    """One unit of work (a deletion and what follows it) done inside a request.

    Its first call starts only if its slot is at most ``max_wait`` seconds away, else
    :class:`LimiterBusy` (nothing reserved, nothing sent). Once the work has started,
    its further calls wait as usual: a half-done step is finished, not abandoned.

    >>> shared = InProcessRateLimiter(lambda: 0.0, lambda s: None)
    >>> shared.reserve("k", 1.0)  # someone else holds the slot now; the next is 1 s away
    0.0
    >>> NoWaitLimiter(shared, 0.5).acquire("k", 1.0)
    Traceback (most recent call last):
    ...
    gospablik.networks.ratelimit.LimiterBusy: the next slot is more than 0.50 s away
    >>> NoWaitLimiter(shared, 1.5, sleep=lambda s: None).acquire("k", 1.0)
    """

    def __init__(
        self,
        limiter: ReservingLimiter,
        max_wait: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limiter = limiter
        self._max_wait = max_wait
        self._sleep = sleep
        self.started = False

    def acquire(self, key: str, rate_per_sec: float) -> None:
        if self.started:
            self._limiter.acquire(key, rate_per_sec)
            return
        wait = self._limiter.try_reserve(key, rate_per_sec, self._max_wait)
        if wait is None:
            raise LimiterBusy(f"the next slot is more than {self._max_wait:.2f} s away")
        self.started = True
        if wait > 0:
            self._sleep(wait)
