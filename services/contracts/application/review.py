"""Registrar review, sign-off (第六条), the registration number, and the appeal (复核, 第十四条)."""
from __future__ import annotations

from datetime import date

from services.contracts.application.ports import CONTRACT, Contracts, Now, Today
from services.contracts.domain import publication, review
from services.contracts.domain.contract import Contract
from services.contracts.domain.roles import Actor
from services.contracts.domain.rules import act_date
from shared.events import Event
from shared.usecase import change, without_events


def decided_on(contract: Contract, on: date | None, today: Today) -> date:
    """The day of a decision on the application: today in Beijing, or the day the officer records."""
    return act_date(on, today(), not_before=contract.accepted_on, what="the application's acceptance")


async def review_application(contract_id: str, decision: review.Decision, actor: Actor, contracts: Contracts,
                             today: Today, now: Now, on: date | None = None) -> Contract:
    async def decide(contract: Contract) -> tuple[Contract, list[Event]]:
        day = decided_on(contract, on, today)
        return await _registered_when_signed(review.decide(contract, decision, actor, actor.stamp(now()), day),
                                             contracts, day)

    return await change(contracts, contract_id, decide, what=CONTRACT)


async def sign_off(contract_id: str, actor: Actor, contracts: Contracts, today: Today, now: Now,
                   on: date | None = None) -> Contract:
    async def decide(contract: Contract) -> tuple[Contract, list[Event]]:
        day = decided_on(contract, on, today)
        return await _registered_when_signed(review.sign_off(contract, actor.stamp(now())), contracts, day)

    return await change(contracts, contract_id, decide, what=CONTRACT)


async def _registered_when_signed(contract: Contract, contracts: Contracts, today: date
                                  ) -> tuple[Contract, list[Event]]:
    """The number is claimed only once every signature is there (a lost race after this leaves a gap); the outcome
    (registered or refused) is announced."""
    if review.ready_to_register(contract):
        contract = review.register(contract, await contracts.allocate_number(contract, today), today)
    return contract, publication.outcome_events(contract)


async def resume(contract_id: str, note: str, actor: Actor, contracts: Contracts, today: Today, now: Now,
                 on: date | None = None) -> Contract:
    """A held application (its seller deregistered) goes on where it stood, its 30 days unchanged."""
    decide = without_events(lambda contract: review.resume(contract, note, actor.stamp(now()),
                                                           decided_on(contract, on, today)))
    return await change(contracts, contract_id, decide, what=CONTRACT)


async def appeal(contract_id: str, grounds: str, actor: Actor, contracts: Contracts, now: Now) -> Contract:
    decide = without_events(lambda contract: review.request_appeal(contract, grounds, actor.stamp(now())))
    return await change(contracts, contract_id, decide, what=CONTRACT)


async def decide_appeal(contract_id: str, overturned: bool, note: str, actor: Actor, contracts: Contracts,
                        today: Today, now: Now, on: date | None = None) -> Contract:
    """Overturned: the application is accepted again on the day of the decision, a new 30 days."""
    decide = without_events(lambda contract: review.decide_appeal(
        contract, overturned, note, actor.stamp(now()), decided_on(contract, on, today)))
    return await change(contracts, contract_id, decide, what=CONTRACT)
