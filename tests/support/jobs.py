"""Start a job through its route and poll it to its end (tests of the city-wide operations, `shared.jobs`)."""
from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Finished:
    """A job at its end, read like the answer the old synchronous route gave: 200 with the result, or the
    failure's problem and its status."""

    job: dict[str, Any]

    @property
    def status_code(self) -> int:
        return 200 if self.job["status"] == "succeeded" else self.job["error"].get("status", 500)

    def json(self) -> Any:
        return self.job["result"] if self.job["status"] == "succeeded" else self.job["error"]

    @property
    def text(self) -> str:
        return json.dumps(self.job)


async def start_job(client: httpx.AsyncClient, prefix: str, kind: str, body: dict, **kw) -> httpx.Response:
    return await client.post(f"{prefix}/jobs/{kind}", json=body, **kw)


async def poll_job(client: httpx.AsyncClient, location: str, *, timeout: float = 30.0, **kw) -> dict[str, Any]:
    deadline, url = time.monotonic() + timeout, str(client.base_url.join(location))  # Location is a path
    while True:
        response = await client.get(url, **kw)
        assert response.status_code == 200, response.text
        job = response.json()
        if job["status"] in ("succeeded", "failed"):
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job still {job['status']} after {timeout} s: {job}")
        await asyncio.sleep(0.05)


async def run_job(client: httpx.AsyncClient, prefix: str, kind: str, body: dict, *, timeout: float = 30.0,
                  **kw) -> Finished:
    """POST the job (202 expected), then GET it until it ends."""
    started = await start_job(client, prefix, kind, body, **kw)
    assert started.status_code == 202, started.text
    return Finished(await poll_job(client, started.headers["location"], timeout=timeout, **kw))
