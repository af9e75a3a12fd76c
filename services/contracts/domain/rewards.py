"""Rewards (奖酬金, 第二十二条), fees (登记费 / 提奖手续费, 第二十三条) and the tax-relief documents (第二十一条)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.contracts.domain.contract import ON_RECORD, Contract, Status
from services.contracts.domain.money import parse_amount, parse_ratio, yuan
from services.contracts.domain.records import RewardParty, RewardSlip, Verification
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Stamp, require_role
from services.contracts.domain.rules import StateRule, require_status
from shared.errors import InvalidInput, ProblemCollector, refusal

SELLER_MINIMUM_ALLOWED = Decimal("0.20")  # 卖方可以提取不低于20%
SELLER_APPROVED_CAP = Decimal("0.25")     # 经登记机构审批的比例不超过25%
AGRICULTURAL_CAP = Decimal("0.50")        # 直接为农业生产服务的不超过50%
BUYER_RATIO = Decimal("0.35")             # 买方: 获利当年新增收益中一次性提取35%
REGISTRATION_FEE_RATE = Decimal("0.001")  # 登记费: 成交额的0.1%
REWARD_PROCESSING_FEE = Decimal("30.00")  # 提奖手续费: 每项每次30元


@dataclass(frozen=True)
class RewardInput:
    party: RewardParty
    ratio: object
    verification_id: str | None = None  # seller: the verification whose technical income is the base
    new_profit: object | None = None    # buyer: the new profit in the year it applied the technology
    profit_year: int | None = None


def seller_ratio_floor() -> Decimal:
    """第二十二条 卖方可以从技术交易的净收入中提取不低于20%的比例: a seller's slip is for 20 % of the net technical
    income or more ("不低于" includes 20 % itself)."""
    return SELLER_MINIMUM_ALLOWED


def seller_ratio_cap(agricultural_service: bool) -> Decimal:
    """第二十二条: an approved seller ratio ≤ 25 %, ≤ 50 % for direct agricultural services.

    The seller may always pay at least 20 % (SELLER_MINIMUM_ALLOWED); the slip is issued by the registrar, so
    every ratio on a slip is an approved one and the cap applies to it.
    """
    return AGRICULTURAL_CAP if agricultural_service else SELLER_APPROVED_CAP


def reward_amount(base: Decimal, ratio: Decimal) -> Decimal:
    return yuan(base * ratio)


def issue_reward(contract: Contract, slip_id: str, data: RewardInput, stamp: Stamp, today: date
                 ) -> tuple[Contract, RewardSlip]:
    """《技术交易奖酬金领取单》 with its 30-yuan processing fee."""
    require_role(Actor(stamp.user, stamp.role), REGISTRAR_ROLES, "issuing a reward slip")
    problems = ProblemCollector()
    ratio = parse_ratio("ratio", data.ratio, problems)
    problems.raise_if_any("The reward cannot be issued")
    if data.party is RewardParty.SELLER:
        base, verification_id, year = _seller_base(contract, data, ratio), data.verification_id, None
    else:
        base, verification_id, year = _buyer_base(contract, data, ratio), None, data.profit_year
    slip = RewardSlip(slip_id, data.party, base, ratio, reward_amount(base, ratio), REWARD_PROCESSING_FEE, today,
                      stamp, verification_id, year)
    return replace(contract, rewards=contract.rewards + (slip,)), slip


def _seller_base(contract: Contract, data: RewardInput, ratio: Decimal) -> Decimal:
    require_status(contract.status, (Status.REGISTERED,), "reward-on-registered", "a seller's reward")
    verification = next((v for v in contract.verifications if v.id == data.verification_id), None)
    if verification is None:
        raise InvalidInput.on("verification_id", "verified-income",
                              "a seller's reward is based on one of this contract's income verifications")
    floor = seller_ratio_floor()
    if ratio < floor:
        message = f"a seller's reward is at least {floor:.0%} of net technical income (第二十二条)"
        raise InvalidInput(message, errors=[refusal("ratio", "reward-floor", message, "第二十二条", floor=str(floor))])
    cap = seller_ratio_cap(contract.flags.agricultural_service)
    if ratio > cap:
        message = f"an approved seller reward is at most {cap:.0%} of net technical income (第二十二条)"
        raise InvalidInput(message, errors=[refusal("ratio", "reward-cap", message, "第二十二条", cap=str(cap))])
    return verification.technical_income


def _buyer_base(contract: Contract, data: RewardInput, ratio: Decimal) -> Decimal:
    require_status(contract.status, ON_RECORD, "reward-on-registered", "a buyer's reward")
    if any(s.party is RewardParty.BUYER for s in contract.rewards):
        raise StateRule.broken("buyer-reward-once", "the buyer's reward is taken once (一次性提取)",
                               field="party", article="第二十二条")
    if ratio > BUYER_RATIO:
        message = "the buyer's reward is at most 35 % of the new profit (第二十二条)"
        raise InvalidInput(message, errors=[refusal("ratio", "reward-cap", message, "第二十二条",
                                                    cap=str(BUYER_RATIO))])
    problems = ProblemCollector()
    profit = parse_amount("new_profit", data.new_profit, problems)
    if data.profit_year is None:
        problems.add("profit_year", "required", "the year in which the technology brought the profit")
    problems.raise_if_any("The reward cannot be issued")
    return profit


@dataclass(frozen=True)
class InvoiceLine:
    item: str
    basis: str
    amount: Decimal


def registration_fee(turnover: Decimal) -> Decimal:
    """第二十三条 登记费: 0.1 % of the contract turnover, half-up to 分."""
    return yuan(turnover * REGISTRATION_FEE_RATE)


def realised_turnover(contract: Contract) -> Decimal:
    """第二十三条 "按实现的技术合同成交额": the turnover realised, as the income verifications record it (each one's
    total, 合同交易总额, after performance, 第十七条; an open-ended contract's verifications add up, 第十九条). Not
    the amount agreed: a contract performed in part pays on the part performed; one not yet performed owes 0."""
    return sum((v.total for v in contract.verifications), Decimal("0.00"))


def invoice(contract: Contract) -> tuple[tuple[InvoiceLine, ...], Decimal]:
    """Itemised fees: the registration fee on the realised turnover, and 30 yuan for each reward slip (每项每次)."""
    if contract.registration_number is None:
        raise StateRule.broken("fees-after-registration", "fees are invoiced once the contract is on record",
                               article="第二十三条")
    realised = realised_turnover(contract)
    basis = f"0.1 % of the realised turnover {realised}" if contract.verifications else \
        "0.1 % of the realised turnover: nothing realised yet (no income verification)"
    lines = [InvoiceLine("registration_fee", basis, registration_fee(realised))]
    lines += [InvoiceLine("reward_processing_fee", f"reward slip {s.id} ({s.party.value})", s.processing_fee)
              for s in contract.rewards]
    return tuple(lines), sum((line.amount for line in lines), Decimal("0.00"))


@dataclass(frozen=True)
class TaxBundle:
    """第二十一条: registered contract, income-verification form, reward slip."""

    contract: Contract | None
    verification: Verification | None
    reward_slip: RewardSlip | None

    @property
    def missing(self) -> tuple[str, ...]:
        names = ("registered_contract", "income_verification", "reward_slip")
        return tuple(n for n, doc in zip(names, (self.contract, self.verification, self.reward_slip)) if doc is None)


def tax_relief_bundle(contract: Contract) -> TaxBundle:
    """The latest verification and the latest seller's slip (based on any verification) of a registered contract."""
    registered = contract if contract.status is Status.REGISTERED else None
    verification = contract.verifications[-1] if contract.verifications else None
    slip = next((s for s in reversed(contract.rewards) if s.party is RewardParty.SELLER), None)
    return TaxBundle(registered, verification, slip)
