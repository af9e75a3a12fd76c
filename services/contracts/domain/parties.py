"""A party that stops existing: the employer behind a USCC was deregistered (注销社会保险登记).

The seller of an open application can no longer be the registered party → the application goes on hold with the
reason. A contract already on record keeps its registration (it was valid when registered) but carries a note the
registrar sees. Applied once per deregistration event.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.contracts.domain.contract import OPEN_STATUSES, Contract, Hold, PartyNote, Status


@dataclass(frozen=True)
class PartyDeregistered:
    uscc: str
    reason: str
    forced: bool
    on: date
    event_id: str


def roles_of(contract: Contract, uscc: str) -> tuple[str, ...]:
    parties = (("seller", contract.seller), ("buyer", contract.buyer), ("intermediary", contract.intermediary))
    return tuple(role for role, party in parties if party is not None and party.uscc == uscc)


def apply_deregistration(contract: Contract, gone: PartyDeregistered) -> Contract:
    """Notes for every role the unit plays; a hold when it is the seller of an open application."""
    if any(note.event_id == gone.event_id for note in contract.party_notes):
        return contract
    roles = roles_of(contract, gone.uscc)
    if not roles:
        return contract
    notes = tuple(PartyNote(gone.uscc, role, gone.reason, gone.forced, gone.on, gone.event_id) for role in roles)
    contract = replace(contract, party_notes=contract.party_notes + notes)
    if "seller" in roles and contract.status in OPEN_STATUSES:
        why = f"the seller (USCC {gone.uscc}) was deregistered on {gone.on.isoformat()} ({gone.reason}"
        why += ", forced)" if gone.forced else ")"
        contract = replace(contract, status=Status.ON_HOLD, hold=Hold(why, gone.on, contract.status))
    return contract
