"""Runs a service's jobs in its own process, one runner at a time per job across all processes, and picks up
what a stopped process left queued or running.

Each unfinished job has a lease of its own (`shared.lease.Lease`, named `job:<id>`): a runner polls the unfinished
jobs of the kinds it knows and runs those whose lease it wins. The lease is kept by asking for it every quarter
slot while the job runs; a runner that could not keep it cancels its work before its slot ends, so two runners never
run one job at once. A process that stops cancels its jobs and gives their leases up, so the next runner (another
replica, or this one restarted) takes them over within a poll; a process that dies loses them within two slots.
A taken-over job is run again from the start: every kind's use case is idempotent per unit (its docstring says
why), and what units came to is read back from the job record (`Progress.remembered`).

The job runs in a span that continues the trace of the request that created it.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from opentelemetry.trace import SpanKind, Status, StatusCode

from shared.errors import PROBLEM_BASE, DomainError
from shared.jobs import model
from shared.jobs.model import Job
from shared.jobs.progress import Progress
from shared.jobs.store import JobStore
from shared.lease import Lease
from shared.mongo import Collection
from shared.telemetry import restored, tracer

log = logging.getLogger(__name__)
Work = Callable[[dict[str, Any], Progress, str], Awaitable[dict[str, Any]]]
"""A kind's work, bound to its service's container: the job's stored parameters, its progress and its id (the
run's key where a use case claims a step) in, the JSON result out."""
PROGRESS_EVERY_SECONDS = 0.5


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class JobRunner:
    def __init__(self, store: JobStore, leases: Collection, holder: str, *, lease_seconds: float = 5.0,
                 poll_seconds: float = 1.0, concurrency: int = 2, clock: Callable[[], datetime] = utc_now) -> None:
        self.store, self.holder = store, holder
        self._leases, self._ttl, self._poll, self._concurrency = leases, lease_seconds, poll_seconds, concurrency
        self._clock = clock
        self._work: dict[str, Work] = {}
        self._running: dict[str, asyncio.Task] = {}
        self._wake = asyncio.Event()
        self._loop: asyncio.Task | None = None

    def register(self, work: Mapping[str, Work]) -> None:
        self._work.update(work)

    async def submit(self, job: Job) -> None:
        await self.store.add(job)
        self._wake.set()

    def start(self) -> None:
        if self._work and self._loop is None:
            self._loop = asyncio.create_task(self.run_forever(), name="job-runner")

    async def stop(self) -> None:
        """Cancel the poll and every job running here, then give their leases up for the next runner."""
        tasks = ([self._loop] if self._loop else []) + list(self._running.values())
        held = list(self._running)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._loop = None
        if held:
            await self._leases.delete_many({"job": {"$in": [_lease_name(i) for i in held]}})

    async def run_forever(self) -> None:
        while True:
            try:
                await self.poll()
            except Exception as exc:  # noqa: BLE001 - database down: the next poll tries again
                log.warning("job poll failed: %s", exc)
            try:
                await asyncio.wait_for(self._wake.wait(), self._poll)
            except TimeoutError:
                pass
            self._wake.clear()

    async def poll(self) -> list[str]:
        """Start the unfinished jobs this runner wins the lease of (up to its concurrency); their ids."""
        started = []
        for job in await self.store.unfinished(sorted(self._work)):
            if len(self._running) >= self._concurrency:
                break
            if job.id in self._running:
                continue
            lease = self._lease(job.id)
            if await lease.is_leader():
                self._running[job.id] = asyncio.create_task(self._run(job, lease), name=f"job-{job.id}")
                started.append(job.id)
        return started

    def _lease(self, job_id: str) -> Lease:
        return Lease(self._leases, _lease_name(job_id), self.holder, ttl=self._ttl, margin=min(1.0, self._ttl / 4))

    async def _run(self, job: Job, lease: Lease) -> None:
        try:
            work = asyncio.create_task(self._attempt(job, lease))
            keeper = asyncio.create_task(self._keep(lease, work))
            try:
                await asyncio.shield(work)
            finally:
                keeper.cancel()
                if not work.done():
                    work.cancel()
                    await asyncio.gather(work, return_exceptions=True)
        finally:
            self._running.pop(job.id, None)

    async def _keep(self, lease: Lease, work: asyncio.Task) -> None:
        """Ask for the lease every quarter slot; if lost (the database unreachable too long), stop the work."""
        while not work.done():
            await asyncio.sleep(self._ttl / 4)
            try:
                kept = await lease.is_leader()
            except Exception:  # noqa: BLE001 - cannot tell: stop rather than risk a second runner alongside
                kept = False
            if not kept:
                log.warning("lost the lease of a job; stopping its work here")
                work.cancel()
                return

    async def _attempt(self, listed: Job, lease: Lease) -> None:
        job = await self.store.get(listed.id)  # read again under the lease: it may have ended since it was listed
        if job is None or job.finished:
            await self._leases.delete_many({"job": _lease_name(listed.id)})
            return
        job = model.start(job, self.holder, self._clock())
        await self.store.save(job, "status", "runner", "attempts", "started_at", "done")
        progress = JobProgress(self.store, job, lease)
        with restored(job.trace), tracer("civic.jobs").start_as_current_span(
                f"job {job.kind}", kind=SpanKind.INTERNAL,
                attributes={"civic.job.id": job.id, "civic.job.kind": job.kind,
                            "civic.job.attempt": job.attempts}) as span:
            try:
                result = await self._work[job.kind](job.params, progress, job.id)
            except DomainError as error:
                span.set_status(Status(StatusCode.ERROR, error.detail))
                await self._end(lease, model.fail(progress.job, error.problem(), self._clock()))
                return
            except Exception as error:  # noqa: BLE001 - recorded on the job; the log has the traceback
                log.exception("job %s (%s) failed", job.id, job.kind)
                span.set_status(Status(StatusCode.ERROR, type(error).__name__))
                await self._end(lease, model.fail(progress.job, _unexpected(error), self._clock()))
                return
            await progress.flush()
            await self._end(lease, model.succeed(progress.job, result, self._clock()))

    async def _end(self, lease: Lease, job: Job) -> None:
        if await lease.is_leader():
            await self.store.save(job)
            await self._leases.delete_many({"job": _lease_name(job.id)})


class JobProgress:
    """`Progress` written to the job record: counts at most every PROGRESS_EVERY_SECONDS, outcomes at once, and
    only while this runner holds the job's lease."""

    def __init__(self, store: JobStore, job: Job, lease: Lease, clock: Callable[[], float] = time.monotonic) -> None:
        self.job, self._store, self._lease, self._clock = job, store, lease, clock
        self._earlier = dict(job.outcomes)
        self._written = float("-inf")

    async def begin(self, total: int) -> None:
        self.job = model.advance(self.job, 0, total)
        await self._write("done", "total")

    async def advance(self, units: int = 1) -> None:
        self.job = model.advance(self.job, self.job.done + units, self.job.total)
        if self._clock() - self._written >= PROGRESS_EVERY_SECONDS or self.job.done == self.job.total:
            await self._write("done", "total")

    async def remember(self, unit: str, outcome: Any) -> None:
        self.job = model.remember(self.job, unit, outcome)
        await self._write("outcomes")

    def remembered(self) -> Mapping[str, Any]:
        return self._earlier

    async def flush(self) -> None:
        await self._write("done", "total")

    async def _write(self, *fields: str) -> None:
        if await self._lease.is_leader():
            await self._store.save(self.job, *fields)
            self._written = self._clock()


def _lease_name(job_id: str) -> str:
    return f"job:{job_id}"


def _unexpected(error: Exception) -> dict[str, Any]:
    """A failure no rule named (a bug, a dependency down too long): problem-like, without internals."""
    return {"type": PROBLEM_BASE + "job-error", "title": "The job stopped on an unexpected error",
            "detail": f"{type(error).__name__}; the service's log has the details"}
