"""Applications: submission, the overdue list, review and sign-off, the appeal (复核)."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends

from services.contracts.adapters import schemas
from services.contracts.adapters.responses import ContractOut
from services.contracts.adapters.routes.dependencies import PREFIX, REGISTRARS, Acting, ContainerDep
from services.contracts.application import queries, review, submission
from services.contracts.domain.contract import Contract
from shared.access import OWN_UNIT, allow
from shared.auth import Role

router = APIRouter(prefix=PREFIX, tags=["contracts"])


@router.post("/applications", status_code=201, response_model=ContractOut,
             **allow(Role.CONTRACTS_REGISTRAR, employer=OWN_UNIT))
async def submit_application(body: schemas.ApplicationIn, actor: Acting, c: ContainerDep) -> ContractOut:
    contract = await submission.submit_application(body.to_domain(), actor, c.contracts, c.units, c.today,
                                                     c.now)
    return ContractOut.of(contract, c.today())


@router.get("/applications/overdue", response_model=list[ContractOut], **allow(*REGISTRARS))
async def overdue_applications(actor: Acting, c: ContainerDep, on: date | None = None) -> list[ContractOut]:
    return [ContractOut.of(contract, c.today())
            for contract in await queries.overdue_applications(actor, c.contracts, c.today, on)]


@router.get("/applications/{contract_id}", response_model=ContractOut, **allow(*REGISTRARS, employer=OWN_UNIT))
async def get_application(contract_id: str, actor: Acting, c: ContainerDep) -> ContractOut:
    return ContractOut.of(await queries.visible_contract(contract_id, actor, c.contracts, c.units), c.today())


@router.post("/applications/{contract_id}/review", response_model=ContractOut, **allow(*REGISTRARS))
async def review_application(contract_id: str, body: schemas.ReviewIn, actor: Acting, c: ContainerDep
                             ) -> ContractOut:
    contract = await review.review_application(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return ContractOut.of(contract, c.today())


@router.post("/applications/{contract_id}/sign-off", response_model=ContractOut,
             **allow(Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR))
async def sign_off(contract_id: str, actor: Acting, c: ContainerDep) -> ContractOut:
    return ContractOut.of(await review.sign_off(contract_id, actor, c.contracts, c.today, c.now), c.today())


async def visible_first(contract_id: str, actor: Acting, c: ContainerDep) -> Contract:
    """As a dependency: resolved before the body is validated, so another unit's id answers 404, never 422."""
    return await queries.visible_contract(contract_id, actor, c.contracts, c.units)


@router.post("/applications/{contract_id}/appeal", response_model=ContractOut, **allow(employer=OWN_UNIT))
async def appeal(contract_id: str, body: schemas.AppealIn, actor: Acting, c: ContainerDep,
                 _: Annotated[Contract, Depends(visible_first)]) -> ContractOut:
    return ContractOut.of(await review.appeal(contract_id, body.grounds, actor, c.contracts, c.now), c.today())


@router.post("/applications/{contract_id}/appeal/decision", response_model=ContractOut,
             **allow(Role.MANAGEMENT_OFFICE_DIRECTOR))
async def decide_appeal(contract_id: str, body: schemas.AppealDecisionIn, actor: Acting, c: ContainerDep
                        ) -> ContractOut:
    contract = await review.decide_appeal(contract_id, body.overturned, body.note, actor, c.contracts, c.today,
                                          c.now)
    return ContractOut.of(contract, c.today())
