"""Workforce's city-wide operations as jobs (`shared.jobs`): the month's payroll and the daily separation watch.
`POST /api/v1/workforce/jobs/<kind>` answers 202; the job runs in the service."""
from __future__ import annotations

from services.workforce.adapters.routes.dependencies import PREFIX
from services.workforce.adapters.schemas.pay import PayrollOut
from services.workforce.adapters.schemas.workers import WatchOut, WorkerOut
from services.workforce.application import pay as pay_cases
from services.workforce.application import workers as worker_cases
from services.workforce.bootstrap import Container
from services.workforce.domain.pay import parse_period
from shared.auth import Role
from shared.jobs import Progress
from shared.jobs.params import JobMonth, JobOn
from shared.jobs.routes import JobKind, job_router
from shared.schemas import RequestBody

SCHEDULED = (Role.STREET_OFFICER, Role.OPS)
"""The street office, or ops on schedule."""


class PayrollIn(RequestBody):
    month: JobMonth


class WatchIn(RequestBody):
    on: JobOn = None


async def _payroll(c: Container, p: PayrollIn, progress: Progress, job_id: str) -> PayrollOut:
    run = await pay_cases.run_payroll(parse_period(p.month), c.workers, c.payroll, c.policy, progress, job_id)
    return PayrollOut.model_validate(run)


async def _watch(c: Container, p: WatchIn, progress: Progress, job_id: str) -> WatchOut:
    done = await worker_cases.watch_separations(p.on, c.workers, c.claims, c.staffing, progress)
    return WatchOut(on=p.on, separated=[WorkerOut.of(w) for w in done])


KINDS = [
    JobKind("payroll", PayrollIn, PayrollOut, _payroll, SCHEDULED,
            "The month's payroll for every worker in service (run once a month)"),
    JobKind("separation-watch", WatchIn, WatchOut, _watch, SCHEDULED,
            "The daily watch: retirements at 60/55 and elected terms that ended"),
]

router = job_router(PREFIX, KINDS, tags=["workforce jobs"])
