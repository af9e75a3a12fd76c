"""The jobs API every service includes: `POST <prefix>/jobs/<kind>` (202 + `Location`), `GET <prefix>/jobs/{job_id}`
and the paged `GET <prefix>/jobs?kind=&status=`. A service declares its kinds (`JobKind`: parameters model, who may
start it, the use case it calls) and `job_router` makes the routes and registers the work with the runner.

No `from __future__ import annotations` here: the routes' body types are the kinds' models, bound in closures.
"""
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from shared.access import READ_METHODS, allow
from shared.actor import Actor, CurrentActor
from shared.auth import Principal, Role
from shared.clock import beijing_today
from shared.errors import NotFound
from shared.jobs import model
from shared.jobs.model import Job, JobStatus
from shared.jobs.progress import Progress
from shared.jobs.runner import JobRunner, utc_now
from shared.paging import PageOut, Paging
from shared.telemetry import current_carrier

Run = Callable[[Any, Any, Progress, str], Awaitable[BaseModel]]
"""`run(container, params, progress, job_id)`: the kind's use case called with the service's container; `job_id`
is the run's own key where the use case claims a step (a resumed job claims it again)."""


@dataclass(frozen=True)
class JobKind:
    name: str
    params: type[BaseModel]
    result: type[BaseModel]
    run: Run
    roles: tuple[str, ...]
    summary: str

    def bind(self, container: Any) -> Callable[[dict[str, Any], Progress, str], Awaitable[dict[str, Any]]]:
        async def work(params: dict[str, Any], progress: Progress, job_id: str) -> dict[str, Any]:
            result = await self.run(container, self.params.model_validate(params), progress, job_id)
            return result.model_dump(mode="json")
        return work


class ProgressOut(BaseModel):
    done_count: int = Field(description="units (accounts, workers, stations, units) gone through so far")
    total_count: int | None = Field(description="units the run goes through; null until it has read them")


class RequesterOut(BaseModel):
    user: str | None
    role: str | None


class JobOut(BaseModel):
    job_id: str
    kind: str
    status: JobStatus
    params: dict[str, Any] = Field(description="the job's parameters, with their defaults filled in")
    progress: ProgressOut
    result: dict[str, Any] | None = Field(description="when succeeded: what the operation returned")
    error: dict[str, Any] | None = Field(description="when failed: the problem (RFC 9457 fields)")
    requested_by: RequesterOut
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int = Field(description="runs started; more than one when a runner took over from a stopped one")

    @classmethod
    def of(cls, job: Job) -> "JobOut":
        return cls(job_id=job.id, kind=job.kind, status=job.status, params=job.params,
                   progress=ProgressOut(done_count=job.done, total_count=job.total), result=job.result,
                   error=job.error, requested_by=RequesterOut(**job.requested_by), created_at=job.created_at,
                   started_at=job.started_at, finished_at=job.finished_at, attempts=job.attempts)


def runner_of(request: Request) -> JobRunner:
    return request.app.state.runtime.jobs


def job_router(prefix: str, kinds: Sequence[JobKind], *, tags: Sequence[str] = ("jobs",)) -> APIRouter:
    """The service's jobs routes under `<prefix>/jobs`; `router.job_kinds` is what `create_app` registers."""
    router = APIRouter(prefix=f"{prefix}/jobs", tags=list(tags))
    router.job_kinds = tuple(kinds)  # type: ignore[attr-defined]
    by_name = {k.name: k for k in kinds}
    everyone = sorted({role for k in kinds for role in k.roles})
    Kind = StrEnum("JobKindName", {k.name.replace("-", "_"): k.name for k in kinds})  # noqa: N806
    for kind in kinds:
        _start_route(router, prefix, kind)

    @router.get("", response_model=PageOut[JobOut], summary="Jobs, newest first", **allow(*everyone))
    async def list_jobs(request: Request, paging: Paging,
                        kind: Annotated[Kind | None, Query()] = None,  # type: ignore[valid-type]
                        status: Annotated[JobStatus | None, Query()] = None) -> PageOut[JobOut]:
        readable = [k for k in by_name if _may_read(request, by_name[k]) and (kind is None or k == kind)]
        jobs, count = await runner_of(request).store.page(readable, status, paging.skip, paging.size)
        return PageOut[JobOut].of(jobs, count, paging, JobOut.of)

    @router.get("/{job_id}", response_model=JobOut, summary="A job: status, progress, result or error",
                **allow(*everyone))
    async def get_job(job_id: Annotated[str, Path(max_length=64)], request: Request) -> JobOut:
        job = await runner_of(request).store.get(job_id)
        if job is None or job.kind not in by_name or not _may_read(request, by_name[job.kind]):
            raise NotFound(f"no job {job_id}")
        return JobOut.of(job)

    return router


def _start_route(router: APIRouter, prefix: str, kind: JobKind) -> None:
    async def start(body: kind.params, request: Request, response: Response,  # type: ignore[name-defined]
                    actor: CurrentActor) -> JobOut:
        params = _with_today(body, request).model_dump(mode="json")
        job = model.new_job(uuid.uuid4().hex, kind.name, params, _requester(request, kind, actor),
                            current_carrier(), utc_now())
        await runner_of(request).submit(job)
        response.headers["Location"] = f"{prefix}/jobs/{job.id}"
        return JobOut.of(job)

    start.__name__ = f"start_{kind.name.replace('-', '_')}"
    router.add_api_route(f"/{kind.name}", start, methods=["POST"], status_code=202, response_model=JobOut,
                         summary=kind.summary, description=_description(kind), **allow(*kind.roles))


def _with_today(body: BaseModel, request: Request) -> BaseModel:
    """`on` left out is today in Beijing (the service's clock), fixed when the job is created, not when it runs."""
    if "on" in type(body).model_fields and getattr(body, "on") is None:
        today = getattr(request.app.state.container, "today", beijing_today)
        return body.model_copy(update={"on": today()})
    return body


def _requester(request: Request, kind: JobKind, actor: Actor) -> dict[str, str | None]:
    """Who started the job: the user, and the platform role it started it as (from the token; without one, the
    role header as sent in development)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    role = next((r for r in kind.roles if principal is not None and principal.has_role(r)), actor.role)
    return {"user": actor.user, "role": role}


def _may_read(request: Request, kind: JobKind) -> bool:
    """The roles that may start a kind read its jobs; auditors and department systems read (the gate checked
    their scope). Without a token (development), everyone."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None or request.method not in READ_METHODS:
        return principal is None
    return (principal.has_role(*kind.roles, Role.AUDITOR) or principal.client_id is not None
            or principal.has_role(Role.DEPARTMENT_SYSTEM))


def _description(kind: JobKind) -> str:
    return (f"Starts the job and answers 202 at once with the job and its `Location`; poll it until `status` is "
            f"`succeeded` (its `result` is a `{kind.result.__name__}`) or `failed` (its `error` is a problem). "
            f"Who may start it: {', '.join(kind.roles)}.")
