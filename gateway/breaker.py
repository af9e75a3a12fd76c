"""A circuit breaker per upstream: after `failures` consecutive failures the circuit opens for `reset_seconds`
(503 problem+json with `Retry-After`, no call made); then one trial request is let through (half-open): success
closes it, failure opens it again."""
from __future__ import annotations

import math
import time
from collections.abc import Callable

from starlette.exceptions import HTTPException


class CircuitOpen(HTTPException):
    def __init__(self, service: str, retry_after: int) -> None:
        super().__init__(503, detail=f"{service} is failing; the gateway stopped calling it for a while",
                         headers={"Retry-After": str(retry_after)})


class CircuitBreaker:
    def __init__(self, name: str, failures: int, reset_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name, self._limit, self._reset, self._clock = name, failures, reset_seconds, clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self._reset else "open"

    def before_call(self) -> None:
        """Raise CircuitOpen unless a call may go out now."""
        state = self.state
        if state == "open" or (state == "half-open" and self._trial):
            remaining = self._reset - (self._clock() - self._opened_at) if state == "open" else 1
            raise CircuitOpen(self.name, max(1, math.ceil(remaining)))
        self._trial = state == "half-open"

    def succeeded(self) -> None:
        self._failures, self._opened_at, self._trial = 0, None, False

    def failed(self) -> None:
        self._failures += 1
        if self._trial or self._failures >= self._limit:
            self._opened_at, self._trial = self._clock(), False
