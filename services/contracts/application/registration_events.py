"""registry's employer events: a deregistered party (held applications, noted contracts) and the units' USCCs."""
from __future__ import annotations

from services.contracts.application.ports import Contracts, Units
from services.contracts.domain import parties
from services.contracts.domain.units import Unit
from shared.errors import Conflict
from shared.events import Envelope
from shared.events.registry import EmployerChanged, EmployerDeregistered, EmployerRegistered
from shared.usecase import apply_once, change, without_events


async def party_deregistered(event: EmployerDeregistered, envelope: Envelope, contracts: Contracts) -> None:
    """The unit's open applications as seller are held (still on the overdue list, until a registrar resumes or
    refuses them); every contract it is a party to is noted."""
    gone = parties.PartyDeregistered(event.uscc, event.reason, event.forced, event.deregistered_on, envelope.id)
    decide = without_events(lambda contract: parties.apply_deregistration(contract, gone))
    for contract_id in await contracts.ids_with_party(event.uscc):
        await apply_once(contracts, contract_id, envelope.id, decide)


async def unit_known(event: EmployerRegistered | EmployerChanged, envelope: Envelope, units: Units) -> None:
    """The unit's USCC is remembered, to scope what its users may read and file.

    registry.employer.registered / changed; the newest event wins. Added first: a unit is new far more often than
    changed, so one write does it then."""
    unit = Unit(event.employer_id, event.uscc)
    try:
        await units.add(unit, caused_by=envelope.id)
    except Conflict:
        await change(units, unit.employer_id, without_events(lambda _: unit), what="unit")
