"""Use cases: load → decide (domain) → save, under the contract's lock; events go out through the outbox."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from services.contracts.adapters.repository import ContractRepository
from services.contracts.adapters.units import UnitDirectory
from services.contracts.domain import changes, income, parties, publication, review, rewards, submission
from services.contracts.domain.contract import Contract, Party
from services.contracts.domain.records import RewardSlip, Verification
from services.contracts.domain.roles import Actor, Stamp
from shared.clock import Today
from shared.events import Envelope
from shared.events.registry import EmployerChanged, EmployerDeregistered, EmployerRegistered

Now = Callable[[], datetime]


def stamp_of(actor: Actor, now: Now) -> Stamp:
    return Stamp(actor.user, actor.role, now())


async def submit_application(data: submission.ApplicationInput, actor: Actor, contracts: ContractRepository,
                             today: Today, now: Now) -> Contract:
    main_on_record = await contracts.is_on_record(data.main_contract_number)
    contract = submission.submit(str(uuid.uuid4()), data, stamp_of(actor, now), today(), main_on_record)
    await contracts.add(contract)
    return contract


async def review_application(contract_id: str, decision: review.Decision, actor: Actor,
                             contracts: ContractRepository, today: Today, now: Now) -> Contract:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract = await _register_when_signed(review.decide(contract, decision, actor, stamp_of(actor, now)),
                                               contracts, today())
        await contracts.save(contract, publication.outcome_events(contract), loaded=loaded)
    return contract


async def sign_off(contract_id: str, actor: Actor, contracts: ContractRepository, today: Today, now: Now
                   ) -> Contract:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract = await _register_when_signed(review.sign_off(contract, stamp_of(actor, now)), contracts, today())
        await contracts.save(contract, publication.outcome_events(contract), loaded=loaded)
    return contract


async def _register_when_signed(contract: Contract, contracts: ContractRepository, today: date) -> Contract:
    """The number is claimed only once every signature is there (a lost race after this leaves a gap)."""
    if not review.ready_to_register(contract):
        return contract
    return review.register(contract, await contracts.allocate_number(contract, today), today)


async def appeal(contract_id: str, grounds: str, actor: Actor, contracts: ContractRepository, now: Now) -> Contract:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract = review.request_appeal(contract, grounds, stamp_of(actor, now))
        await contracts.save(contract, [], loaded=loaded)
    return contract


async def decide_appeal(contract_id: str, overturned: bool, note: str, actor: Actor, contracts: ContractRepository,
                        today: Today, now: Now) -> Contract:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract = review.decide_appeal(contract, overturned, note, stamp_of(actor, now), today())
        await contracts.save(contract, [], loaded=loaded)
    return contract


async def record_change(contract_id: str, kind: changes.ChangeKind, effective_on: date, description: str,
                        new_party: Party | None, actor: Actor, contracts: ContractRepository, now: Now) -> Contract:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract = changes.record_change(contract, kind, effective_on, description, stamp_of(actor, now), new_party)
        await contracts.save(contract, [publication.changed(contract, contract.changes[-1])], loaded=loaded)
    return contract


async def verify_income(contract_id: str, data: income.IncomeInput, actor: Actor, contracts: ContractRepository,
                        today: Today, now: Now) -> Verification:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract, verification = income.verify(contract, str(uuid.uuid4()), data, stamp_of(actor, now), today())
        await contracts.save(contract, [publication.income_verified(contract, verification)], loaded=loaded)
    return verification


async def issue_reward(contract_id: str, data: rewards.RewardInput, actor: Actor, contracts: ContractRepository,
                       today: Today, now: Now) -> RewardSlip:
    async with contracts.lock(contract_id):
        contract, loaded = await contracts.load(contract_id)
        contract, slip = rewards.issue_reward(contract, str(uuid.uuid4()), data, stamp_of(actor, now), today())
        await contracts.save(contract, [], loaded=loaded)
    return slip


async def party_deregistered(event: EmployerDeregistered, envelope: Envelope, contracts: ContractRepository) -> None:
    """registry.employer.deregistered: hold the unit's open applications as seller, note it on every contract."""
    gone = parties.PartyDeregistered(event.uscc, event.reason, event.forced, event.deregistered_on, envelope.id)
    for contract_id in await contracts.ids_with_party(event.uscc):
        async with contracts.lock(contract_id):
            contract, loaded = await contracts.load(contract_id)
            updated = parties.apply_deregistration(contract, gone)
            if updated != contract:
                await contracts.save(updated, [], loaded=loaded)


async def unit_known(event: EmployerRegistered | EmployerChanged, envelope: Envelope, units: UnitDirectory) -> None:
    """registry.employer.registered / changed: remember the unit's USCC, to scope what its users may read."""
    await units.record(event.employer_id, event.uscc)
