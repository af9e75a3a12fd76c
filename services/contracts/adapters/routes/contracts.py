"""Contracts on record: changes, income verifications, reward slips, the invoice and the tax-relief documents."""
from __future__ import annotations

from fastapi import APIRouter

from services.contracts.adapters import schemas
from services.contracts.adapters.responses import (ContractOut, InvoiceOut, RewardSlipOut, TaxReliefOut,
                                                   VerificationOut)
from services.contracts.adapters.routes.dependencies import PREFIX, REGISTRARS, Acting, ContainerDep
from services.contracts.application import queries, records
from shared.access import OWN_UNIT, allow

router = APIRouter(prefix=PREFIX, tags=["contracts"])


@router.get("/contracts/{contract_id}", response_model=ContractOut, **allow(*REGISTRARS, employer=OWN_UNIT))
async def get_contract(contract_id: str, actor: Acting, c: ContainerDep) -> ContractOut:
    return ContractOut.of(await queries.visible_contract(contract_id, actor, c.contracts, c.units), c.today())


@router.post("/contracts/{contract_id}/changes", response_model=ContractOut, **allow(*REGISTRARS))
async def record_change(contract_id: str, body: schemas.ChangeIn, actor: Acting, c: ContainerDep) -> ContractOut:
    contract = await records.record_change(contract_id, body.kind, body.effective_on, body.description,
                                           body.new_party_to_domain(), actor, c.contracts, c.now)
    return ContractOut.of(contract, c.today())


@router.post("/contracts/{contract_id}/income-verifications", status_code=201, response_model=VerificationOut,
             **allow(*REGISTRARS))
async def verify_income(contract_id: str, body: schemas.IncomeIn, actor: Acting, c: ContainerDep
                        ) -> VerificationOut:
    verification = await records.verify_income(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return VerificationOut.model_validate(verification, from_attributes=True)


@router.post("/contracts/{contract_id}/rewards", status_code=201, response_model=RewardSlipOut, **allow(*REGISTRARS))
async def issue_reward(contract_id: str, body: schemas.RewardIn, actor: Acting, c: ContainerDep) -> RewardSlipOut:
    slip = await records.issue_reward(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now)
    return RewardSlipOut.model_validate(slip, from_attributes=True)


@router.get("/contracts/{contract_id}/invoice", response_model=InvoiceOut, **allow(*REGISTRARS, employer=OWN_UNIT))
async def invoice(contract_id: str, actor: Acting, c: ContainerDep) -> InvoiceOut:
    lines, total = await queries.invoice(contract_id, actor, c.contracts, c.units)
    return InvoiceOut.model_validate({"contract_id": contract_id, "lines": lines, "total": total},
                                     from_attributes=True)


@router.get("/contracts/{contract_id}/tax-relief", response_model=TaxReliefOut,
            **allow(*REGISTRARS, employer=OWN_UNIT))
async def tax_relief(contract_id: str, actor: Acting, c: ContainerDep) -> TaxReliefOut:
    bundle = await queries.tax_relief(contract_id, actor, c.contracts, c.units)
    return TaxReliefOut.of(contract_id, bundle, c.today())
