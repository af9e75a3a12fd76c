"""The technology contract (技术合同): from application, through review, to the registered record."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.contracts.domain.kinds import ContractForm, ContractType, Material, RefusalReason
from services.contracts.domain.records import RewardSlip, Verification
from services.contracts.domain.roles import Role, Stamp


class Status(StrEnum):
    UNDER_REVIEW = "under_review"            # formally accepted, awaiting the registrar's decision
    AWAITING_SIGN_OFF = "awaiting_sign_off"  # the registrar would register; a head / director must sign
    REGISTERED = "registered"                # 认定登记
    FILED = "filed"                          # 备案 (seller outside Beijing)
    REFUSED = "refused"                      # 不予登记
    UNDER_APPEAL = "under_appeal"            # 复核 requested at the management office
    TERMINATED = "terminated"                # 解除
    REVOKED = "revoked"                      # 被有关机关撤销
    INVALIDATED = "invalidated"              # 被宣布无效
    ON_HOLD = "on_hold"                      # the seller was deregistered while the application was open


OPEN_STATUSES = (Status.UNDER_REVIEW, Status.AWAITING_SIGN_OFF)
UNDECIDED = OPEN_STATUSES + (Status.ON_HOLD,)
"""Awaiting the registrar's decision: a held application too — the hold does not stop 第六条's 30 days."""
ON_RECORD = (Status.REGISTERED, Status.FILED)


class Kind(StrEnum):
    REGISTRATION = "registration"  # 认定登记, in the seller's locality
    FILING = "filing"              # 备案 by the buyer when the seller is outside Beijing (第十五条)


@dataclass(frozen=True)
class Party:
    """A party by USCC (统一社会信用代码) or, for a foreign party, by country and identity."""

    name: str
    uscc: str | None = None
    foreign_country: str | None = None
    foreign_id: str | None = None


@dataclass(frozen=True)
class Flags:
    government_project: bool = False        # 承担政府项目
    classified: bool = False                # 有密级
    needs_production_licence: bool = False  # 投产前需审批或生产许可
    foreign_seller_via_agent: bool = False  # 境外卖方委托本市机构 (第十条)
    internal_department: bool = False       # 内部职能机构或课题组订立
    agricultural_service: bool = False      # 直接为农业生产服务 (奖酬金 ≤ 50 %)
    open_ended: bool = False                # 无期限或自动延续 (第十九条)


@dataclass(frozen=True)
class CriterionCheck:
    criterion: str
    passed: bool
    note: str = ""


@dataclass(frozen=True)
class Review:
    checklist: tuple[CriterionCheck, ...]
    materials_checked: tuple[Material, ...]
    by: Stamp


@dataclass(frozen=True)
class Refusal:
    reasons: tuple[RefusalReason, ...]
    note: str
    by: Stamp
    on: date


@dataclass(frozen=True)
class Appeal:
    grounds: str
    requested_by: Stamp
    outcome: str | None = None  # "upheld" (refusal stands) or "overturned" (back to review)
    note: str = ""
    decided_by: Stamp | None = None


@dataclass(frozen=True)
class ChangeRecord:
    kind: str
    effective_on: date
    description: str
    by: Stamp
    new_party: Party | None = None


@dataclass(frozen=True)
class PartyNote:
    """A party of this contract was deregistered (注销): the unit no longer exists. Visible to the registrar."""

    uscc: str
    role: str  # seller / buyer / intermediary
    reason: str
    forced: bool
    on: date
    event_id: str  # the deregistration event's id: a redelivery never adds a second note


@dataclass(frozen=True)
class Hold:
    """An open application put on hold because its seller was deregistered; `from_status` is where it stood. A
    registrar who finds the seller still able to contract (注销社会保险登记 is not the end of the legal person, or a
    successor took the contract over) resumes it with a note; the hold stays on the record."""

    reason: str
    since: date
    from_status: Status
    resumed_on: date | None = None
    resumed_by: Stamp | None = None
    resumption_note: str = ""


@dataclass(frozen=True)
class Contract:
    id: str
    kind: Kind
    form: ContractForm
    contract_type: ContractType
    title: str
    seller: Party
    buyer: Party
    amount: Decimal
    signed_on: date
    effective_on: date
    expiry_on: date | None
    flags: Flags
    registrar_code: str
    materials: tuple[Material, ...]
    required_materials: tuple[Material, ...]
    submitted_by: Stamp
    accepted_on: date
    decision_due: date
    status: Status = Status.UNDER_REVIEW
    intermediary: Party | None = None
    main_contract_number: str | None = None
    type_details: dict[str, str] = field(default_factory=dict)
    review: Review | None = None
    required_sign_offs: tuple[Role, ...] = ()
    sign_offs: tuple[Stamp, ...] = ()
    refusal: Refusal | None = None
    appeals: tuple[Appeal, ...] = ()
    registration_number: str | None = None
    registered_on: date | None = None
    changes: tuple[ChangeRecord, ...] = ()
    verifications: tuple[Verification, ...] = ()
    rewards: tuple[RewardSlip, ...] = ()
    hold: Hold | None = None
    party_notes: tuple[PartyNote, ...] = ()

    @property
    def classified(self) -> bool:
        return self.flags.classified

    @property
    def foreign_seller(self) -> bool:
        return self.seller.uscc is None


def visible_to(contract: Contract, is_registrar: bool) -> bool:
    """第十二条 特别保密措施: a classified contract is visible to registrar roles only."""
    return is_registrar or not contract.classified


def has_party(contract: Contract, unit_uscc: str | None) -> bool:
    """The unit is the contract's seller, buyer or intermediary."""
    parties = (contract.seller, contract.buyer, contract.intermediary)
    return unit_uscc is not None and any(p is not None and p.uscc == unit_uscc for p in parties)


def concerns_unit(contract: Contract, unit_uscc: str | None, user: str) -> bool:
    """An employer user's own record: its unit is the seller, buyer or intermediary, or the user submitted it."""
    return has_party(contract, unit_uscc) or contract.submitted_by.user == user
