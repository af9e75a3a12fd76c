"""Registry's city-wide operations as jobs (`shared.jobs`): the lapse of the certificates not inspected in a year.
`POST /api/v1/registry/jobs/<kind>` answers 202; the job runs in the service."""
from __future__ import annotations

from services.registry.adapters.access import OFFICER
from services.registry.adapters.schemas import LapseOut
from services.registry.application import maintenance
from services.registry.application.commands import LapseUninspected
from services.registry.bootstrap import Container
from shared.auth import Role
from shared.jobs import Progress
from shared.jobs.params import JobOn, JobYear
from shared.jobs.routes import JobKind, job_router
from shared.schemas import RequestBody


class LapseIn(RequestBody):
    year: JobYear
    on: JobOn = None


async def _lapse(c: Container, p: LapseIn, progress: Progress, job_id: str) -> LapseOut:
    lapsed = await maintenance.lapse_uninspected(LapseUninspected(p.year, p.on), c.employers, c.today,
                                                 c.inspection_deadline, progress)
    return LapseOut(year=p.year, as_of=p.on, lapsed=lapsed)


KINDS = [
    JobKind("certificate-lapse", LapseIn, LapseOut, _lapse, (Role.OPS, *OFFICER),
            "Lapse the certificates of the units not inspected in a year (after its deadline)"),
]

router = job_router("/api/v1/registry", KINDS, tags=["registry jobs"])
