"""Response bodies: the domain's records as the API shows them, field for field (amounts as strings with 2 places,
ratios as decimal strings, dates ISO, enums as their values), read from the records' attributes
(`model_validate(record, from_attributes=True)`)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, model_validator

from services.contracts.adapters.schemas import Check, Flags, Party
from services.contracts.domain import review, rewards
from services.contracts.domain.contract import Appeal, Contract, Kind, Status
from services.contracts.domain.kinds import ContractForm, ContractType, Material, RefusalReason
from services.contracts.domain.records import CostKind, RewardParty
from services.contracts.domain.roles import Role, Stamp
from shared.numbers import Money, Ratio


class StampOut(BaseModel):
    user: str
    role: Role
    at: datetime


class ReviewOut(BaseModel):
    checklist: list[Check]
    materials_checked: list[Material]
    by: StampOut


class RefusalOut(BaseModel):
    reasons: list[RefusalReason]
    note: str
    by: StampOut
    on: date


class AppealOut(BaseModel):
    """第十四条 复核: `decided_by` is the deciding user's id; the role and time they decided in are fields of their
    own (`decided_by_role`, `decided_at`)."""

    grounds: str
    requested_by: StampOut
    outcome: str | None = None
    note: str = ""
    decided_by: str | None = None
    decided_by_role: Role | None = None
    decided_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_record(cls, value: Any) -> Any:
        """The domain's `Appeal` keeps the decision's stamp whole; the answer splits it."""
        if not isinstance(value, Appeal):
            return value
        stamp: Stamp | None = value.decided_by
        return {"grounds": value.grounds, "requested_by": StampOut.model_validate(value.requested_by,
                                                                                  from_attributes=True),
                "outcome": value.outcome, "note": value.note, "decided_by": stamp and stamp.user,
                "decided_by_role": stamp and stamp.role, "decided_at": stamp and stamp.at}


class ChangeOut(BaseModel):
    kind: str
    effective_on: date
    description: str
    by: StampOut
    new_party: Party | None = None


class CostItemOut(BaseModel):
    kind: CostKind
    amount: Money
    description: str = ""
    subject_direct_cost: bool = False


class VerificationOut(BaseModel):
    id: str
    verified_on: date
    performed_on: date | None = None
    total: Money
    non_technical_costs: list[CostItemOut]
    costs: Money
    technical_transaction_amount: Money
    technical_income: Money
    capped: bool
    buyer_confirmed: bool
    by: StampOut


class RewardSlipOut(BaseModel):
    id: str
    party: RewardParty
    base: Money
    ratio: Ratio
    amount: Money
    processing_fee: Money
    issued_on: date
    by: StampOut
    verification_id: str | None = None
    profit_year: int | None = None


class HoldOut(BaseModel):
    reason: str
    since: date
    from_status: Status
    resumed_on: date | None = None
    resumed_by: StampOut | None = None
    resumption_note: str = ""


class PartyNoteOut(BaseModel):
    uscc: str
    role: str
    reason: str
    forced: bool
    on: date
    event_id: str


class ContractOut(BaseModel):
    id: str
    kind: Kind
    form: ContractForm
    contract_type: ContractType
    title: str
    seller: Party
    buyer: Party
    amount: Money
    signed_on: date
    effective_on: date
    expiry_on: date | None
    flags: Flags
    registrar_code: str
    materials: list[Material]
    required_materials: list[Material]
    submitted_by: StampOut
    accepted_on: date
    decision_due: date
    status: Status
    intermediary: Party | None
    main_contract_number: str | None
    type_details: dict[str, str]
    review: ReviewOut | None
    required_sign_offs: list[Role]
    sign_offs: list[StampOut]
    refusal: RefusalOut | None
    appeals: list[AppealOut]
    registration_number: str | None
    registered_on: date | None
    changes: list[ChangeOut]
    verifications: list[VerificationOut]
    rewards: list[RewardSlipOut]
    hold: HoldOut | None
    party_notes: list[PartyNoteOut]
    overdue: bool = False
    """Past the 30-day decision deadline and still undecided, on the day asked."""

    @classmethod
    def of(cls, contract: Contract, today: date) -> "ContractOut":
        view = cls.model_validate(contract, from_attributes=True)
        return view.model_copy(update={"overdue": review.is_overdue(contract, today)})


class InvoiceLineOut(BaseModel):
    item: str
    basis: str
    amount: Money


class InvoiceOut(BaseModel):
    contract_id: str
    lines: list[InvoiceLineOut]
    total: Money


class TaxReliefOut(BaseModel):
    """第二十一条: whether the three documents tax relief needs are there, and each one that is. The documents are
    fields of their own (`missing` names those still to come), not an object called `documents` (elsewhere a
    list of document names)."""

    contract_id: str
    complete: bool
    missing: list[str]
    registered_contract: ContractOut | None
    income_verification: VerificationOut | None
    reward_slip: RewardSlipOut | None

    @classmethod
    def of(cls, contract_id: str, bundle: rewards.TaxBundle, today: date) -> "TaxReliefOut":
        return cls.model_validate(
            {"contract_id": contract_id, "complete": not bundle.missing, "missing": list(bundle.missing),
             "registered_contract": bundle.contract and ContractOut.of(bundle.contract, today),
             "income_verification": bundle.verification, "reward_slip": bundle.reward_slip}, from_attributes=True)
