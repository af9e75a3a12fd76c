"""A job: one city-wide operation run in the service process, outside the HTTP request (docs/api.md,
"City-wide operations"). Pure: the record and its state transitions, no I/O.

    queued ──start──▶ running ──succeed──▶ succeeded
       │                │  ▲
       │                │  └─start (resumed by the next runner after its process stopped)
       └──────fail──────┴──fail──▶ failed

A finished job (succeeded or failed) never changes again.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED})


class JobFinished(Exception):
    """A transition asked of a job that has already ended."""


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    params: dict[str, Any]
    requested_by: dict[str, str | None]
    created_at: datetime
    status: JobStatus = JobStatus.QUEUED
    trace: dict[str, str] = field(default_factory=dict)
    """The W3C trace context (`traceparent`, `tracestate`) of the request that created the job."""
    done: int = 0
    total: int | None = None
    outcomes: dict[str, Any] = field(default_factory=dict)
    """What each unit came to, as far as reported (kept so a resumed run reports what the interrupted one did)."""
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    attempts: int = 0
    runner: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


def new_job(job_id: str, kind: str, params: dict[str, Any], requested_by: dict[str, str | None],
            trace: dict[str, str], now: datetime) -> Job:
    return Job(id=job_id, kind=kind, params=params, requested_by=requested_by, trace=trace, created_at=now)


def start(job: Job, runner: str, now: datetime) -> Job:
    """A runner takes the job: the first time, or again after the runner before it stopped mid-way (then its
    progress starts over, its reported outcomes stay)."""
    _unfinished(job)
    return replace(job, status=JobStatus.RUNNING, runner=runner, attempts=job.attempts + 1,
                   started_at=job.started_at or now, done=0)


def advance(job: Job, done: int, total: int | None) -> Job:
    """Progress: `done` of `total` units (total unknown until the use case has read them)."""
    _running(job)
    if done < 0 or (total is not None and not 0 <= done <= total):
        raise ValueError(f"progress {done} of {total} is not a count of units")
    return replace(job, done=done, total=total)


def remember(job: Job, unit: str, outcome: Any) -> Job:
    _running(job)
    return replace(job, outcomes=job.outcomes | {unit: outcome})


def succeed(job: Job, result: dict[str, Any], now: datetime) -> Job:
    _running(job)
    total = job.total if job.total is not None else job.done
    return replace(job, status=JobStatus.SUCCEEDED, result=result, done=total, total=total, finished_at=now)


def fail(job: Job, error: dict[str, Any], now: datetime) -> Job:
    _unfinished(job)
    return replace(job, status=JobStatus.FAILED, error=error, finished_at=now)


def _unfinished(job: Job) -> None:
    if job.finished:
        raise JobFinished(f"job {job.id} has already {job.status}")


def _running(job: Job) -> None:
    if job.status is not JobStatus.RUNNING:
        raise JobFinished(f"job {job.id} is {job.status}, not running")
