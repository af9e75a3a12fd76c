"""Arrival of an application: validation and the routing rules (第三条, 第九条, 第十一条, 第十五条)."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from stdnum.cn import uscc as uscc_code

from services.contracts.domain.contract import Contract, Flags, Kind, Party, Status
from services.contracts.domain.kinds import (BY_CONTENT, IP_KINDS, IP_OFFICE_REGISTRY, TYPE_DETAILS, ContractForm,
                                             ContractType, Material, PatentSubject, RegisterAtIpOffice,
                                             registered_type, required_materials)
from services.contracts.domain.money import parse_amount
from services.contracts.domain.numbering import is_registrar_code
from services.contracts.domain.roles import Role, Stamp
from services.contracts.domain.rules import act_date
from shared.errors import Conflict, InvalidInput, ProblemCollector, refusal

DECISION_DAYS = 30  # 第六条 "自正式受理之日起30日内" — calendar days (日, not 工作日)


@dataclass(frozen=True)
class ApplicationInput:
    form: ContractForm
    title: str
    seller: Party
    buyer: Party
    seller_in_beijing: bool
    amount: object
    signed_on: date
    effective_on: date
    registrar_code: str
    expiry_on: date | None = None
    content_type: ContractType | None = None
    patent_subject: PatentSubject = PatentSubject.NONE
    intermediary: Party | None = None
    main_contract_number: str | None = None
    flags: Flags = field(default_factory=Flags)
    materials: tuple[Material, ...] = ()
    type_details: dict[str, str] = field(default_factory=dict)
    on: date | None = None
    """The day of formal acceptance (正式受理): the day of filing unless an officer records an earlier paper one."""


def decision_due(accepted_on: date) -> date:
    """第六条: the registrar decides within 30 (calendar) days of formal acceptance (正式受理)."""
    return accepted_on + timedelta(days=DECISION_DAYS)


def filing_or_registration(seller_in_beijing: bool) -> Kind:
    """第三条 registered once in the seller's locality; 第十五条 a seller outside Beijing: the buyer files (备案)."""
    return Kind.REGISTRATION if seller_in_beijing else Kind.FILING


def submit(contract_id: str, data: ApplicationInput, submitted_by: Stamp, today: date,
           main_contract_registered: bool) -> Contract:
    """Formal acceptance (正式受理) of an application, or every broken rule at once (nothing is stored); the 30 days
    of 第六条 run from the day of acceptance (`on`, today by default)."""
    refuse_patent_contracts(data.patent_subject)
    accepted_on = act_date(data.on, today, not_before=data.signed_on, what="the contract's signing")
    if accepted_on != today and submitted_by.role is Role.APPLICANT:
        raise InvalidInput("a party's own filing is accepted on the day it is filed", errors=[refusal(
            "on", "accepted-on-filing", "only a registrar records an earlier day of acceptance (a paper application)",
            "第六条")])
    problems = ProblemCollector()
    amount = parse_amount("amount", data.amount, problems)
    _check_text_and_dates(data, problems)
    _check_parties(data, problems)
    _check_locality(data, problems)
    _check_type(data, main_contract_registered, problems)
    _check_type_details(registered_type(data.form, data.content_type), data.type_details, problems)
    problems.raise_if_any("The application cannot be accepted")
    flags = data.flags
    return Contract(
        id=contract_id, kind=filing_or_registration(data.seller_in_beijing), form=data.form,
        contract_type=registered_type(data.form, data.content_type), title=data.title.strip(),
        seller=data.seller, buyer=data.buyer, intermediary=data.intermediary,
        main_contract_number=data.main_contract_number, amount=amount, signed_on=data.signed_on,
        effective_on=data.effective_on, expiry_on=data.expiry_on, flags=flags, registrar_code=data.registrar_code,
        materials=tuple(dict.fromkeys(data.materials)), type_details=dict(data.type_details),
        required_materials=required_materials(
            data.form, internal_department=flags.internal_department, government_project=flags.government_project,
            needs_production_licence=flags.needs_production_licence, classified=flags.classified,
            foreign_seller_via_agent=flags.foreign_seller_via_agent),
        submitted_by=submitted_by, accepted_on=accepted_on, decision_due=decision_due(accepted_on))


BEIJING = "11"  # the province part (省级) of an administrative division code
CITY_LEVEL = frozenset({"110000", "110100"})  # registered by the municipal authority: the locality is the city
MERGED_DISTRICTS = {"110103": "110101", "110104": "110102"}  # 崇文 → 东城, 宣武 → 西城 (2010)


def locality(party: Party) -> str | None:
    """The division code of the authority that registered the party: characters 3–8 of its USCC (GB 32100
    登记管理机关行政区划码), a merged district's successor for a code issued before 2010; None for a foreign
    party.

    Where the regulation is silent on how the registrar knows the seller's locality (第三条 "按地域卖方"), the
    USCC says it: it is on the business licence the application brings, and cannot be mistyped unnoticed (its
    check character). A party that moved keeps its code: the registrar can see that on the licence and file it
    at the new district by hand — rare enough not to open a hole in the rule for everyone."""
    if party.uscc is None:
        return None
    code = party.uscc[2:8]
    return MERGED_DISTRICTS.get(code, code)


def in_beijing(party: Party) -> bool | None:
    code = locality(party)
    return None if code is None else code.startswith(BEIJING)


def _check_locality(data: ApplicationInput, problems: ProblemCollector) -> None:
    """第三条 registered once in the seller's locality: a Beijing seller's contract at the registrar of its district
    (any registrar for one registered by the municipal authority); 第十五条 a seller outside Beijing: the buyer files
    (备案), at the registrar of the buyer's district by the same reasoning, and the buyer must be a Beijing unit. A
    foreign seller applies through a Beijing agent (第十条), at the registrar the agent chooses."""
    seller_in_beijing = in_beijing(data.seller)
    if seller_in_beijing is None or not is_registrar_code(data.registrar_code):
        return
    if seller_in_beijing != data.seller_in_beijing:
        where = "in Beijing: its contract is registered, not filed" if seller_in_beijing else \
            "outside Beijing: the buyer files the contract (备案) instead of registering it"
        problems.add("seller_in_beijing", "seller-locality", f"the seller's USCC says it is registered {where}",
                     "第十五条" if not seller_in_beijing else "第三条")
        return
    party, name, article = (data.seller, "seller", "第三条") if seller_in_beijing else (data.buyer, "buyer", "第十五条")
    if not seller_in_beijing and not in_beijing(data.buyer):
        problems.add("buyer.uscc", "buyer-in-beijing", "a contract whose seller is outside Beijing is filed here by a "
                     "Beijing buyer (第十五条)", "第十五条")
        return
    district = locality(party)
    if district not in CITY_LEVEL and district != data.registrar_code:
        problems.add("registrar_code", f"{name}-locality-registrar", f"the contract is registered at the registrar "
                     f"of the {name}'s district, {district}", article, expected=district)


def registration_key(contract: Contract) -> str:
    """第三条 一次性登记: one contract, one application or record, whoever files it and however often. The same
    contract is the same seller and buyer (USCC, or a foreign party's country and identity number), signed the same
    day, under the same name (合同名称, compared without spaces, case or full-width differences) — what a
    registrar compares first on two contract texts. The parties' own contract numbers are not on every contract.

    A refused application frees the key (its parties may correct it and apply again, 第十三条); a contract that
    ended (terminated, revoked, invalidated) keeps it: the same contract does not come back. An appeal (复核,
    第十四条) takes the key back: if the parties have applied again meanwhile, the appeal is a 409 registered-once
    naming the new application, which is the one to pursue. Hashed, so the unique
    index stays small whatever the name's length."""
    parts = (_identity(contract.seller), _identity(contract.buyer), contract.signed_on.isoformat(),
             "".join(unicodedata.normalize("NFKC", contract.title).casefold().split()))
    key = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return key if contract.status is not Status.REFUSED else f"{key}:refused:{contract.id}"


def _identity(party: Party) -> str:
    return party.uscc or f"{party.foreign_country}:{party.foreign_id}"


def registered_once(other_id: str | None) -> Conflict:
    message = "this contract (the same seller, buyer, signing day and name) is already applied for or on record"
    return Conflict(message, errors=[refusal("title", "registered-once", message, "第三条", contract_id=other_id)])


def refuse_patent_contracts(subject: PatentSubject) -> None:
    """第十一条: patent transfer, patent-application-right transfer and patent licences go to the IP office."""
    if subject is not PatentSubject.NONE:
        message = f"a {subject.value.replace('_', ' ')} contract is registered at {IP_OFFICE_REGISTRY}"
        raise RegisterAtIpOffice(message, errors=[refusal("patent_subject", "register-at-ip-office", message,
                                                          "第十一条", registry=IP_OFFICE_REGISTRY)])


def _check_text_and_dates(data: ApplicationInput, problems: ProblemCollector) -> None:
    if not data.title.strip():
        problems.add("title", "required", "the contract's name is required")
    if not is_registrar_code(data.registrar_code):
        problems.add("registrar_code", "beijing-registrar", "a registrar code is a Beijing district code 1101xx")
    if data.effective_on < data.signed_on:
        problems.add("effective_on", "not-before-signing", "a contract cannot take effect before it is signed")
    if data.expiry_on is not None and data.effective_on > data.expiry_on:
        problems.add("effective_on", "effective-before-expiry", "the effective date is after the expiry date")
    if data.expiry_on is None and not data.flags.open_ended:
        problems.add("expiry_on", "required", "an expiry date is required unless the contract is open-ended")


def _check_parties(data: ApplicationInput, problems: ProblemCollector) -> None:
    for name, party in (("seller", data.seller), ("buyer", data.buyer), ("intermediary", data.intermediary)):
        if party is not None:
            _check_party(name, party, problems)
    if data.seller.uscc is None and not data.flags.foreign_seller_via_agent:
        problems.add("flags.foreign_seller_via_agent", "foreign-seller-agent",
                     "a foreign seller applies through an agent in Beijing (第十条)", "第十条")


def _check_party(name: str, party: Party, problems: ProblemCollector) -> None:
    if not party.name.strip():
        problems.add(f"{name}.name", "required", f"the {name}'s name is required")
    if party.uscc is not None:
        if not uscc_code.is_valid(party.uscc):
            problems.add(f"{name}.uscc", "uscc-check-character", "not a valid unified social credit code (GB 32100)")
    elif not (party.foreign_country and party.foreign_id):
        problems.add(f"{name}.uscc", "identity-required",
                     f"the {name} needs a USCC or a foreign country and identity number")


def _check_type(data: ApplicationInput, main_contract_registered: bool, problems: ProblemCollector) -> None:
    if data.form in BY_CONTENT and data.content_type is None:
        problems.add("content_type", "required", "technology contracting and property-rights trading are "
                     "registered by their content: development, transfer, consulting or service (第九条)", "第九条")
    if data.form is ContractForm.INTERMEDIARY:
        if data.intermediary is None:
            problems.add("intermediary", "required", "an intermediary contract names the intermediary")
        if not main_contract_registered:
            problems.add("main_contract_number", "registered-main-contract",
                         "an intermediary contract needs the registered main contract it brokered (第九条)", "第九条")


def _check_type_details(contract_type: ContractType | None, details: dict[str, str],
                        problems: ProblemCollector) -> None:
    """The registered record's type-specific fields: each required one given, no others."""
    if contract_type is None:
        return
    expected = TYPE_DETAILS[contract_type]
    for name in expected:
        if not (details.get(name) or "").strip():
            problems.add(f"type_details.{name}", "required", f"a {contract_type.value} contract states its {name}")
    for name in details.keys() - set(expected):
        problems.add(f"type_details.{name}", "field-of-type",
                     f"{name} is not a field of a {contract_type.value} contract")
    if contract_type is ContractType.TRANSFER and details.get("ip_kind", IP_KINDS[0]) not in IP_KINDS:
        problems.add("type_details.ip_kind", "ip-kind", f"the IP transferred is one of {', '.join(IP_KINDS)}")
