"""Request bodies, separate from the domain and from the stored documents. Amounts: strings or numbers of yuan.
`Party`, `Flags` and `Check` are also parts of the responses (`responses.py`)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.contracts.domain import contract as domain, income, review, rewards
from services.contracts.domain.changes import ChangeKind
from services.contracts.domain.kinds import ContractForm, ContractType, Material, PatentSubject, RefusalReason
from services.contracts.domain.records import CostKind, RewardParty
from services.contracts.domain.submission import ApplicationInput
from shared.params import FIRST_YEAR, LAST_YEAR
from shared.schemas import RequestBody

Amount = str | int | float

ON_TODAY = "today in Beijing when left out"


def on_field(what: str):
    """The business date of the act (docs/api.md "Dates"): optional, today in Beijing by default."""
    return Field(None, description=f"{what}; {ON_TODAY}. Never after today.")


class Party(BaseModel):
    name: str = Field(max_length=200)
    uscc: str | None = Field(None, description="统一社会信用代码; leave out for a foreign party")
    foreign_country: str | None = None
    foreign_id: str | None = None

    def to_domain(self) -> domain.Party:
        return domain.Party(self.name, self.uscc.strip().upper() if self.uscc else None, self.foreign_country,
                     self.foreign_id)


class Flags(BaseModel):
    government_project: bool = False
    classified: bool = False
    needs_production_licence: bool = False
    foreign_seller_via_agent: bool = False
    internal_department: bool = False
    agricultural_service: bool = False
    open_ended: bool = False


class ApplicationIn(RequestBody):
    form: ContractForm
    content_type: ContractType | None = Field(None, description="for technology contracting / property-rights trading")
    patent_subject: PatentSubject = PatentSubject.NONE
    title: str = Field(max_length=300)
    seller: Party
    buyer: Party
    intermediary: Party | None = None
    main_contract_number: str | None = None
    seller_in_beijing: bool
    amount: Amount
    signed_on: date
    effective_on: date
    expiry_on: date | None = None
    registrar_code: str = Field(description="the registrar's Beijing district code, e.g. 110108")
    flags: Flags = Flags()
    materials: list[Material] = []
    type_details: dict[str, str] = Field({}, description="development: rd_goal; transfer: ip_kind "
                                         "(patent | technical_secret | other_ip), ip_ownership; consulting: "
                                         "consulting_question; service: technical_problem, quality_indicators")
    on: date | None = on_field("the day of formal acceptance (正式受理; the 30 days of 第六条 run from it): a "
                               "registrar records an earlier paper application's day")

    def to_domain(self) -> ApplicationInput:
        return ApplicationInput(
            form=self.form, title=self.title, seller=self.seller.to_domain(), buyer=self.buyer.to_domain(),
            seller_in_beijing=self.seller_in_beijing, amount=self.amount, signed_on=self.signed_on,
            effective_on=self.effective_on, expiry_on=self.expiry_on, registrar_code=self.registrar_code,
            content_type=self.content_type, patent_subject=self.patent_subject,
            intermediary=self.intermediary.to_domain() if self.intermediary else None,
            main_contract_number=self.main_contract_number, flags=domain.Flags(**self.flags.model_dump()),
            materials=tuple(self.materials), type_details=dict(self.type_details), on=self.on)


class Check(BaseModel):
    criterion: str
    passed: bool
    note: str = ""


class ReviewIn(RequestBody):
    decision: str = Field(pattern="^(register|refuse)$")
    checklist: list[Check]
    materials_checked: list[Material] = []
    reasons: list[RefusalReason] = []
    note: str = ""
    on: date | None = on_field("the day of the decision (a refusal's date; a registration's, when no signature "
                               "is needed)")

    def to_domain(self) -> review.Decision:
        return review.Decision(self.decision == "register",
                               tuple(domain.CriterionCheck(c.criterion, c.passed, c.note) for c in self.checklist),
                               tuple(self.materials_checked), tuple(self.reasons), self.note)


class SignOffIn(RequestBody):
    on: date | None = on_field("the day of the signature (the registration's, when it is the last one)")


class ResumptionIn(RequestBody):
    note: str = Field(max_length=2000, description="why the application goes on although its seller was deregistered")
    on: date | None = on_field("the day of the resumption")


class AppealIn(RequestBody):
    grounds: str


class AppealDecisionIn(RequestBody):
    outcome: str = Field(pattern="^(upheld|overturned)$")
    note: str = ""
    on: date | None = on_field("the day of the decision (overturned: the new 30 days run from it)")

    @property
    def overturned(self) -> bool:
        return self.outcome == "overturned"


class ChangeIn(RequestBody):
    kind: ChangeKind
    effective_on: date
    description: str
    new_party: Party | None = None

    def new_party_to_domain(self) -> domain.Party | None:
        return self.new_party and self.new_party.to_domain()


class CostIn(RequestBody):
    kind: CostKind
    amount: Amount
    description: str = ""
    subject_direct_cost: bool = Field(False, description="合理数量标的物的直接成本: not deducted")


class IncomeIn(RequestBody):
    performed_on: date | None = Field(None, description="the day the contract was performed (兑现, 第十七条): "
                                      "technical income is verified only after it, never before the contract took "
                                      "effect")
    total: Amount
    costs: Amount
    non_technical_costs: list[CostIn] = []
    buyer_confirmed: bool = False
    valuation: Amount | None = None
    dividends: Amount | None = None
    on: date | None = on_field("the day of the verification")

    def to_domain(self) -> income.IncomeInput:
        items = tuple(income.CostInput(c.kind, c.amount, c.description, c.subject_direct_cost)
                      for c in self.non_technical_costs)
        return income.IncomeInput(self.total, self.costs, items, self.buyer_confirmed, self.valuation, self.dividends,
                                  self.performed_on)


class RewardIn(RequestBody):
    party: RewardParty
    ratio: Amount = Field(description="a fraction as a number or a decimal string: 0.25 = 25 %")
    verification_id: str | None = Field(None, max_length=64)
    new_profit: Amount | None = None
    profit_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    on: date | None = on_field("the day the slip is issued")

    def to_domain(self) -> rewards.RewardInput:
        return rewards.RewardInput(self.party, self.ratio, self.verification_id, self.new_profit, self.profit_year)
