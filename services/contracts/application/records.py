"""What is kept on a registered contract: changes (第十六条, notified to tax), income verifications (第十七条) and
reward slips (第二十二条)."""
from __future__ import annotations

import uuid
from datetime import date

from services.contracts.application.ports import CONTRACT, Contracts, Now, Today
from services.contracts.domain import changes, income, publication, rewards
from services.contracts.domain.contract import Contract, Party
from services.contracts.domain.records import RewardSlip, Verification
from services.contracts.domain.roles import Actor
from services.contracts.domain.rules import act_date
from shared.usecase import change


async def record_change(contract_id: str, kind: changes.ChangeKind, effective_on: date, description: str,
                        new_party: Party | None, actor: Actor, contracts: Contracts, now: Now) -> Contract:
    def decide(contract: Contract):
        contract = changes.record_change(contract, kind, effective_on, description, actor.stamp(now()), new_party)
        return contract, [publication.changed(contract, contract.changes[-1])]

    return await change(contracts, contract_id, decide, what=CONTRACT)


def recorded_on(contract: Contract, on: date | None, today: Today) -> date:
    """The day a record on a registered contract is made: today in Beijing, or the day the officer records (never
    before the registration)."""
    return act_date(on, today(), not_before=contract.registered_on, what="the contract's registration")


async def verify_income(contract_id: str, data: income.IncomeInput, actor: Actor, contracts: Contracts,
                        today: Today, now: Now, on: date | None = None) -> Verification:
    def decide(contract: Contract):
        contract, verification = income.verify(contract, str(uuid.uuid4()), data, actor.stamp(now()),
                                               recorded_on(contract, on, today))
        return contract, [publication.income_verified(contract, verification)]

    return (await change(contracts, contract_id, decide, what=CONTRACT)).verifications[-1]


async def issue_reward(contract_id: str, data: rewards.RewardInput, actor: Actor, contracts: Contracts,
                       today: Today, now: Now, on: date | None = None) -> RewardSlip:
    def decide(contract: Contract):
        contract, _ = rewards.issue_reward(contract, str(uuid.uuid4()), data, actor.stamp(now()),
                                           recorded_on(contract, on, today))
        return contract, []

    return (await change(contracts, contract_id, decide, what=CONTRACT)).rewards[-1]
