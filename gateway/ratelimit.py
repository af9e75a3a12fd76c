"""Rate limits per client (the token's client or subject) and per IP, with the `limits` library.

Each key has its own moving window, so a noisy client uses up only its own budget. Over the limit → 429
problem+json with `Retry-After` (seconds until the window frees a slot). Counters live in process memory: with
several gateway replicas each enforces the limit on its own share of traffic.
"""
from __future__ import annotations

import math
import time

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException

from shared.auth import Principal


class TooManyRequests(HTTPException):
    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(429, detail=detail, headers={"Retry-After": str(retry_after)})


class RateLimits:
    def __init__(self, per_client: str, per_ip: str) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._client, self._ip = parse(per_client), parse(per_ip)

    async def check_ip(self, request: Request) -> None:
        await self._hit(self._ip, "ip", request.client.host if request.client else "unknown")

    async def check_client(self, principal: Principal) -> None:
        await self._hit(self._client, "client", principal.client_id or principal.subject)

    async def _hit(self, item: RateLimitItem, kind: str, key: str) -> None:
        if await self._limiter.hit(item, kind, key):
            return
        stats = await self._limiter.get_window_stats(item, kind, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyRequests(f"Rate limit of {item} per {kind} exceeded; retry later", retry_after)
