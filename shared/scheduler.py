"""Periodic jobs (deadline watchers, lapses, reminders) that run once per tick however many replicas there are.

The lease picks which replica runs the job; the tick itself is claimed by inserting `{_id: "<job>:<tick>"}`, so
even during a lease hand-over a tick can never run twice. A tick missed while no replica held the lease is run
late (the action gets the tick's time, so date-based rules stay exact).
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

from shared.lease import Lease
from shared.mongo import Collection, DuplicateKeyError

log = logging.getLogger(__name__)
Action = Callable[[datetime], Awaitable[None]]


class PeriodicJob:
    def __init__(self, name: str, every_seconds: float, action: Action, *, lease: Lease, runs: Collection,
                 clock: Callable[[], float] = time.time) -> None:
        self.name, self._every, self._action = name, every_seconds, action
        self._lease, self._runs, self._clock = lease, runs, clock

    async def run_forever(self) -> None:
        while True:
            await asyncio.sleep(self._every - self._clock() % self._every)
            try:
                await self.run_due()
            except Exception:  # noqa: BLE001 - the tick's record stays `done: false` for the on-call engineer
                log.exception("job %s failed", self.name)

    async def run_due(self) -> bool:
        """Run the current tick if this replica leads and nobody ran it yet; True if it ran here."""
        tick = int(self._clock() // self._every)
        if not await self._lease.is_leader() or not await self._claim(tick):
            return False
        await self._action(datetime.fromtimestamp(tick * self._every, timezone.utc))
        await self._runs.update_one({"_id": f"{self.name}:{tick}"}, {"$set": {"done": True}})
        return True

    async def _claim(self, tick: int) -> bool:
        try:
            await self._runs.insert_one({"_id": f"{self.name}:{tick}", "job": self.name, "tick": tick,
                                         "holder": self._lease.holder, "done": False,
                                         "at": datetime.now(timezone.utc)})
            return True
        except DuplicateKeyError:
            return False
