"""The monthly cycle's bookkeeping: which steps ran (claimed once each), and the month-close events in batches."""
from __future__ import annotations

from datetime import date

from services.insurance.adapters.repositories.bulk import CHUNK
from services.insurance.domain.refusals import broken
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import Collection, Database, DuplicateKeyError
from shared.store import AggregateStore


class StepAlreadyRun(Conflict):
    code = "cycle-step-already-run"
    title = "This step of the monthly cycle has already run"


class StepClaims:
    """A unique key per (month, step): a step runs once; a later step checks that its predecessor ran."""

    def __init__(self, db: Database) -> None:
        self._steps: Collection = db["cycle_steps"]

    async def claim(self, key: str, on: date, run_id: str | None = None) -> None:
        """The step's unique claim; claimed again by the same run (`run_id`: a job resumed after its process
        stopped mid-way) it is that run's own, and passes."""
        try:
            await self._steps.insert_one({"_id": key, "on": on.isoformat(), "run_id": run_id})
        except DuplicateKeyError:
            held = await self._steps.find_one({"_id": key}, {"run_id": 1})
            if run_id is None or held is None or held.get("run_id") != run_id:
                message = f"{key} has already run"
                raise StepAlreadyRun(message, errors=broken("period", "step-once", message, step=key)) from None

    async def release(self, key: str) -> None:
        """Undo a claim whose step failed, so it can be run again (its inserts are idempotent)."""
        await self._steps.delete_one({"_id": key})

    async def done(self, key: str) -> bool:
        return await self._steps.find_one({"_id": key}) is not None


class ClosingBatches:
    """The month-close events of up to CHUNK accounts travel in one batch document's outbox (one write)."""

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def save(self, period: str, events: list[Event]) -> None:
        for n, i in enumerate(range(0, len(events), CHUNK)):
            chunk = events[i:i + CHUNK]
            try:
                await self._store.save(f"{period}:{n:05d}", {"period": period,
                                       "accounts": [e.subject() for e in chunk]}, chunk, loaded=None)
            except DuplicateKeyError:
                pass  # written by an earlier attempt of this close, which failed after it
