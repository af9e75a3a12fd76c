"""Password and client-secret guessing, bounded (OWASP API2:2023, broken authentication).

- **Failures are counted** per account (username or client id) and per address, in moving windows (`limits`).
  Past either budget the token endpoint answers 429 with `Retry-After` before any hash is computed, even for the
  right password — a guesser learns nothing more until the window frees. Per account *and* per address, because
  either alone is easy to walk around (many addresses on one account, many accounts from one address); a
  throttle, not a lockout, so a guesser cannot lock an officer out for longer than the window.
- **Hash checks are bounded.** One argon2id check takes ~64 MiB and all cores for tens of milliseconds; 40 at once
  starved the event loop (an unrelated read took 3.1 s). At most `at_once` checks run at a time, at most `waiting`
  wait for a turn, and the rest are refused at once with 429: the gateway's other requests keep their CPU.

Counters live in process memory, like the gateway's other rate limits: each replica throttles its own share.
"""
from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from gateway.ratelimit import TooManyRequests

T = TypeVar("T")


class SignInThrottle:
    def __init__(self, *, failures_per_account: str, failures_per_ip: str, at_once: int, waiting: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._account, self._ip = parse(failures_per_account), parse(failures_per_ip)
        self._slots = asyncio.Semaphore(at_once)
        self._waiting_allowed, self._waiting = waiting, 0

    async def check(self, account: str, ip: str, verify: Callable[[], Awaitable[T | None]]) -> T | None:
        """`verify()` (the hash check) unless this account or address has failed too often; a failure counts
        against both."""
        for item, kind, key in ((self._account, "account", account), (self._ip, "address", ip)):
            if not await self._limiter.test(item, "sign-in", kind, key):
                raise TooManyRequests(f"too many failed sign-ins for this {kind}; retry later",
                                      await self._retry_after(item, kind, key))
        async with self._turn():
            found = await verify()
        if found is None:
            await self._limiter.hit(self._account, "sign-in", "account", account)
            await self._limiter.hit(self._ip, "sign-in", "address", ip)
        return found

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._slots.locked() and self._waiting >= self._waiting_allowed:
            raise TooManyRequests("sign-in is busy; retry in a second", 1)
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._slots.release()

    async def _retry_after(self, item, kind: str, key: str) -> int:
        stats = await self._limiter.get_window_stats(item, "sign-in", kind, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
