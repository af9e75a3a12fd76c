"""Valid applications and contracts for the domain tests (only what a test changes is spelled out there)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from services.contracts.domain import review, submission
from services.contracts.domain.contract import Contract, CriterionCheck, Flags, Party
from services.contracts.domain.kinds import CRITERIA, TYPE_DETAILS, ContractForm, registered_type
from services.contracts.domain.roles import Actor, Role, Stamp

TODAY = date(2026, 11, 20)
AT = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)
SELLER = Party("北京海淀科技有限公司", uscc="91110108551385082Q")
BUYER = Party("北京朝阳制造有限公司", uscc="91110105MA01ABCD13")
FOREIGN = Party("Acme GmbH", foreign_country="DE", foreign_id="HRB 12345")
OUT_OF_TOWN = Party("上海浦东科技有限公司", uscc="91310115MA1FL0AB0P")  # registered in 浦东, Shanghai
CITY_LEVEL = Party("北京市属科技有限公司", uscc="91110000MA01XY71A5")  # registered by the municipal authority
OLD_DISTRICT = Party("北京崇文科技有限公司", uscc="91110103MA01ABC2D0")  # 崇文, merged into 东城 (110101) in 2010
REGISTRAR = Actor("wang", Role.REGISTRAR)
HEAD = Actor("li", Role.REGISTRAR_HEAD)
DIRECTOR = Actor("zhao", Role.OFFICE_DIRECTOR)


def stamp(actor: Actor) -> Stamp:
    return Stamp(actor.user, actor.role, AT)


def application(**changes) -> submission.ApplicationInput:
    base = submission.ApplicationInput(
        form=ContractForm.DEVELOPMENT, title="新型电池材料技术开发合同", seller=SELLER, buyer=BUYER,
        seller_in_beijing=True, amount="500000.00", signed_on=date(2026, 10, 1), effective_on=date(2026, 10, 8),
        expiry_on=date(2027, 10, 7), registrar_code="110108", materials=tuple(submission.required_materials(
            ContractForm.DEVELOPMENT, internal_department=False, government_project=False,
            needs_production_licence=False, foreign_seller_via_agent=False, classified=False)))
    data = replace(base, **changes)
    if "type_details" in changes:
        return data
    return replace(data, type_details=details_for(registered_type(data.form, data.content_type)))


def details_for(contract_type) -> dict[str, str]:
    """Plausible type-specific fields (the transfer's IP kind is a technical secret)."""
    if contract_type is None:
        return {}
    return {name: "technical_secret" if name == "ip_kind" else f"{name} 说明" for name in TYPE_DETAILS[contract_type]}


def submitted(main_on_record: bool = False, **changes) -> Contract:
    return submission.submit("c1", application(**changes), stamp(Actor("party", Role.APPLICANT)), TODAY,
                             main_on_record)


def filing(**changes) -> Contract:
    """A Shanghai seller's contract, filed (备案) by the Beijing buyer at the registrar of the buyer's district."""
    return submitted(**({"seller": OUT_OF_TOWN, "seller_in_beijing": False, "registrar_code": "110105"} | changes))


def passing(contract: Contract) -> tuple[CriterionCheck, ...]:
    return tuple(CriterionCheck(c, True) for c in CRITERIA[contract.contract_type])


def register_decision(contract: Contract) -> review.Decision:
    return review.Decision(True, passing(contract), contract.required_materials)


def registered(number: str = "2026-110108-000001", flags: Flags = Flags(), **changes) -> Contract:
    """A contract that went through review, every sign-off and registration."""
    contract = submitted(flags=flags, **changes)
    contract = review.decide(contract, register_decision(contract), REGISTRAR, stamp(REGISTRAR))
    for role in contract.required_sign_offs:
        contract = review.sign_off(contract, Stamp(role.value, role, AT))
    return review.register(contract, number, TODAY)


PERFORMED = date(2026, 11, 1)  # after the contract took effect (8 Oct), before the verification (20 Nov)


def income_form(*args, performed_on: date | None = PERFORMED, **changes):
    """The income-verification form (`income.IncomeInput`) of a contract performed on 1 Nov 2026."""
    from services.contracts.domain.income import IncomeInput

    return IncomeInput(*args, performed_on=performed_on, **changes)
