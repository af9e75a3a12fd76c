"""An application for certification and registration (技术合同认定登记申请)."""
from __future__ import annotations

import uuid

from services.contracts.application.ports import Contracts, Now, Today
from services.contracts.domain import submission
from services.contracts.domain.contract import Contract
from services.contracts.domain.roles import Actor


async def submit_application(data: submission.ApplicationInput, actor: Actor, contracts: Contracts, today: Today,
                             now: Now) -> Contract:
    """Accepted for review; an intermediary's main contract must be on record here."""
    main_on_record = await contracts.is_on_record(data.main_contract_number)
    contract = submission.submit(str(uuid.uuid4()), data, actor.stamp(now()), today(), main_on_record)
    await contracts.add(contract)
    return contract
