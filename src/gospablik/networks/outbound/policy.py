"""The one retry policy of outgoing operations: lease, batch, attempts and backoff."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueueConfig:
    lease_seconds: float = 300.0  # must exceed one attempt (HTTP timeouts x calls)
    batch: int = 20
    max_attempts: int = 10
    base_delay: float = 30.0  # backoff without retry_after: 30 s, 60 s, 120 s …
    max_delay: float = 3600.0
    # Inside a request a step starts only if the limiter's slot is this close; longer
    # than one slot of VK's 3 requests/s, so only a saturated limiter defers the step.
    inline_wait: float = 0.5


def backoff(attempts: int, retry_after: float | None, config: QueueConfig) -> float:
    """Seconds until the next try: the network's ``retry_after`` when it gave one.

    >>> c = QueueConfig()
    >>> [backoff(n, None, c) for n in (1, 2, 3, 12)], backoff(4, 2.5, c)
    ([30.0, 60.0, 120.0, 3600.0], 2.5)
    """
    base = retry_after
    if base is None:
        base = config.base_delay * 2 ** min(max(0, attempts - 1), 20)
    return max(0.0, min(config.max_delay, base))
