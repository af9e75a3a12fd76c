"""Markets' city-wide operations as jobs (`shared.jobs`): the monthly exit review of the convenience service
stations. `POST /api/v1/markets/jobs/<kind>` answers 202; the job runs in the service."""
from __future__ import annotations

from services.markets.adapters.schemas.stations import ExitReviewOut
from services.markets.application import stations
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


KINDS = [
    JobKind("station-exit-review", ExitReviewIn, ExitReviewOut, _exit_review, (Role.COMMERCE_OFFICER, Role.OPS),
            "Monthly exit rule over all active stations; one event per exit"),
]

router = job_router("/api/v1/markets", KINDS, tags=["markets jobs"])
