"""Use cases with the in-memory repository: the number is claimed only once every signature is there; a unit's
newest USCC is kept."""
from dataclasses import replace

from services.contracts.application import registration_events, review
from services.contracts.domain.kinds import RefusalReason
from services.contracts.domain.roles import Actor, Role
from services.contracts.domain.units import Unit
from shared.events import Envelope
from shared.events.registry import EmployerChanged
from tests.services.contracts.domain.factory import AT, HEAD, REGISTRAR, TODAY, register_decision, submitted
from tests.support.fakes import InMemoryRepository


class InMemoryContracts(InMemoryRepository):
    """Numbers 1, 2, 3 … of the contract's year and registrar, counted."""

    allocations = 0

    async def allocate_number(self, contract, today):
        self.allocations += 1
        return f"{today.year}-{contract.registrar_code}-{self.allocations:06d}"


def types(saved):
    return [[event.type for event in events] for events in saved]


async def test_a_1_million_contract_gets_its_number_and_event_only_after_the_heads_signature():
    contract = submitted(amount="1000000.00")
    contracts = InMemoryContracts(contract)
    pending = await review.review_application(contract.id, register_decision(contract), REGISTRAR, contracts,
                                              lambda: TODAY, lambda: AT)
    assert pending.registration_number is None and contracts.allocations == 0 and types(contracts.saved) == [[]]
    done = await review.sign_off(contract.id, HEAD, contracts, lambda: TODAY, lambda: AT)
    assert done.registration_number == "2026-110108-000001" and contracts.allocations == 1
    assert types(contracts.saved)[-1] == ["contracts.contract.registered"]


async def test_a_refusal_publishes_refused_and_claims_no_number():
    contract = submitted()
    contracts = InMemoryContracts(contract)
    refusal = replace(register_decision(contract), register=False, reasons=(RefusalReason.NOT_A_TECHNOLOGY_CONTRACT,))
    await review.review_application(contract.id, refusal, Actor("w", Role.REGISTRAR), contracts, lambda: TODAY,
                                    lambda: AT)
    assert types(contracts.saved) == [["contracts.contract.refused"]] and contracts.allocations == 0


async def test_a_unit_is_learnt_and_its_newest_uscc_wins():
    units = InMemoryRepository(key=lambda unit: unit.employer_id)
    for uscc in ("91110108551385082Q", "91110105MA01ABCD13"):
        event = EmployerChanged(employer_id="e-1", uscc=uscc, changes={"uscc": uscc}, changed_on=TODAY)
        await registration_events.unit_known(event, Envelope.wrap(event, source="/civic/registry"), units)
    assert units.aggregates() == [Unit("e-1", "91110105MA01ABCD13")]
