"""What the tax authority is told: events of a contract, stripped to id and type when it is classified."""
from __future__ import annotations

from services.contracts.domain.changes import ChangeKind, ends_contract
from services.contracts.domain.contract import ON_RECORD, ChangeRecord, Contract, Status
from services.contracts.domain.records import Verification
from shared.events.contracts import (ContractChanged, ContractRefused, ContractRegistered, ContractTerminated,
                                     IncomeVerified)
from shared.events.base import Event


def _publish(event_class: type[Event], contract: Contract, **details) -> Event:
    """Id and type always; the registration number and details only for unclassified contracts (第十二条)."""
    if contract.classified:
        return event_class(contract_id=contract.id, contract_type=contract.contract_type.value)
    return event_class(contract_id=contract.id, contract_type=contract.contract_type.value,
                       registration_number=contract.registration_number, **details)


def registered(contract: Contract) -> Event:
    return _publish(ContractRegistered, contract, kind=contract.kind.value, registered_on=contract.registered_on,
                    amount=str(contract.amount), seller_name=contract.seller.name, seller_uscc=contract.seller.uscc,
                    buyer_name=contract.buyer.name, buyer_uscc=contract.buyer.uscc,
                    government_project=contract.flags.government_project)


def refused(contract: Contract) -> Event:
    refusal = contract.refusal
    return _publish(ContractRefused, contract, reasons=[r.value for r in refusal.reasons], refused_on=refusal.on)


def changed(contract: Contract, record: ChangeRecord) -> Event:
    kind = ChangeKind(record.kind)
    if ends_contract(kind):
        return _publish(ContractTerminated, contract, termination_kind=kind.value, effective_on=record.effective_on)
    return _publish(ContractChanged, contract, change_kind=kind.value, effective_on=record.effective_on,
                    description=record.description)


def income_verified(contract: Contract, verification: Verification) -> Event:
    return _publish(IncomeVerified, contract, verification_id=verification.id, verified_on=verification.verified_on,
                    technical_transaction_amount=str(verification.technical_transaction_amount),
                    technical_income=str(verification.technical_income))


def outcome_events(contract: Contract) -> list[Event]:
    """After a review or sign-off: registered/filed or refused are published; a pending sign-off is not."""
    if contract.status is Status.REFUSED:
        return [refused(contract)]
    if contract.status in ON_RECORD:
        return [registered(contract)]
    return []
