"""Technical-income verification (技术性收入核定, 第十七条 – 第二十条)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.contracts.domain.contract import Contract, Status
from services.contracts.domain.kinds import ContractForm
from services.contracts.domain.money import parse_amount, yuan
from services.contracts.domain.records import CostItem, CostKind, Verification
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Stamp, require_role
from services.contracts.domain.rules import StateRule, require_status
from shared.errors import ProblemCollector

GOVERNMENT_CAP = Decimal("0.20")  # 第十八条: 最高可以按合同金额的20%核定
OPEN_ENDED_YEARS = 5              # 第十九条: 最长年限为五年


@dataclass(frozen=True)
class CostInput:
    kind: CostKind
    amount: object
    description: str = ""
    subject_direct_cost: bool = False


@dataclass(frozen=True)
class IncomeInput:
    total: object
    costs: object
    non_technical_costs: tuple[CostInput, ...] = ()
    buyer_confirmed: bool = False        # 第二十条: the buyer's seals on the form
    valuation: object | None = None      # 技术产权交易: 技术作价金额
    dividends: object | None = None      # 技术产权交易: 分红收入
    performed_on: date | None = None     # 第十七条 "在合同兑现后": the day the contract was performed


def technical_transaction_amount(total: Decimal, items: tuple[CostItem, ...]) -> Decimal:
    """第十七条 技术交易额 = total − non-technical costs; a reasonable quantity of the subject is not deducted."""
    return total - sum((i.amount for i in items if not i.subject_direct_cost), Decimal("0.00"))


def government_cap(income: Decimal, contract_amount: Decimal) -> tuple[Decimal, bool]:
    """第十八条 government projects: technical income at most 20 % of the contract amount (half-up to 分)."""
    cap = yuan(contract_amount * GOVERNMENT_CAP)
    return (cap, True) if income > cap else (income, False)


def verification_window_ends(registered_on: date) -> date:
    """第十九条: an open-ended contract's registration lasts at most 5 years (29 Feb → 28 Feb)."""
    try:
        return registered_on.replace(year=registered_on.year + OPEN_ENDED_YEARS)
    except ValueError:
        return registered_on.replace(year=registered_on.year + OPEN_ENDED_YEARS, day=28)


def may_verify(contract: Contract, today: date) -> None:
    """After registration; once, or — open-ended — many times within 5 years of registration."""
    require_status(contract.status, (Status.REGISTERED,), "verify-registered", "an income verification")
    if contract.flags.open_ended:
        if today > verification_window_ends(contract.registered_on):
            raise StateRule.broken("five-year-limit", "an open-ended contract's income is verified within 5 years "
                                   f"of its registration (until {verification_window_ends(contract.registered_on)})",
                                   article="第十九条")
    elif contract.verifications:
        raise StateRule.broken("verified-once", "only an open-ended contract is verified more than once (第十九条)",
                               article="第十九条")


def check_performed(contract: Contract, performed_on: date | None, today: date, problems: ProblemCollector) -> None:
    """第十七条: technical income is verified "在合同兑现后", after the contract was performed — on the form, the day
    it was (the last payment received; for an open-ended contract the performance this verification covers). Not
    after the verification's own day, and not before the contract took effect (a contract is performed only once it
    is in force)."""
    if performed_on is None:
        problems.add("performed_on", "after-performance", "the day the contract was performed (兑现) is required: "
                     "income is verified only after performance", "第十七条")
    elif performed_on > today:
        problems.add("performed_on", "after-performance", f"the contract is performed on {performed_on}: its income "
                     f"is verified from that day on, not on {today}", "第十七条", earliest=str(performed_on))
    elif performed_on < contract.effective_on:
        problems.add("performed_on", "performed-after-effect", f"a contract is performed once it took effect "
                     f"({contract.effective_on})", "第十七条", earliest=str(contract.effective_on))


def verify(contract: Contract, verification_id: str, data: IncomeInput, stamp: Stamp, today: date
           ) -> tuple[Contract, Verification]:
    """《技术合同技术性收入核定表》: transaction amount and technical income, with the 20 % government cap, after
    the contract was performed."""
    require_role(Actor(stamp.user, stamp.role), REGISTRAR_ROLES, "verifying technical income")
    may_verify(contract, today)
    problems = ProblemCollector()
    check_performed(contract, data.performed_on, today, problems)
    total = parse_amount("total", data.total, problems)
    costs = parse_amount("costs", data.costs, problems, allow_zero=True)
    items = _cost_items(data.non_technical_costs, problems)
    if contract.foreign_seller and not data.buyer_confirmed:
        problems.add("buyer_confirmed", "buyer-confirmation", "a foreign seller's verification needs the buyer's "
                     "unit seal and finance seal on the form (第二十条)")
    problems.raise_if_any("The income verification cannot be recorded")
    transaction, income = _amounts(contract, data, total, costs, items, problems)
    problems.raise_if_any("The income verification cannot be recorded")
    income, capped = government_cap(income, contract.amount) if contract.flags.government_project else (income, False)
    record = Verification(verification_id, today, total, items, costs, transaction, income, capped,
                          data.buyer_confirmed, stamp, data.performed_on)
    return replace(contract, verifications=contract.verifications + (record,)), record


def _amounts(contract: Contract, data: IncomeInput, total: Decimal, costs: Decimal, items: tuple[CostItem, ...],
             problems: ProblemCollector) -> tuple[Decimal, Decimal]:
    if contract.form is ContractForm.PROPERTY_RIGHTS_TRADING:
        # 第十八条: 以其技术作价金额为技术交易额, 以分红收入为技术性收入
        valuation = parse_amount("valuation", data.valuation, problems)
        dividends = parse_amount("dividends", data.dividends, problems, allow_zero=True)
        return valuation, dividends
    transaction = technical_transaction_amount(total, items)
    if transaction < 0:
        problems.add("non_technical_costs", "costs-within-total", "non-technical costs exceed the total")
    elif costs > transaction:
        problems.add("costs", "costs-within-total", "costs exceed the technical transaction amount")
    return transaction, transaction - costs


def _cost_items(items: tuple[CostInput, ...], problems: ProblemCollector) -> tuple[CostItem, ...]:
    parsed = []
    for i, item in enumerate(items):
        amount = parse_amount(f"non_technical_costs.{i}.amount", item.amount, problems)
        if amount is not None:
            parsed.append(CostItem(item.kind, amount, item.description, item.subject_direct_cost))
    return tuple(parsed)
