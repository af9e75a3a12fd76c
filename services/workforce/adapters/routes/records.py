"""A worker's records: certificates, year-end assessments and objections, training, awards."""
from __future__ import annotations

from fastapi import APIRouter

from services.workforce.adapters.routes.dependencies import PREFIX, ContainerDep, WorkerId
from services.workforce.adapters.schemas.workers import (AssessmentIn, AwardIn, CertificateIn, DecisionIn,
                                                         ObjectionIn, OneChildIn, TrainingIn, WorkerOut)
from services.workforce.application import records as cases
from shared.access import allow
from shared.actor import CurrentActor
from shared.auth import Role
from shared.params import Year

router = APIRouter(prefix=f"{PREFIX}/workers/{{worker_id}}", tags=["workforce"])


@router.post("/certificates", response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def add_cert(worker_id: WorkerId, body: CertificateIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.add_certificate(worker_id, body.domain(), c.workers))


@router.put("/one-child-certificate", response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def one_child(worker_id: WorkerId, body: OneChildIn, c: ContainerDep) -> WorkerOut:
    """独生子女父母光荣证 (recorded or corrected): the one-child fee appears in the payroll from its month of issue."""
    return WorkerOut.of(await cases.record_one_child_certificate(worker_id, body.domain(), c.workers))


@router.post("/assessments", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def assess(worker_id: WorkerId, body: AssessmentIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.record_assessment(worker_id, body.year, body.grade, body.task_completion,
                                                      body.satisfaction, body.notified_on, c.workers))


@router.post("/assessments/{year}/objection", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def object_to(worker_id: WorkerId, year: Year, body: ObjectionIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.file_objection(worker_id, year, body.on or c.today(), body.reason, c.workers))


@router.post("/assessments/{year}/decision", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def decide_objection(worker_id: WorkerId, year: Year, body: DecisionIn, c: ContainerDep,
                           actor: CurrentActor) -> WorkerOut:
    return WorkerOut.of(await cases.decide_objection(worker_id, year, body.on or c.today(), body.grade, actor.user,
                                                     c.workers))


@router.post("/trainings", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def train(worker_id: WorkerId, body: TrainingIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.record_training(worker_id, body.domain(), c.workers))


@router.post("/awards", status_code=201, response_model=WorkerOut, **allow(Role.STREET_OFFICER))
async def award(worker_id: WorkerId, body: AwardIn, c: ContainerDep) -> WorkerOut:
    return WorkerOut.of(await cases.record_award(worker_id, body.domain(), c.workers))
