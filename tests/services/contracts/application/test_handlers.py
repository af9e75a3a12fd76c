"""Handlers with a fake repository: the number is claimed only once every signature is there."""
from contextlib import asynccontextmanager
from dataclasses import replace

from services.contracts.application import handlers
from services.contracts.domain.kinds import RefusalReason
from services.contracts.domain.roles import Actor, Role
from shared.store import Loaded
from tests.services.contracts.domain.factory import AT, HEAD, REGISTRAR, TODAY, register_decision, submitted


class FakeContracts:
    def __init__(self, contract):
        self.contract, self.saved_events, self.allocations = contract, [], 0

    @asynccontextmanager
    async def lock(self, contract_id):
        yield

    async def load(self, contract_id):
        return self.contract, Loaded(contract_id, {}, rev=1)

    async def save(self, contract, events, *, loaded):
        self.contract = contract
        self.saved_events.append([e.type for e in events])

    async def allocate_number(self, contract, today):
        self.allocations += 1
        return f"{today.year}-{contract.registrar_code}-{self.allocations:06d}"


async def test_a_1_million_contract_gets_its_number_and_event_only_after_the_heads_signature():
    contracts = FakeContracts(submitted(amount="1000000.00"))
    decision = register_decision(contracts.contract)
    pending = await handlers.review_application("c1", decision, REGISTRAR, contracts, lambda: TODAY, lambda: AT)
    assert pending.registration_number is None and contracts.allocations == 0 and contracts.saved_events == [[]]
    done = await handlers.sign_off("c1", HEAD, contracts, lambda: TODAY, lambda: AT)
    assert done.registration_number == "2026-110108-000001" and contracts.allocations == 1
    assert contracts.saved_events[-1] == ["contracts.contract.registered"]


async def test_a_refusal_publishes_refused_and_claims_no_number():
    contracts = FakeContracts(submitted())
    decision = register_decision(contracts.contract)
    refusal = replace(decision, register=False, reasons=(RefusalReason.NOT_A_TECHNOLOGY_CONTRACT,))
    await handlers.review_application("c1", refusal, Actor("w", Role.REGISTRAR), contracts, lambda: TODAY,
                                      lambda: AT)
    assert contracts.saved_events == [["contracts.contract.refused"]] and contracts.allocations == 0
