"""The job records of one service, in its own database (collection `jobs`): the only place with their queries.

Only the runner holding a job's lease writes to it (FerretDB v1's updates are unlocked read-modify-writes, so two
writers could lose each other's fields); the HTTP routes insert new jobs and read."""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from shared.jobs.model import FINISHED, Job, JobStatus
from shared.mongo import Collection

_FIELDS = [f.name for f in fields(Job) if f.name != "id"]


class JobStore:
    def __init__(self, collection: Collection) -> None:
        self._jobs = collection

    async def ensure_indexes(self) -> None:
        await self._jobs.create_index([("status", 1), ("created_at", -1)], name="status")
        await self._jobs.create_index([("kind", 1), ("created_at", -1)], name="kind")
        await self._jobs.create_index([("created_at", -1)], name="created")

    async def add(self, job: Job) -> None:
        await self._jobs.insert_one(_doc(job))

    async def save(self, job: Job, *changed: str) -> None:
        """Write the named fields of `job` (all of them when none are named)."""
        doc = _doc(job)
        await self._jobs.update_one({"_id": job.id}, {"$set": {k: doc[k] for k in (changed or _FIELDS)}})

    async def get(self, job_id: str) -> Job | None:
        doc = await self._jobs.find_one({"_id": job_id})
        return _job(doc) if doc else None

    async def unfinished(self, kinds: list[str]) -> list[Job]:
        """Queued and running jobs of these kinds, oldest first (a running one may have lost its process)."""
        query = {"status": {"$nin": [s.value for s in FINISHED]}, "kind": {"$in": kinds}}
        return [_job(d) async for d in self._jobs.find(query).sort("created_at", 1).limit(100)]

    async def page(self, kinds: list[str], status: JobStatus | None, skip: int, size: int) -> tuple[list[Job], int]:
        query: dict[str, Any] = {"kind": {"$in": kinds}}
        if status is not None:
            query["status"] = status.value
        found = [_job(d) async for d in self._jobs.find(query).sort("created_at", -1).skip(skip).limit(size)]
        return found, await self._jobs.count_documents(query)


def _doc(job: Job) -> dict[str, Any]:
    doc = asdict(job)
    doc["_id"] = doc.pop("id")
    doc["status"] = job.status.value
    doc["outcomes"] = [{"unit": k, "outcome": v} for k, v in job.outcomes.items()]  # unit ids may hold dots
    return doc


def _job(doc: dict[str, Any]) -> Job:
    values = {k: doc[k] for k in _FIELDS if k in doc}
    values["outcomes"] = {o["unit"]: o["outcome"] for o in doc.get("outcomes", [])}
    return Job(id=doc["_id"], **values | {"status": JobStatus(doc["status"])})
