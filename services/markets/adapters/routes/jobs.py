"""Markets' city-wide operations as jobs (`shared.jobs`): the monthly exit review of the convenience service
stations, and the overdue-case run (a case for every lifecycle deadline passed without its step; also run daily). `POST /api/v1/markets/jobs/<kind>` answers 202; the job runs in the service."""
from __future__ import annotations

from services.markets.adapters.schemas.cases import OverdueCaseOut, OverdueCasesIn, OverdueCasesOut
from services.markets.adapters.schemas.stations import ExitReviewOut
from services.markets.application import cases, stations
from services.markets.bootstrap import Container
from shared.auth import Role
from shared.jobs import Progress
from shared.jobs.params import JobMonth, JobOn
from shared.jobs.routes import JobKind, job_router
from shared.schemas import RequestBody


class ExitReviewIn(RequestBody):
    month: JobMonth
    on: JobOn = None


async def _exit_review(c: Container, p: ExitReviewIn, progress: Progress, job_id: str) -> ExitReviewOut:
    return ExitReviewOut(month=p.month, exited=await stations.review_exits(p.month, p.on, c.stations, progress))


async def _overdue_cases(c: Container, p: OverdueCasesIn, progress: Progress, job_id: str) -> OverdueCasesOut:
    opened = await cases.open_overdue_cases(p.on, c.markets, progress)
    return OverdueCasesOut(on=p.on, opened=[OverdueCaseOut(**row) for row in opened])


KINDS = [
    JobKind("station-exit-review", ExitReviewIn, ExitReviewOut, _exit_review, (Role.COMMERCE_OFFICER, Role.OPS),
            "Monthly exit rule over all active stations; one event per exit"),
    JobKind("overdue-cases", OverdueCasesIn, OverdueCasesOut, _overdue_cases, (Role.COMMERCE_OFFICER, Role.OPS),
            "A case for every lifecycle deadline passed before `on` without its step, once per deadline"),
]

router = job_router("/api/v1/markets", KINDS, tags=["markets jobs"])
