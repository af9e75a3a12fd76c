"""The port through which a city-wide use case reports its progress: how many units (accounts, workers, stations)
it has to go through, each unit done, and what a unit came to when the result lists it. The application layer
sees only this Protocol; the job runner supplies the implementation that writes to the job record."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Progress(Protocol):
    async def begin(self, total: int) -> None:
        """The number of units this run goes through."""

    async def advance(self, units: int = 1) -> None:
        """`units` more are done."""

    async def remember(self, unit: str, outcome: Any) -> None:
        """What `unit` came to (JSON-able), kept at once: a run resumed after an interruption reads it back. A unit
        whose own write landed but whose outcome was not yet kept when the process stopped is not repeated, and is
        then missing from the resumed run's result."""

    def remembered(self) -> Mapping[str, Any]:
        """What earlier, interrupted attempts of this job reported by `remember` (empty on a first run)."""


class NoProgress:
    """For a use case called outside a job (tests, the benchmark): reports go nowhere."""

    async def begin(self, total: int) -> None:
        return None

    async def advance(self, units: int = 1) -> None:
        return None

    async def remember(self, unit: str, outcome: Any) -> None:
        return None

    def remembered(self) -> Mapping[str, Any]:
        return {}


NO_PROGRESS = NoProgress()
