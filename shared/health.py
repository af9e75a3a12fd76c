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
        try:
            detail = await asyncio.wait_for(check(), timeout=self._timeout)
        except Exception as exc:  # noqa: BLE001 - any failure means "down", with the reason shown
            return {"status": "down", "error": repr(exc)[:300]}
        return {"status": "up"} | (detail if isinstance(detail, dict) else {})


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
