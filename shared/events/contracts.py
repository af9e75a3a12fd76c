"""Events contracts publishes: technology-contract registration (技术合同认定登记), for the tax authority.

Each is a notification to the tax authority (第十六条 "及时通报税务机关"): contracts itself consumes them into the
tax authority's notification outbox, which the tax authority's system reads and acknowledges through the gateway
with its client credentials (`GET /api/v1/contracts/tax-notifications`). A classified contract (有密级) is never
described beyond its id and type: every other field is then left out (null), whatever the event, and so is it in
the notification.
Amounts are yuan with 2 decimals, as strings.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from shared.events.base import Event


class _ContractEvent(Event):
    producer: ClassVar[str] = "contracts"
    consumers: ClassVar[tuple[str, ...]] = ("contracts",)

    contract_id: str
    contract_type: str
    registration_number: str | None = None

    def subject(self) -> str:
        return self.contract_id


class ContractRegistered(_ContractEvent):
    """Registered (认定登记) or, for a seller outside Beijing, filed (备案) — `kind` says which."""

    type: ClassVar[str] = "contracts.contract.registered"

    kind: str | None = None
    registered_on: date | None = None
    amount: str | None = None
    seller_name: str | None = None
    seller_uscc: str | None = None
    buyer_name: str | None = None
    buyer_uscc: str | None = None
    government_project: bool | None = None


class ContractRefused(_ContractEvent):
    """Not registered, with the reason codes of 第十三条."""

    type: ClassVar[str] = "contracts.contract.refused"

    reasons: list[str] | None = None
    refused_on: date | None = None


class ContractChanged(_ContractEvent):
    """A change, payment extension or assignment recorded at the original registrar (第十六条)."""

    type: ClassVar[str] = "contracts.contract.changed"

    change_kind: str | None = None
    effective_on: date | None = None
    description: str | None = None


class ContractTerminated(_ContractEvent):
    """Terminated by the parties, revoked or declared invalid (第十六条): `termination_kind` says which."""

    type: ClassVar[str] = "contracts.contract.terminated"

    termination_kind: str | None = None
    effective_on: date | None = None


class IncomeVerified(_ContractEvent):
    """A technical-income verification (技术性收入核定) the tax authority needs for relief."""

    type: ClassVar[str] = "contracts.contract.income_verified"

    verification_id: str | None = None
    verified_on: date | None = None
    technical_transaction_amount: str | None = None
    technical_income: str | None = None
