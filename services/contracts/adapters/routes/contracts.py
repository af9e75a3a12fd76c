"""Contracts — every application and record, one resource from submission on: the listing and the one read, and
on a contract on record its changes, income verifications, reward slips, the invoice and the tax-relief documents."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.contracts.adapters import schemas
from services.contracts.adapters.responses import (ContractOut, InvoiceOut, RewardSlipOut, TaxReliefOut,
                                                   VerificationOut)
from services.contracts.adapters.routes.dependencies import PREFIX, REGISTRARS, Acting, ContainerDep, ContractId
from services.contracts.application import queries, records
from services.contracts.application.ports import ContractFilter
from services.contracts.domain.contract import Status
from shared.access import OWN_UNIT, allow
from shared.paging import PageOut, Paging

router = APIRouter(prefix=PREFIX, tags=["contracts"])

Uscc = Annotated[str | None, Query(pattern=r"^[0-9A-Za-z]{18}$", description="统一社会信用代码 (18 characters)")]
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{6}$", description="the registrar's district code, e.g. "
                                           "110108 (the seller's locality)")]


@router.get("/contracts", response_model=PageOut[ContractOut], **allow(*REGISTRARS, employer=OWN_UNIT))
async def list_contracts(actor: Acting, c: ContainerDep, paging: Paging, status: Status | None = None,
                         seller_uscc: Uscc = None, buyer_uscc: Uscc = None, registrar_code: DistrictCode = None
                         ) -> PageOut[ContractOut]:
    """Applications and contracts on record, the newest acceptance first, filtered by status, the seller's or the
    buyer's USCC and the registrar (locality). An employer user gets only its unit's contracts (and what it filed
    itself), whatever it asks; classified contracts only the registration office's people (第十二条)."""
    filters = ContractFilter(status=status, seller_uscc=seller_uscc and seller_uscc.upper(),
                             buyer_uscc=buyer_uscc and buyer_uscc.upper(), registrar_code=registrar_code)
    found = await queries.contract_page(filters, actor, c.contracts, c.units, paging.page, paging.size)
    today = c.today()
    return PageOut[ContractOut].of(found.items, found.total, paging, lambda contract: ContractOut.of(contract, today))


@router.get("/contracts/{contract_id}", response_model=ContractOut, **allow(*REGISTRARS, employer=OWN_UNIT))
async def get_contract(contract_id: ContractId, actor: Acting, c: ContainerDep) -> ContractOut:
    """The one read of an application or contract, whatever its state (one document, one id, from submission on)."""
    return ContractOut.of(await queries.visible_contract(contract_id, actor, c.contracts, c.units), c.today())


@router.post("/contracts/{contract_id}/changes", response_model=ContractOut, **allow(*REGISTRARS))
async def record_change(contract_id: ContractId, body: schemas.ChangeIn, actor: Acting, c: ContainerDep
                        ) -> ContractOut:
    contract = await records.record_change(contract_id, body.kind, body.effective_on, body.description,
                                           body.new_party_to_domain(), actor, c.contracts, c.now)
    return ContractOut.of(contract, c.today())


@router.post("/contracts/{contract_id}/income-verifications", status_code=201, response_model=VerificationOut,
             **allow(*REGISTRARS))
async def verify_income(contract_id: ContractId, body: schemas.IncomeIn, actor: Acting, c: ContainerDep
                        ) -> VerificationOut:
    verification = await records.verify_income(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now,
                                               body.on)
    return VerificationOut.model_validate(verification, from_attributes=True)


@router.post("/contracts/{contract_id}/rewards", status_code=201, response_model=RewardSlipOut, **allow(*REGISTRARS))
async def issue_reward(contract_id: ContractId, body: schemas.RewardIn, actor: Acting, c: ContainerDep
                       ) -> RewardSlipOut:
    slip = await records.issue_reward(contract_id, body.to_domain(), actor, c.contracts, c.today, c.now, body.on)
    return RewardSlipOut.model_validate(slip, from_attributes=True)


@router.get("/contracts/{contract_id}/invoice", response_model=InvoiceOut, **allow(*REGISTRARS, employer=OWN_UNIT))
async def invoice(contract_id: ContractId, actor: Acting, c: ContainerDep) -> InvoiceOut:
    lines, total = await queries.invoice(contract_id, actor, c.contracts, c.units)
    return InvoiceOut.model_validate({"contract_id": contract_id, "lines": lines, "total": total},
                                     from_attributes=True)


@router.get("/contracts/{contract_id}/tax-relief", response_model=TaxReliefOut,
            **allow(*REGISTRARS, employer=OWN_UNIT))
async def tax_relief(contract_id: ContractId, actor: Acting, c: ContainerDep) -> TaxReliefOut:
    bundle = await queries.tax_relief(contract_id, actor, c.contracts, c.units)
    return TaxReliefOut.of(contract_id, bundle, c.today())
