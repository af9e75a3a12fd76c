from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends

from services.contracts.adapters import schemas
from services.contracts.adapters.identity import ActorDep
from services.contracts.application import handlers
from services.contracts.bootstrap import Container
from services.contracts.domain import rewards
from services.contracts.domain.contract import Contract, concerns_unit, visible_to
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Role, is_registrar, require_role
from shared.errors import NotFound
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/contracts", tags=["contracts"])
ContainerDep = Annotated[Container, Depends(container_of)]


def _view(contract: Contract, c: Container) -> dict:
    return schemas.contract_view(contract, c.today())


async def _visible(contract_id: str, actor: Actor, c: Container) -> Contract:
    """Classified ones for registrars only; an employer user's only where its unit is a party (404 otherwise:
    another unit's contract is not admitted to exist)."""
    contract = await c.contracts.get(contract_id)
    if not visible_to(contract, is_registrar(actor)) or not await _concerns_actor(contract, actor, c):
        raise NotFound(f"no contract or application {contract_id}")
    return contract


async def _concerns_actor(contract: Contract, actor: Actor, c: Container) -> bool:
    if actor.role is not Role.APPLICANT or actor.employer_id is None:
        return True  # officers; in development an applicant acting without a unit binding
    return concerns_unit(contract, await c.units.uscc_of(actor.employer_id), actor.user)


@router.post("/applications", status_code=201)
async def submit_application(body: schemas.ApplicationIn, actor: ActorDep, c: ContainerDep) -> dict:
    contract = await handlers.submit_application(body.to_domain(), actor, c.contracts, c.today, c.now)
    return _view(contract, c)


@router.get("/applications/overdue")
async def overdue_applications(actor: ActorDep, c: ContainerDep, on: date | None = None) -> list[dict]:
    require_role(actor, REGISTRAR_ROLES, "the overdue list")
    return [_view(contract, c) for contract in await c.contracts.overdue(on or c.today())]


@router.get("/applications/{contract_id}")
@router.get("/contracts/{contract_id}")
async def get_contract(contract_id: str, actor: ActorDep, c: ContainerDep) -> dict:
    return _view(await _visible(contract_id, actor, c), c)


@router.post("/applications/{contract_id}/review")
async def review_application(contract_id: str, body: schemas.ReviewIn, actor: ActorDep, c: ContainerDep) -> dict:
    contract = await handlers.review_application(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return _view(contract, c)


@router.post("/applications/{contract_id}/sign-off")
async def sign_off(contract_id: str, actor: ActorDep, c: ContainerDep) -> dict:
    return _view(await handlers.sign_off(contract_id, actor, c.contracts, c.today, c.now), c)


async def _visible_first(contract_id: str, actor: ActorDep, c: ContainerDep) -> Contract:
    """As a dependency: resolved before the body is validated, so another unit's id answers 404, never 422."""
    return await _visible(contract_id, actor, c)


@router.post("/applications/{contract_id}/appeal")
async def appeal(contract_id: str, body: schemas.AppealIn, actor: ActorDep, c: ContainerDep,
                 _: Annotated[Contract, Depends(_visible_first)]) -> dict:
    return _view(await handlers.appeal(contract_id, body.grounds, actor, c.contracts, c.now), c)


@router.post("/applications/{contract_id}/appeal/decision")
async def decide_appeal(contract_id: str, body: schemas.AppealDecisionIn, actor: ActorDep, c: ContainerDep) -> dict:
    contract = await handlers.decide_appeal(contract_id, body.outcome == "overturned", body.note, actor,
                                            c.contracts, c.today, c.now)
    return _view(contract, c)


@router.post("/contracts/{contract_id}/changes")
async def record_change(contract_id: str, body: schemas.ChangeIn, actor: ActorDep, c: ContainerDep) -> dict:
    new_party = body.new_party.to_domain() if body.new_party else None
    contract = await handlers.record_change(contract_id, body.kind, body.effective_on, body.description, new_party,
                                            actor, c.contracts, c.now)
    return _view(contract, c)


@router.post("/contracts/{contract_id}/income-verifications", status_code=201)
async def verify_income(contract_id: str, body: schemas.IncomeIn, actor: ActorDep, c: ContainerDep) -> dict:
    verification = await handlers.verify_income(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return schemas.as_json(verification)


@router.post("/contracts/{contract_id}/rewards", status_code=201)
async def issue_reward(contract_id: str, body: schemas.RewardIn, actor: ActorDep, c: ContainerDep) -> dict:
    slip = await handlers.issue_reward(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return schemas.as_json(slip)


@router.get("/contracts/{contract_id}/invoice")
async def invoice(contract_id: str, actor: ActorDep, c: ContainerDep) -> dict:
    lines, total = rewards.invoice(await _visible(contract_id, actor, c))
    return {"contract_id": contract_id, "lines": [schemas.as_json(line) for line in lines], "total": str(total)}


@router.get("/contracts/{contract_id}/tax-relief")
async def tax_relief(contract_id: str, actor: ActorDep, c: ContainerDep) -> dict:
    bundle = rewards.tax_relief_bundle(await _visible(contract_id, actor, c))
    documents = {"registered_contract": bundle.contract and _view(bundle.contract, c),
                 "income_verification": bundle.verification and schemas.as_json(bundle.verification),
                 "reward_slip": bundle.reward_slip and schemas.as_json(bundle.reward_slip)}
    return {"contract_id": contract_id, "complete": not bundle.missing, "missing": list(bundle.missing),
            "documents": documents}
