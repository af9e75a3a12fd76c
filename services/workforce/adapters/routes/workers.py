"""Workers: hire, posts, transfer, agreements, separation, the daily watcher and the archive."""
from __future__ import annotations

import uuid
from fastapi import APIRouter

from services.workforce.adapters.routes.dependencies import (PREFIX, CommunityFilter, ContainerDep, EmployerFilter,
                                                             StatusFilter, WorkerId)
from services.workforce.adapters.schemas.workers import (ArchiveOut, HireIn, PostsIn, RenewalIn, SeparationIn,
                                                         TransferIn, WorkerOut)
from services.workforce.application import workers as cases
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

router = APIRouter(prefix=PREFIX, tags=["workforce"])


@router.post("/workers", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def hire(body: HireIn, c: ContainerDep) -> WorkerOut:
    worker = await cases.hire_worker(body.command(), str(uuid.uuid4()), c.workers, c.claims, c.staffing,
                                     c.policy.max_recruit_age, c.references)
    return WorkerOut.of(worker)


@router.get("/workers", response_model=PageOut[WorkerOut],
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER))
async def list_workers(c: ContainerDep, paging: Paging, community_id: CommunityFilter = None,
                       employer_id: EmployerFilter = None, status: StatusFilter = None) -> PageOut[WorkerOut]:
    """Workers by community, employer (street office) and status, each filter an indexed field."""
    found = await cases.search_workers(paging, community_id, employer_id, status, c.workers)
    return PageOut.of(found.items, found.total, paging, WorkerOut.of)


@router.get("/workers/{worker_id}", response_model=WorkerOut,
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER))
async def get_worker(worker_id: WorkerId, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.get_worker(worker_id, c.workers))


@router.post("/workers/{worker_id}/posts", response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def change_posts(worker_id: WorkerId, body: PostsIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.change_posts(worker_id, tuple(body.posts), body.effective_on, c.workers,
                                                 c.claims, c.staffing))


@router.post("/workers/{worker_id}/transfer", response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def transfer(worker_id: WorkerId, body: TransferIn, c: ContainerDep) -> WorkerOut:
    """调动 to another community of the same street office (e.g. out of an abolished community)."""
    return WorkerOut.of(await cases.transfer_worker(worker_id, body.community_id, body.effective_on,
                                                   tuple(body.posts), c.workers, c.claims, c.staffing,
                                                   c.references))


@router.post("/workers/{worker_id}/agreements", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def renew(worker_id: WorkerId, body: RenewalIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.renew_agreement(worker_id, body.domain(), c.workers))


@router.post("/workers/{worker_id}/separation", response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def separate(worker_id: WorkerId, body: SeparationIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.separate_worker(worker_id, body.domain(c.today()), c.workers, c.claims, c.staffing))


@router.get("/workers/{worker_id}/archive", response_model=ArchiveOut, **allow(Role.STREET_OFFICER))
async def archive(worker_id: WorkerId, c: ContainerDep) -> ArchiveOut:
    return ArchiveOut.of(*await cases.archive(worker_id, c.workers))

