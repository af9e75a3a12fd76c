"""An application for certification and registration (技术合同认定登记申请)."""
from __future__ import annotations

import uuid

from services.contracts.application.ports import Contracts, Now, Today, Units
from services.contracts.domain import submission
from services.contracts.domain.contract import Contract, Kind, has_party
from services.contracts.domain.roles import Actor
from services.contracts.domain.rules import refused


async def is_party(contract: Contract, employer_id: str, units: Units) -> bool:
    unit = await units.get(employer_id)
    return unit is not None and has_party(contract, unit.uscc)


async def is_buyer(contract: Contract, actor: Actor, units: Units) -> bool:
    unit = await units.get(actor.employer_id)
    return unit is not None and contract.buyer.uscc == unit.uscc


async def submit_application(data: submission.ApplicationInput, actor: Actor, contracts: Contracts, units: Units,
                             today: Today, now: Now) -> Contract:
    """Accepted for review; an intermediary's main contract must be on record here; an employer user files only
    where its own unit is the seller, buyer or intermediary (a unit not known from registry's events proves nothing).

    The parties' USCCs are not checked against registry's units: the regulation asks only that a contract be
    registered in the seller's locality (第三条), not that the seller or buyer be registered for social insurance
    here — a university, an institute or an out-of-town buyer is a party that registry may never announce. The
    USCC's check character is checked (GB 32100), and the filer's own unit must be known."""
    main_on_record = await contracts.is_on_record(data.main_contract_number)
    contract = submission.submit(str(uuid.uuid4()), data, actor.stamp(now()), today(), main_on_record)
    if actor.employer_id is not None and not await is_party(contract, actor.employer_id, units):
        raise refused("an employer user files only contracts its own unit is a party to (seller, buyer or "
                      "intermediary)", "own-unit-is-a-party", field_path="X-Civic-Employer")
    if actor.employer_id is not None and contract.kind is Kind.FILING and not await is_buyer(contract, actor, units):
        raise refused("a contract whose seller is outside Beijing is filed (备案) by its buyer", "buyer-files",
                      field_path="X-Civic-Employer", article="第十五条")
    await contracts.add(contract)
    return contract
