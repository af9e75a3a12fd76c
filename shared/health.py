"""`/health/live` (the process answers) and `/health/ready` (every dependency answers)."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse

Check = Callable[[], Awaitable[object]]
Summary = Callable[[dict[str, dict]], Awaitable[dict]]


class HealthChecks:
    def __init__(self, timeout: float = 2.0) -> None:
        self._checks: dict[str, Check] = {}
        self._timeout = timeout
        self._abandoned: set[asyncio.Task] = set()
        self.summary: Summary | None = None
        """Adds keys to the ready body from the checks' report, without deciding readiness (the gateway's status
        view of every service)."""

    def add(self, name: str, check: Check) -> None:
        self._checks[name] = check

    async def run(self) -> tuple[bool, dict[str, dict]]:
        names = list(self._checks)
        results = await asyncio.gather(*(self._one(self._checks[n]) for n in names))
        report = dict(zip(names, results))
        return all(r["status"] == "up" for r in report.values()), report

    async def _one(self, check: Check) -> dict:
        """A check that outlasts the timeout is reported down but left to finish, never cancelled: cancelling a
        database driver's operation mid-way (a ping during an outage) once left a service's client stuck in its
        cleanup — the check, every later ready call and the outbox sweep waited forever."""
        task = asyncio.ensure_future(check())
        try:
            detail = await asyncio.wait_for(asyncio.shield(task), timeout=self._timeout)
        except Exception as exc:  # noqa: BLE001 - any failure means "down", with the reason shown
            if not task.done():
                self._abandoned.add(task)
                task.add_done_callback(self._forget)
            return {"status": "down", "error": repr(exc)[:300]}
        return {"status": "up"} | (detail if isinstance(detail, dict) else {})

    def _forget(self, task: asyncio.Task) -> None:
        self._abandoned.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: an abandoned check's failure is not logged as never retrieved


def router(service: str, checks: HealthChecks) -> APIRouter:
    api = APIRouter(prefix="/health", tags=["health"])

    @api.get("/live")
    async def live() -> dict:
        return {"status": "live", "service": service}

    @api.get("/ready")
    async def ready() -> JSONResponse:
        ok, report = await checks.run()
        body = {"status": "ready" if ok else "not_ready", "service": service, "checks": report}
        if checks.summary is not None:
            body |= await checks.summary(report)
        return JSONResponse(body, status_code=200 if ok else 503)

    return api
