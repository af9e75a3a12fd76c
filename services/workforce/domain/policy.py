"""The pay tables (社区工作者待遇, 管理办法 第五条) and the bonus weights; bootstrap may override the defaults."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.workforce.domain.positions import Tier

D = Decimal


@dataclass(frozen=True)
class HousingFundRate:
    """住房公积金 rates in force from `since`: the unit's contribution and the person's own (withheld from pay),
    each a fraction of the contribution base."""

    since: date
    unit: Decimal
    personal: Decimal


@dataclass(frozen=True)
class OneChildFee:
    """独生子女费 in force from `since`: yuan a month the street office pays a worker holding the one-child
    parents' certificate (独生子女父母光荣证), until the child turns 18."""

    since: date
    monthly: Decimal


# 社区工作者管理办法 第五条(一)4: 享受独生子女费和住房公积金 "按照市有关规定" — the regulation names no amount or
# rate; these defaults are the city rules it points to, dated so a change applies from its month:
#  - housing fund: 12 % unit + 12 % personal, the top of Beijing's 5 %–12 % band (北京住房公积金管理委员会; the
#    band's top is what public institutions pay);
#  - one-child fee: 5 yuan a month, the unit's half of the 10 yuan a month 独生子女父母奖励费 that
#    北京市人口与计划生育条例 grants until the child is 18, each parent's unit bearing 50 %.
HOUSING_FUND_RATES = (HousingFundRate(date(2000, 1, 1), D("0.12"), D("0.12")),)
ONE_CHILD_FEES = (OneChildFee(date(2000, 1, 1), D("5")),)


def in_force(table, day: date):
    """The entry of a dated table (sorted or not) in force on `day`, or None before the first one."""
    started = [entry for entry in table if entry.since <= day]
    return max(started, key=lambda entry: entry.since) if started else None


@dataclass(frozen=True)
class PayTable:
    """Monthly amounts in yuan. Districts may raise the bonus and professional allowances (可适当上浮/提高)."""

    base: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("720"), Tier.DEPUTY: D("640"), Tier.STAFF: D("590")})            # 基本工资
    tenure_start: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("960"), Tier.DEPUTY: D("845"), Tier.STAFF: D("740")})            # 起点职务年限补贴
    tenure_step: Decimal = D("50")                                                     # 每年增长50元
    professional: dict[str, Decimal] = field(default_factory=lambda: {
        "social_worker": D("80"), "assistant_social_worker": D("50")})                # 职业水平补贴
    housing_fund: tuple[HousingFundRate, ...] = HOUSING_FUND_RATES                     # 住房公积金
    one_child_fee: tuple[OneChildFee, ...] = ONE_CHILD_FEES                            # 独生子女费


@dataclass(frozen=True)
class BonusWeights:
    """奖金总额包干: pool = per_head × headcount a year, split "by position and assessment" (拉开档次).

    The regulation fixes the pool, not the split: the default weights below (position × grade) are this
    platform's choice, documented and configurable. A share is pool × weight / Σ weights. A worker without a
    grade for the year (e.g. hired after the assessment) weighs as `ungraded`."""

    per_head: Decimal = D("3600")
    position: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("1.2"), Tier.DEPUTY: D("1.1"), Tier.STAFF: D("1.0")})
    grade: dict[str, Decimal] = field(default_factory=lambda: {
        "excellent": D("1.2"), "pass": D("1.0"), "basic_pass": D("0.8"), "fail": D("0")})
    ungraded: Decimal = D("1.0")


@dataclass(frozen=True)
class Policy:
    pay: PayTable = field(default_factory=PayTable)
    bonus: BonusWeights = field(default_factory=BonusWeights)
    minimum_weekly_hours: Decimal = D("40")    # 每周工作时间不少于40小时
    max_recruit_age: int = 40
