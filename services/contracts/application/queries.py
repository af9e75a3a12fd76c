"""What a caller may read: classified contracts for registrars only (第十二条), an employer user's unit only its
own (404 otherwise: another unit's contract is not admitted to exist; a listing leaves them out), the overdue list
for registrars."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.contracts.application.ports import CONTRACT, ContractFilter, Contracts, Page, Today, Units
from services.contracts.domain import rewards
from services.contracts.domain.contract import Contract, concerns_unit, visible_to
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Role, is_registrar, require_role
from shared.errors import NotFound


async def visible_contract(contract_id: str, actor: Actor, contracts: Contracts, units: Units) -> Contract:
    contract = await contracts.get(contract_id)
    if contract is not None and visible_to(contract, is_registrar(actor)) \
            and await concerns_actor(contract, actor, units):
        return contract
    raise NotFound(f"no {CONTRACT} {contract_id}")


async def concerns_actor(contract: Contract, actor: Actor, units: Units) -> bool:
    """Officers see every contract; an employer user only its unit's (a party) or what it submitted itself."""
    if actor.role is not Role.APPLICANT or actor.employer_id is None:
        return True  # officers; in development an applicant acting without a unit binding
    unit = await units.get(actor.employer_id)
    return concerns_unit(contract, unit and unit.uscc, actor.user)


async def contract_page(filters: ContractFilter, actor: Actor, contracts: Contracts, units: Units, page: int,
                        size: int) -> Page[Contract]:
    """The contracts matching the caller's filters. An employer user sees only its unit's contracts (a party) and
    what it filed itself, whatever the filters ask; classified contracts only registrars (第十二条)."""
    if is_registrar(actor):
        return await contracts.listing(replace(filters, classified_too=True, scoped=False), page, size)
    unit = await units.get(actor.employer_id) if actor.employer_id else None
    scope = replace(filters, classified_too=False, scoped=True, party_uscc=unit and unit.uscc,
                    submitted_by=actor.user)
    return await contracts.listing(scope, page, size)


async def overdue_applications(actor: Actor, contracts: Contracts, today: Today, page: int, size: int,
                               on: date | None = None) -> Page[Contract]:
    """Undecided past the 30-day deadline on `on` (default: today in Beijing)."""
    require_role(actor, REGISTRAR_ROLES, "the overdue list")
    return await contracts.overdue(on or today(), page, size)


async def invoice(contract_id: str, actor: Actor, contracts: Contracts, units: Units
                  ) -> tuple[tuple[rewards.InvoiceLine, ...], Decimal]:
    """第二十三条 fees of a contract on record."""
    return rewards.invoice(await visible_contract(contract_id, actor, contracts, units))


async def tax_relief(contract_id: str, actor: Actor, contracts: Contracts, units: Units) -> rewards.TaxBundle:
    """第二十一条: the three documents tax relief needs, and which are still missing."""
    return rewards.tax_relief_bundle(await visible_contract(contract_id, actor, contracts, units))
