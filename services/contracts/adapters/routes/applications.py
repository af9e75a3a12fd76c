"""Applications: submission, the overdue list, review and sign-off, the appeal (复核).

One resource, one read path: an application *is* the contract in its first states (one document from submission to
the registered record, one id), so it is read, and listed, at `/contracts/contracts[/{contract_id}]` only. It is
created here (`POST /applications`) and the acts of its review stay here, under the name a registrar's office uses
for them; the acts on a contract on record (changes, income, rewards) sit under `/contracts/{contract_id}`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends

from services.contracts.adapters import schemas
from services.contracts.adapters.responses import ContractOut
from services.contracts.adapters.routes.dependencies import PREFIX, REGISTRARS, Acting, ContainerDep, ContractId
from services.contracts.application import queries, review, submission
from services.contracts.domain.contract import Contract
from shared.access import OWN_UNIT, allow
from shared.auth import Role
from shared.paging import PageOut, Paging
from shared.params import AsOf

router = APIRouter(prefix=PREFIX, tags=["contracts"])


@router.post("/applications", status_code=201, response_model=ContractOut,
             **allow(Role.CONTRACTS_REGISTRAR, employer=OWN_UNIT))
async def submit_application(body: schemas.ApplicationIn, actor: Acting, c: ContainerDep) -> ContractOut:
    contract = await submission.submit_application(body.to_domain(), actor, c.contracts, c.units, c.today,
                                                     c.now)
    return ContractOut.of(contract, c.today())


@router.get("/applications/overdue", response_model=PageOut[ContractOut], **allow(*REGISTRARS))
async def overdue_applications(actor: Acting, c: ContainerDep, paging: Paging, on: AsOf = None
                               ) -> PageOut[ContractOut]:
    """Undecided past the 30-day deadline (第六条) on `on` (a read: today in Beijing when left out), the oldest
    deadline first."""
    day = on or c.today()
    found = await queries.overdue_applications(actor, c.contracts, c.today, paging.page, paging.size, day)
    return PageOut[ContractOut].of(found.items, found.total, paging, lambda contract: ContractOut.of(contract, day))


@router.post("/applications/{contract_id}/review", response_model=ContractOut, **allow(*REGISTRARS))
async def review_application(contract_id: ContractId, body: schemas.ReviewIn, actor: Acting, c: ContainerDep
                             ) -> ContractOut:
    contract = await review.review_application(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now,
                                               body.on)
    return ContractOut.of(contract, c.today())


@router.post("/applications/{contract_id}/sign-off", response_model=ContractOut,
             **allow(Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR))
async def sign_off(contract_id: ContractId, actor: Acting, c: ContainerDep,
                   body: Annotated[schemas.SignOffIn | None, Body()] = None) -> ContractOut:
    on = body.on if body else None
    return ContractOut.of(await review.sign_off(contract_id, actor, c.contracts, c.today, c.now, on), c.today())


@router.post("/applications/{contract_id}/resumption", response_model=ContractOut, **allow(*REGISTRARS))
async def resume(contract_id: ContractId, body: schemas.ResumptionIn, actor: Acting, c: ContainerDep
                 ) -> ContractOut:
    """A held application (its seller was deregistered) goes on where it stood; its 30 days (第六条) are unchanged,
    so it stays on the overdue list while held and after. Refusing it instead is a review with decision
    `refuse`."""
    contract = await review.resume(contract_id, body.note, actor, c.contracts, c.today, c.now, body.on)
    return ContractOut.of(contract, c.today())


async def visible_first(contract_id: ContractId, actor: Acting, c: ContainerDep) -> Contract:
    """As a dependency: resolved before the body is validated, so another unit's id answers 404, never 422."""
    return await queries.visible_contract(contract_id, actor, c.contracts, c.units)


@router.post("/applications/{contract_id}/appeal", response_model=ContractOut, **allow(employer=OWN_UNIT))
async def appeal(contract_id: ContractId, body: schemas.AppealIn, actor: Acting, c: ContainerDep,
                 _: Annotated[Contract, Depends(visible_first)]) -> ContractOut:
    return ContractOut.of(await review.appeal(contract_id, body.grounds, actor, c.contracts, c.now), c.today())


@router.post("/applications/{contract_id}/appeal/decision", response_model=ContractOut,
             **allow(Role.MANAGEMENT_OFFICE_DIRECTOR))
async def decide_appeal(contract_id: ContractId, body: schemas.AppealDecisionIn, actor: Acting, c: ContainerDep
                        ) -> ContractOut:
    contract = await review.decide_appeal(contract_id, body.overturned, body.note, actor, c.contracts, c.today,
                                          c.now, body.on)
    return ContractOut.of(contract, c.today())
